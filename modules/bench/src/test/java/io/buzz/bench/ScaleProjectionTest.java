package io.buzz.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.buzz.fuse.cost.CostModel;
import org.junit.jupiter.api.Test;

/** The projection's arithmetic, on round numbers. */
class ScaleProjectionTest {
  private static final CostModel COST = CostModel.US_EAST_1; // 1,769 MB HBees
  private static final ScaleProjection PROJECTION =
      new ScaleProjection(
          100, // MB/s per HBee
          40, // ms to first byte
          8e6, // bytes per GET
          10_000, // invocations/s
          0.5, // HComb ms per stream
          200, // ms from the last stream's end to the result
          1_000, // ms of cold start
          256L << 20,
          COST);

  @Test
  void aScanSplitsEvenlyOverItsHBeesAndAddsTheFixedCosts() {
    ScaleProjection.Scan scan = PROJECTION.project(100 * ScaleProjection.GB, 100);
    // 1 GB per HBee at 100 MB/s, after one first byte
    assertThat(scan.taskSeconds()).isCloseTo(10.04, within(1e-9));
    // listing 373 files: one LIST request (40 ms); 100 invocations at 10,000/s (10 ms); cold
    // start 1 s; the HComb's tail: 200 ms (100 streams × 0.5 ms is less than the task)
    assertThat(scan.wallSeconds()).isCloseTo(0.04 + 0.01 + 1 + 10.04 + 0.2, within(1e-9));
    double gbSeconds = 100 * (1 + 10.04) * 1769 / 1024.0;
    assertThat(scan.lambdaUsd())
        .isCloseTo(gbSeconds * COST.lambdaGbSecond() + 100 * COST.lambdaRequest(), within(1e-9));
    assertThat(scan.s3Usd()).isCloseTo(12_500 * COST.s3GetRequest(), within(1e-9));
    assertThat(scan.athenaUsd()).isCloseTo(0.5, within(1e-9));
    assertThat(scan.totalUsd())
        .isCloseTo(scan.lambdaUsd() + scan.s3Usd() + scan.hcombUsd(), within(1e-12));
    assertThat(scan.overLambdaLimit()).isFalse();
  }

  @Test
  void manyStreamsMakeTheHCombTheTailAndLongTasksAreFlagged() {
    ScaleProjection slow =
        new ScaleProjection(10, 40, 8e6, 10_000, 50, 200, 1_000, 256L << 20, COST);
    ScaleProjection.Scan scan = slow.project(ScaleProjection.TB, 3_000);
    double task = 0.04 + 1e12 / 3_000 / 1e6 / 10;
    assertThat(scan.taskSeconds()).isCloseTo(task, within(1e-9));
    // 3,000 streams × 50 ms = 150 s of HComb work, of which the task's time overlaps
    double tail = 150 - task;
    double listing = Math.ceil(Math.ceil(1e12 / (256L << 20)) / 1000) * 0.04;
    assertThat(scan.wallSeconds()).isCloseTo(listing + 0.3 + 1 + task + tail, within(1e-6));
    assertThat(slow.project(ScaleProjection.TB, 100).overLambdaLimit()).isTrue();
  }

  @Test
  void theTableAndItsAssumptions() {
    assertThat(PROJECTION.table())
        .extracting(ScaleProjection.Scan::hbees)
        .containsExactly(100, 1_000, 3_000, 100, 1_000, 3_000);
    assertThat(PROJECTION.table().get(3).athenaUsd()).isCloseTo(5.0, within(1e-9));
    assertThat(String.join("\n", PROJECTION.assumptions()))
        .contains(
            "100 MB/s", "first byte 40 ms on average", "10,000 HBees/s", "1,769 MB", "$5 per TB");
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new ScaleProjection(0, 40, 8e6, 1, 1, 1, 1, 1, COST))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PROJECTION.project(0, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
