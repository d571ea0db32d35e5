package io.buzz.storage.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Plans the requests for a list of ranges: sorts them, merges those whose gap is small (or that
 * overlap) into groups, and splits each group into parts no larger than the request limit. Pure
 * function, no I/O.
 */
final class RangeCoalescer {
  /** Keeps a merged group addressable by one heap buffer. */
  static final int MAX_GROUP_BYTES = Integer.MAX_VALUE - 64;

  /**
   * Bytes {@code [offset, offset + length)} fetched into one buffer by {@code parts}; {@code
   * members} are the indices of the requested ranges it covers.
   */
  record Group(long offset, int length, int[] members, List<ByteRange> parts) {}

  private RangeCoalescer() {}

  static List<Group> plan(List<ByteRange> ranges, int maxGapBytes, int maxRequestBytes) {
    int count = ranges.size();
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong(i -> ranges.get(i).offset()));
    List<Group> groups = new ArrayList<>();
    int i = 0;
    while (i < count) {
      ByteRange first = ranges.get(order[i]);
      long start = first.offset();
      long end = first.end();
      int j = i + 1;
      while (j < count) {
        ByteRange next = ranges.get(order[j]);
        long mergedEnd = Math.max(end, next.end());
        if (next.offset() - end > maxGapBytes || mergedEnd - start > MAX_GROUP_BYTES) {
          break;
        }
        end = mergedEnd;
        j++;
      }
      int[] members = new int[j - i];
      for (int k = i; k < j; k++) {
        members[k - i] = order[k];
      }
      int length = (int) (end - start);
      groups.add(new Group(start, length, members, split(start, length, maxRequestBytes)));
      i = j;
    }
    return groups;
  }

  private static List<ByteRange> split(long start, int length, int maxRequestBytes) {
    List<ByteRange> parts = new ArrayList<>(length / maxRequestBytes + 1);
    int done = 0;
    while (done < length) {
      int part = Math.min(maxRequestBytes, length - done);
      parts.add(new ByteRange(start + done, part));
      done += part;
    }
    return parts;
  }
}
