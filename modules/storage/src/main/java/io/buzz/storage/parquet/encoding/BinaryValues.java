package io.buzz.storage.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Byte-array values, back to back: value {@code i} is {@code bytes()[offsets()[i], offsets()[i +
 * 1])}, the layout of Arrow's variable-width vectors. {@link ValuesDecoder}s of BYTE_ARRAY,
 * FIXED_LEN_BYTE_ARRAY and INT96 append to it; a string column reader has them append straight into
 * its batch's values, so string bytes are copied once from the page, and copied again only into the
 * Arrow vector.
 *
 * <p>Values are appended in index order: appending value {@code i} needs values {@code [0, i)} in
 * place (the reader may move offsets around between reads, e.g. to give null rows empty values).
 * Grows as needed, up to 2 GiB of bytes; beyond that the constructor's {@code tooLarge} error is
 * thrown. Not thread-safe.
 */
public final class BinaryValues {
  private static final int MAX_BYTES = Integer.MAX_VALUE - 64;

  /** Eight bytes of a byte array at any index, for copying short values a word at a time. */
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Supplier<? extends RuntimeException> tooLarge;
  private byte[] bytes;
  private int size;
  private int[] offsets;

  /**
   * @param values the values to make room for
   * @param bytes the bytes to make room for
   * @param tooLarge the error when the values would exceed 2 GiB
   */
  public BinaryValues(int values, int bytes, Supplier<? extends RuntimeException> tooLarge) {
    this.bytes = new byte[Math.max(bytes, 16)];
    this.offsets = new int[Math.max(values, 1) + 1];
    this.tooLarge = tooLarge;
  }

  /** Drops every value: the next one appended is value 0. */
  public void clear() {
    size = 0;
    offsets[0] = 0;
  }

  /** The values' bytes; valid until the next append. */
  public byte[] bytes() {
    return bytes;
  }

  /** Bytes held. */
  public int size() {
    return size;
  }

  /** Where each value starts, and after the last one, where it ends: owned by this object. */
  public int[] offsets() {
    return offsets;
  }

  public int start(int index) {
    return offsets[index];
  }

  public int length(int index) {
    return offsets[index + 1] - offsets[index];
  }

  /** Replaces the values with the next {@code count} values of {@code decoder}. */
  public void readFrom(ValuesDecoder<BinaryValues> decoder, int count) {
    clear();
    decoder.read(this, 0, count);
  }

  /** Appends value {@code index}: {@code length} bytes of {@code source} at {@code from}. */
  public void add(int index, byte[] source, int from, int length) {
    int at = reserve(length);
    System.arraycopy(source, from, bytes, at, length);
    commit(index, length);
  }

  /**
   * Appends values {@code [index, index + count)} of {@code width} bytes each and returns where
   * their bytes go in {@link #bytes()} (back to back), for the caller to write.
   */
  int appendFixed(int index, int count, int width) {
    int at = reserve((long) count * width);
    ensureOffsets(index + count);
    for (int i = 1; i <= count; i++) {
      offsets[index + i] = at + i * width;
    }
    size = at + count * width;
    return at;
  }

  /**
   * Appends values {@code [index, index + n)} from a dictionary whose entry {@code e} is {@code
   * source[starts[e], starts[e + 1])}: row {@code i} gets entry {@code ids[k]}, {@code k} counting
   * the rows whose {@code defs[i]} is set ({@code defs} null when all are), and the other rows an
   * empty value. The ids must be valid entries. One reservation and one offsets check for all the
   * rows, and short values copied in a plain loop: a call of {@link #add} per row, each with its
   * checks and an {@code arraycopy} of a few bytes, was a third of a dictionary string scan's CPU.
   */
  public void gather(int index, int n, byte[] defs, int[] ids, byte[] source, int[] starts) {
    long total = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        int id = ids[k++];
        total += starts[id + 1] - starts[id];
      }
    }
    // Eight bytes of slack: a short value is copied as one eight-byte word.
    int end = reserve(total + Long.BYTES);
    ensureOffsets(index + n);
    byte[] to = bytes;
    int[] ends = offsets;
    int lastWord = source.length - Long.BYTES;
    k = 0;
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        int id = ids[k++];
        int from = starts[id];
        int length = starts[id + 1] - from;
        if (length <= Long.BYTES && from <= lastWord) {
          WORDS.set(to, end, (long) WORDS.get(source, from));
        } else {
          System.arraycopy(source, from, to, end, length);
        }
        end += length;
      }
      ends[index + i + 1] = end;
    }
    size = end;
  }

  /**
   * Appends values {@code [index, index + count)}, which lie back to back in {@code source} at
   * {@code from}, value {@code i} being {@code lengths[i]} bytes long.
   */
  void addAll(int index, int count, byte[] source, int from, int[] lengths) {
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += lengths[i];
    }
    int at = reserve(total);
    System.arraycopy(source, from, bytes, at, (int) total);
    ensureOffsets(index + count);
    int end = at;
    for (int i = 0; i < count; i++) {
      end += lengths[i];
      offsets[index + i + 1] = end;
    }
    size = end;
  }

  /**
   * Makes room for {@code length} more bytes and returns where they go in {@link #bytes()}; {@link
   * #commit} then makes them a value.
   */
  int reserve(long length) {
    long needed = size + length;
    if (needed > bytes.length) {
      if (needed > MAX_BYTES) {
        throw tooLarge.get();
      }
      bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(2L * bytes.length, needed), MAX_BYTES));
    }
    return size;
  }

  /** Makes the {@code length} bytes reserved last value {@code index}. */
  void commit(int index, int length) {
    ensureOffsets(index + 1);
    size += length;
    offsets[index + 1] = size;
  }

  private void ensureOffsets(int last) {
    if (last >= offsets.length) {
      offsets = Arrays.copyOf(offsets, Math.max(2 * offsets.length, last + 1));
    }
  }
}
