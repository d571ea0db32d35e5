package io.buzz.storage.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangeCoalescerTest {
  @Test
  void mergesRangesWhoseGapIsSmallAndKeepsTheOthersApart() {
    List<ByteRange> ranges =
        List.of(
            new ByteRange(1000, 100), // 0: far from the rest
            new ByteRange(0, 10), // 1
            new ByteRange(15, 5), // 2: gap of 5 after range 1
            new ByteRange(25, 10)); // 3: gap of 5 after range 2

    List<RangeCoalescer.Group> groups = RangeCoalescer.plan(ranges, 5, 1 << 20);

    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).offset()).isZero();
    assertThat(groups.get(0).length()).isEqualTo(35);
    assertThat(groups.get(0).members()).containsExactly(1, 2, 3);
    assertThat(groups.get(1).offset()).isEqualTo(1000);
    assertThat(groups.get(1).members()).containsExactly(0);
  }

  @Test
  void aGapOneByteOverTheLimitSplits() {
    List<RangeCoalescer.Group> groups =
        RangeCoalescer.plan(List.of(new ByteRange(0, 10), new ByteRange(16, 4)), 5, 1 << 20);

    assertThat(groups).hasSize(2);
  }

  @Test
  void mergesOverlappingAndContainedRanges() {
    List<RangeCoalescer.Group> groups =
        RangeCoalescer.plan(
            List.of(new ByteRange(0, 100), new ByteRange(10, 20), new ByteRange(90, 30)),
            0,
            1 << 20);

    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).length()).isEqualTo(120);
    assertThat(groups.get(0).members()).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void splitsLargeGroupsIntoParallelParts() {
    List<RangeCoalescer.Group> groups = RangeCoalescer.plan(List.of(new ByteRange(7, 25)), 0, 10);

    assertThat(groups.get(0).parts())
        .containsExactly(new ByteRange(7, 10), new ByteRange(17, 10), new ByteRange(27, 5));
  }

  @Test
  void emptyRangesNeedNoRequest() {
    List<RangeCoalescer.Group> groups = RangeCoalescer.plan(List.of(new ByteRange(5, 0)), 0, 10);

    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).parts()).isEmpty();
  }
}
