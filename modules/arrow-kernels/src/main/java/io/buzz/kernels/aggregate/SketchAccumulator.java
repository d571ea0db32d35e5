package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The accumulator of an approximate aggregate whose state is one {@link GroupSketch} per group,
 * sent between HBee and HComb as one VARBINARY column ({@code "name$sketch"}, never NULL: an empty
 * sketch encodes the empty group). Subclasses fold raw values in and compute final values; this
 * class merges, encodes and accounts memory. A group's sketch is created on its first value.
 */
abstract class SketchAccumulator<S extends GroupSketch> implements GroupsAccumulator {
  private final String label;
  private Object[] sketches = new Object[0];
  private long sketchBytes;

  SketchAccumulator(String label) {
    this.label = label;
  }

  /** A new, empty sketch. */
  abstract S newSketch();

  /**
   * Folds the non-NULL value of row {@code i} of {@code values} into {@code sketch}.
   *
   * @return the change in the sketch's memory
   */
  abstract long add(S sketch, DenseColumn values, int i);

  @Override
  public final void update(DenseColumn values, int[] groupIds, int n) {
    boolean hasNulls = values.hasNulls;
    boolean[] nulls = values.nulls;
    long grown = 0;
    for (int i = 0; i < n; i++) {
      if (!(hasNulls && nulls[i])) {
        grown += add(sketch(groupIds[i]), values, i);
      }
    }
    sketchBytes += grown;
  }

  /** Group {@code group}'s sketch, created empty if it has none. */
  @SuppressWarnings("unchecked")
  final S sketch(int group) {
    Object sketch = sketches[group];
    if (sketch == null) {
      S created = newSketch();
      sketches[group] = created;
      sketchBytes += created.memoryBytes();
      return created;
    }
    return (S) sketch;
  }

  /** Group {@code group}'s sketch, or null if it has seen no value. */
  @SuppressWarnings("unchecked")
  final S existing(int group) {
    return (S) sketches[group];
  }

  /** Records that a sketch grew (or shrank) by {@code bytes}. */
  final void grew(long bytes) {
    sketchBytes += bytes;
  }

  @Override
  public final void ensureGroups(int groups) {
    if (sketches.length < groups) {
      sketches = Arrays.copyOf(sketches, GroupBits.grownCapacity(sketches.length, groups));
    }
  }

  @Override
  public final void merge(DenseColumn[] states, int[] groupIds, int n) {
    DenseColumn state = states[0];
    byte[] bytes = state.bytes;
    int[] offsets = state.offsets;
    for (int i = 0; i < n; i++) {
      if (state.hasNulls && state.nulls[i]) {
        continue;
      }
      int from = offsets[i];
      int to = offsets[i + 1];
      if (to - from > 1) { // a one-byte encoding is an empty sketch
        grew(sketch(groupIds[i]).merge(bytes, from, to));
      }
    }
  }

  @Override
  public final void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out) {
    int count = to - from;
    int[] starts = new int[count + 1];
    long total = 0;
    for (int g = from; g < to; g++) {
      S sketch = existing(g);
      total += sketch == null ? 1 : sketch.encodedSize();
      if (total > Integer.MAX_VALUE - 16) {
        throw new KernelException(
            KernelException.Kind.LIMIT_EXCEEDED,
            label + ": more than 2 GiB of sketches in one output batch");
      }
      starts[g - from + 1] = (int) total;
    }
    byte[] data = new byte[(int) total];
    for (int g = from; g < to; g++) {
      S sketch = existing(g);
      if (sketch != null) {
        sketch.encode(data, starts[g - from]);
      }
    }
    out.add(StateVectors.fromContiguous(fields.get(0), data, starts, -1, 0, count, allocator));
  }

  @Override
  public final long memoryBytes() {
    return 8L * sketches.length + sketchBytes;
  }

  @Override
  public final void release() {
    sketches = new Object[0];
    sketchBytes = 0;
  }

  /** An error for a sketch encoding that is not one this code writes. */
  static KernelException malformed(String sketch, int from, int to) {
    return new KernelException(
        KernelException.Kind.INTERNAL,
        "malformed " + sketch + " state of " + (to - from) + " bytes");
  }
}
