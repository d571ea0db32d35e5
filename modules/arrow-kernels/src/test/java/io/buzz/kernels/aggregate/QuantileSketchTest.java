package io.buzz.kernels.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
  private static final double[] FRACTIONS = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};

  private static byte[] encoded(QuantileSketch sketch) {
    byte[] bytes = new byte[sketch.encodedSize()];
    sketch.encode(bytes, 0);
    return bytes;
  }

  /** Asserts every quantile is within 1% of the exact value at its rank. */
  private static void assertAccurate(QuantileSketch sketch, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (double fraction : FRACTIONS) {
      double exact = sorted[(int) Math.floor(fraction * (sorted.length - 1))];
      double estimate = sketch.quantile(fraction);
      assertThat(Math.abs(estimate - exact))
          .as("quantile %s: %s against %s", fraction, estimate, exact)
          .isLessThanOrEqualTo(QuantileSketch.RELATIVE_ACCURACY * Math.abs(exact) + 1e-300);
    }
  }

  @Test
  void quantilesAreWithinOnePercentWhateverTheDistribution() {
    Random random = new Random(7);
    double[][] distributions = new double[5][20_000];
    for (int i = 0; i < 20_000; i++) {
      distributions[0][i] = random.nextDouble() * 1000; // uniform
      distributions[1][i] = Math.exp(random.nextGaussian() * 5); // heavy tail
      distributions[2][i] = random.nextGaussian() * 100; // both signs
      distributions[3][i] = random.nextInt(5) - 2; // few values with zeros
      distributions[4][i] = 1e12 + random.nextInt(1000); // large offset
    }
    for (double[] values : distributions) {
      QuantileSketch sketch = new QuantileSketch();
      for (double value : values) {
        sketch.add(value);
      }
      assertAccurate(sketch, values);
      assertThat(sketch.count()).isEqualTo(values.length);
    }
  }

  @Test
  void extremesAndSpecialValuesKeepSqlOrder() {
    QuantileSketch sketch = new QuantileSketch();
    for (double value :
        new double[] {Double.NEGATIVE_INFINITY, -5, 0, 7, Double.POSITIVE_INFINITY, Double.NaN}) {
      sketch.add(value);
    }
    assertThat(sketch.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(sketch.quantile(0.4)).isEqualTo(0);
    assertThat(sketch.quantile(0.8)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(sketch.quantile(1)).isNaN();
    QuantileSketch one = new QuantileSketch();
    one.add(42.5);
    assertThat(one.quantile(0)).isEqualTo(42.5); // clamped to the exact extremes
    assertThat(one.quantile(1)).isEqualTo(42.5);
  }

  @Test
  void mergingEqualsSketchingEverythingWhateverTheSplit() {
    Random random = new Random(11);
    double[] values = new double[30_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextBoolean() ? Math.exp(random.nextGaussian() * 30) : -random.nextInt(50);
    }
    QuantileSketch whole = new QuantileSketch();
    for (double value : values) {
      whole.add(value);
    }
    for (int parts : new int[] {2, 3, 10}) {
      QuantileSketch merged = new QuantileSketch();
      for (int p = parts - 1; p >= 0; p--) { // merged in reverse order
        QuantileSketch part = new QuantileSketch();
        for (int i = p; i < values.length; i += parts) {
          part.add(values[i]);
        }
        byte[] bytes = encoded(part);
        merged.merge(bytes, 0, bytes.length);
      }
      for (double fraction : FRACTIONS) {
        assertThat(merged.quantile(fraction)).isEqualTo(whole.quantile(fraction));
      }
    }
  }

  @Test
  void aHugeRangeFoldsTheSmallestMagnitudesAndStaysBounded() {
    QuantileSketch sketch = new QuantileSketch();
    for (int e = -300; e <= 300; e++) {
      sketch.add(Math.pow(10, e));
    }
    assertThat(sketch.memoryBytes()).isLessThan(30_000);
    assertThat(sketch.encodedSize()).isLessThan(30_000);
    double top = sketch.quantile(1);
    assertThat(top).isEqualTo(1e300);
    // 2,048 buckets cover ~17 decades: 1e284 and up keep their accuracy, the rest fold upwards
    double high = sketch.quantile(0.99); // rank 594: 1e294
    assertThat(Math.abs(high - 1e294)).isLessThanOrEqualTo(0.01 * 1e294);
    assertThat(sketch.quantile(0.5)).isBetween(1e282, 1e285);
    assertThat(sketch.quantile(0)).isEqualTo(1e-300); // the minimum stays exact
  }

  @Test
  void refusesAnEncodingItDidNotWrite() {
    QuantileSketch sketch = new QuantileSketch();
    assertThatThrownBy(() -> sketch.merge(new byte[] {2, 0, 0}, 0, 3))
        .isInstanceOf(KernelException.class)
        .hasMessageContaining("malformed quantile sketch");
    QuantileSketch other = new QuantileSketch();
    other.add(3);
    byte[] bytes = encoded(other);
    assertThatThrownBy(() -> sketch.merge(bytes, 0, bytes.length - 1))
        .isInstanceOf(KernelException.class);
  }
}
