package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code APPROX_QUANTILE(x, fraction)}: a {@link QuantileSketch} per group over the non-NULL values
 * of numeric input (decimals as the nearest double); the result is a FLOAT64 within 1% of a value
 * at that rank, NULL for a group without values.
 */
final class ApproxQuantileAccumulator extends SketchAccumulator<QuantileSketch> {
  private final ColumnType type;
  private final int decimalScale;
  private final double fraction;

  ApproxQuantileAccumulator(ArrowType argument, double fraction, String label) {
    super(label);
    this.type = ColumnType.of(argument);
    if (!type.isNumeric()) {
      throw new KernelException(KernelException.Kind.INTERNAL, label + " of " + argument);
    }
    this.decimalScale = type == ColumnType.DECIMAL128 ? Decimal128.scale(argument) : -1;
    this.fraction = fraction;
  }

  @Override
  QuantileSketch newSketch() {
    return new QuantileSketch();
  }

  @Override
  long add(QuantileSketch sketch, DenseColumn values, int i) {
    return sketch.add(values.asDouble(i, decimalScale));
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    int count = to - from;
    double[] quantiles = new double[count];
    long[] valid = GroupBits.ensure(new long[0], count);
    for (int g = from; g < to; g++) {
      QuantileSketch sketch = existing(g);
      if (sketch != null && sketch.count() > 0) {
        quantiles[g - from] = sketch.quantile(fraction);
        GroupBits.set(valid, g - from);
      }
    }
    return StateVectors.fromDoubles(field, quantiles, valid, 0, count, allocator);
  }
}
