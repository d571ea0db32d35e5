package io.buzz.kernels.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HyperLogLogTest {
  private static long hash(long value) {
    return KeyHashing.mix(value + 0x9E3779B97F4A7C15L);
  }

  private static HyperLogLog of(long from, long to) {
    HyperLogLog sketch = new HyperLogLog();
    for (long v = from; v < to; v++) {
      sketch.add(hash(v));
      sketch.add(hash(v)); // repeats change nothing
    }
    return sketch;
  }

  private static byte[] encoded(HyperLogLog sketch) {
    byte[] bytes = new byte[sketch.encodedSize()];
    sketch.encode(bytes, 0);
    return bytes;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 100, 256})
  void countsExactlyWhileSparse(int distinct) {
    HyperLogLog sketch = of(0, distinct);
    assertThat(sketch.estimate()).isEqualTo(distinct);
    assertThat(sketch.encodedSize()).isEqualTo(1 + 8 * distinct);
  }

  @ParameterizedTest
  @ValueSource(ints = {257, 1_000, 5_000, 20_000, 100_000, 1_000_000})
  void estimatesWithinThreeStandardErrorsOnceDense(int distinct) {
    HyperLogLog sketch = of(1_000_000_000L, 1_000_000_000L + distinct);
    assertThat(sketch.encodedSize()).isEqualTo(1 + HyperLogLog.REGISTERS);
    assertThat((double) sketch.estimate())
        .isCloseTo(distinct, org.assertj.core.data.Percentage.withPercentage(5));
    assertThat(sketch.memoryBytes()).isLessThan(5_000);
  }

  @Test
  void mergingGivesTheSketchOfTheUnionWhateverTheForms() {
    HyperLogLog whole = of(0, 30_000);
    for (int[] cut : new int[][] {{100, 200}, {100, 20_000}, {20_000, 25_000}, {0, 30_000}}) {
      HyperLogLog left = of(0, cut[1]);
      HyperLogLog right = of(cut[0], 30_000); // overlapping ranges
      long grown = left.merge(encoded(right), 0, right.encodedSize());
      assertThat(left.estimate()).isEqualTo(whole.estimate());
      assertThat(encoded(left)).isEqualTo(encoded(whole));
      assertThat(grown).isGreaterThanOrEqualTo(0);
    }
    HyperLogLog small = of(0, 10);
    small.merge(encoded(of(5, 20)), 0, of(5, 20).encodedSize());
    assertThat(small.estimate()).isEqualTo(20);
  }

  @Test
  void refusesAnEncodingItDidNotWrite() {
    HyperLogLog sketch = new HyperLogLog();
    assertThatThrownBy(() -> sketch.merge(new byte[] {1, 2, 3}, 0, 3))
        .isInstanceOf(KernelException.class)
        .hasMessageContaining("malformed HyperLogLog state of 3 bytes");
    assertThatThrownBy(() -> sketch.merge(new byte[] {0, 2, 3}, 0, 3))
        .isInstanceOf(KernelException.class);
  }
}
