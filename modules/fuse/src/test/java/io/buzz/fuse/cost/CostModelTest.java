package io.buzz.fuse.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostModelTest {
  @Test
  void addsLambdaS3AndFargateAtThePublishedPrices() {
    CostModel model = CostModel.US_EAST_1;
    // 1,000 invocations of 2 s at 1769 MB, 10,000 GETs, the HComb for 5 s.
    CostModel.CostEstimate estimate = model.estimate(1_000, 2_000_000, 10_000, 5_000);
    double gbSeconds = 2_000 * 1769 / 1024.0;
    assertThat(estimate.lambdaGbSeconds()).isCloseTo(gbSeconds, within(1e-9));
    double expected =
        gbSeconds * 0.0000166667
            + 1_000 * 0.0000002
            + 10_000 * 0.0000004
            + 5.0 / 3600 * (2 * 0.04048 + 8 * 0.004445);
    assertThat(estimate.usd()).isCloseTo(expected, within(1e-12));
    assertThat(model.estimate(0, 0, 0, 0).usd()).isZero();
  }
}
