package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {
  @Test
  void findsSelectedMetricsAndSkipsFunctionsLabelsAndRanges() {
    assertThat(
            PromQlNames.of(
                "histogram_quantile(0.95, sum by (le, component) (rate("
                    + "buzz_eventloop_lag_seconds_bucket{component=~\"$component\", le!=\"x y\"}"
                    + "[$__rate_interval])))"))
        .containsExactly("buzz_eventloop_lag_seconds_bucket");
    assertThat(
            PromQlNames.of(
                "sum(rate(a_total{x=\"1\"}[1m])) / on (job) group_left (instance)"
                    + " sum(b_bytes > 0) and bool c offset 5m"))
        .containsExactly("a_total", "b_bytes", "c");
    assertThat(PromQlNames.of("max(up) * 1e3 + count_values(\"v\", d)")).containsExactly("up", "d");
  }
}
