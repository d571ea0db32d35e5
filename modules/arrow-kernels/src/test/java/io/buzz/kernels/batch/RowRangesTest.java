package io.buzz.kernels.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowRangesTest {
  @Test
  void builderMergesAdjacentAndOverlappingRanges() {
    RowRanges ranges =
        RowRanges.builder().add(0, 10).add(10, 20).add(15, 18).add(30, 30).add(40, 50).build();

    assertThat(ranges).hasToString("[0, 20) [40, 50)");
    assertThat(ranges.rowCount()).isEqualTo(30);
    assertThat(ranges.rangeCount()).isEqualTo(2);
    assertThat(RowRanges.builder().build().isEmpty()).isTrue();
    assertThatThrownBy(() -> RowRanges.builder().add(10, 20).add(5, 8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlapsAndCovers() {
    RowRanges ranges = RowRanges.builder().add(10, 20).add(40, 50).build();

    assertThat(ranges.overlaps(0, 10)).isFalse();
    assertThat(ranges.overlaps(0, 11)).isTrue();
    assertThat(ranges.overlaps(20, 40)).isFalse();
    assertThat(ranges.overlaps(19, 41)).isTrue();
    assertThat(ranges.overlaps(49, 60)).isTrue();
    assertThat(ranges.overlaps(50, 60)).isFalse();
    assertThat(ranges.overlaps(15, 15)).isFalse();
    assertThat(RowRanges.all(100).covers(100)).isTrue();
    assertThat(RowRanges.of(0, 99).covers(100)).isFalse();
    assertThat(ranges.covers(50)).isFalse();
  }

  @Test
  void unionAndIntersectAgreeWithBitSets() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      BitSet a = new BitSet();
      BitSet b = new BitSet();
      RowRanges left = randomRanges(random, a);
      RowRanges right = randomRanges(random, b);
      BitSet or = (BitSet) a.clone();
      or.or(b);
      BitSet and = (BitSet) a.clone();
      and.and(b);

      assertThat(left.union(right)).isEqualTo(fromBits(or));
      assertThat(left.intersect(right)).isEqualTo(fromBits(and));
      assertThat(left.intersect(right).rowCount()).isEqualTo(and.cardinality());
    }
  }

  private static RowRanges randomRanges(Random random, BitSet bits) {
    RowRanges.Builder builder = RowRanges.builder();
    int at = 0;
    for (int i = random.nextInt(6); i > 0; i--) {
      int start = at + random.nextInt(20);
      int end = start + random.nextInt(20);
      builder.add(start, end);
      bits.set(start, end);
      at = end;
    }
    return builder.build();
  }

  private static RowRanges fromBits(BitSet bits) {
    RowRanges.Builder builder = RowRanges.builder();
    for (int start = bits.nextSetBit(0); start >= 0; ) {
      int end = bits.nextClearBit(start);
      builder.add(start, end);
      start = bits.nextSetBit(end);
    }
    return builder.build();
  }
}
