package io.buzz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySuiteTest {
  @Test
  void aColdFirstRunDoesNotEndAQuerysWarmUp() {
    assertThat(LatencySuite.leavesWarmUp(2_500, false)).isFalse();
    assertThat(LatencySuite.leavesWarmUp(Double.NaN, false)).isFalse();
    assertThat(LatencySuite.leavesWarmUp(2_500, true)).isTrue();
    assertThat(LatencySuite.leavesWarmUp(Double.NaN, true)).isTrue();
    assertThat(LatencySuite.leavesWarmUp(40, true)).isFalse();
  }
}
