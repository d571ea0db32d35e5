package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.ColumnType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code APPROX_COUNT_DISTINCT(x)}: a {@link HyperLogLog} per group over the hashes of the non-NULL
 * values (floating-point values hashed as SQL compares them: {@code -0.0} as {@code 0.0}, one NaN).
 * The result is an INT64, 0 for a group without values, never NULL.
 */
final class ApproxDistinctAccumulator extends SketchAccumulator<HyperLogLog> {
  /** Keeps a value's hash away from 0 (the murmur finaliser maps 0 to 0). */
  private static final long SEED = 0x9E3779B97F4A7C15L;

  private final ColumnType type;

  ApproxDistinctAccumulator(ArrowType argument, String label) {
    super(label);
    this.type = ColumnType.of(argument);
  }

  @Override
  HyperLogLog newSketch() {
    return new HyperLogLog();
  }

  @Override
  long add(HyperLogLog sketch, DenseColumn values, int i) {
    return sketch.add(hash(values, i));
  }

  private long hash(DenseColumn values, int i) {
    return switch (type) {
      case UTF8, VARBINARY ->
          KeyHashing.hashBytes(values.bytes, values.offsets[i], values.offsets[i + 1]);
      case FLOAT32, FLOAT64 -> KeyHashing.mix(KeyHashing.normalizedBits(values.doubles[i]) + SEED);
      case DECIMAL128 -> KeyHashing.mix128(values.highs[i], values.longs[i] + SEED);
      case BOOL, INT32, INT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
          KeyHashing.mix(values.longs[i] + SEED);
    };
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    int count = to - from;
    long[] estimates = new long[count];
    for (int g = from; g < to; g++) {
      HyperLogLog sketch = existing(g);
      estimates[g - from] = sketch == null ? 0 : sketch.estimate();
    }
    return StateVectors.fromLongs(field, ColumnType.INT64, estimates, null, 0, count, allocator);
  }
}
