package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Exact SUM of DECIMAL(p, s) into DECIMAL(38, s): a 128-bit unscaled sum per group and a "seen a
 * value" bit ({@link DecimalAccumulator}). The scale never changes, so adding is adding unscaled
 * values. State and result are the sum, NULL for a group without values.
 *
 * <p>Inputs of at most 18 digits take the long path: only the low words are read and each row is a
 * branch-free 128-bit add of a sign-extended long, which cannot leave the 128-bit range (that would
 * take more than 2^66 rows). Wider inputs and merged states add both words with an overflow check.
 *
 * <p>Errors ({@link KernelException} ARITHMETIC): a running sum leaving the 128-bit range (about
 * ±1.7·10^38), in update or merge; and a final value of more than 38 digits, in {@link #emitFinal}.
 * A partial state may hold such a value (it fits the 128-bit state column), so partial sums that
 * cancel out in FINAL give the same result as SINGLE.
 */
final class DecimalSumAccumulator extends DecimalAccumulator {
  private final String label;
  private final int scale;
  private final boolean longInput;

  DecimalSumAccumulator(String label, ArrowType argument) {
    super(0, 0);
    this.label = label;
    this.scale = Decimal128.scale(argument);
    this.longInput = Decimal128.fitsLong(argument);
  }

  @Override
  public void update(DenseColumn values, int[] groupIds, int n) {
    if (longInput) {
      addLongs(values, groupIds, n);
    } else {
      addWide(values, groupIds, n);
    }
    markSeen(values, groupIds, n);
  }

  @Override
  public void merge(DenseColumn[] states, int[] groupIds, int n) {
    addWide(states[0], groupIds, n);
    markSeen(states[0], groupIds, n);
  }

  /** Adds values that fit a long. NULL rows hold 0 (see DenseColumn), so they add nothing. */
  private void addLongs(DenseColumn values, int[] groupIds, int n) {
    long[] h = highs;
    long[] l = lows;
    long[] v = values.longs;
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      long value = v[i];
      long low = l[g];
      long sum = low + value;
      h[g] += (value >> 63) + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
      l[g] = sum;
    }
  }

  private void addWide(DenseColumn values, int[] groupIds, int n) {
    long[] h = highs;
    long[] l = lows;
    long[] vl = values.longs;
    long[] vh = values.highs;
    try {
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        long low = l[g];
        h[g] = Decimal128.addHigh(h[g], low, vh[i], vl[i]);
        l[g] = low + vl[i];
      }
    } catch (ArithmeticException e) {
      throw overflow();
    }
  }

  private KernelException overflow() {
    return Decimal128.overflow(label, ColumnType.MAX_DECIMAL_PRECISION, scale);
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    for (int g = from; g < to; g++) {
      if (GroupBits.get(seen, g)
          && !Decimal128.fits(highs[g], lows[g], ColumnType.MAX_DECIMAL_PRECISION)) {
        throw overflow();
      }
    }
    return emitValues(field, from, to, allocator);
  }
}
