package io.buzz.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestDelaysTest {
  private static final int REQUESTS = 40_000;

  /** First-byte delays of {@code REQUESTS} distinct ranged GETs, sorted. */
  private static double[] sortedDelays(S3LatencyModel model) {
    RequestDelays delays = new RequestDelays(model);
    double[] millis = new double[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      millis[i] = delays.firstByteMillis("GET", "/bucket/t/part-" + (i % 97), "bytes=" + i + "-9");
    }
    Arrays.sort(millis);
    return millis;
  }

  @Test
  void percentilesFollowTheModel() {
    double[] millis = sortedDelays(new S3LatencyModel(20, 60, 0, 1, 0, 0, 0, 7));
    assertThat(millis[REQUESTS / 20]).isBetween(19.0, 21.0); // 5th percentile
    assertThat(millis[REQUESTS / 2]).isBetween(33.0, 36.3); // median sqrt(20 * 60) = 34.6
    assertThat(millis[REQUESTS - REQUESTS / 20]).isBetween(57.0, 63.0); // 95th percentile
    assertThat(millis[0]).isPositive();
  }

  @Test
  void theSlowTailIsTheGivenShareOfRequests() {
    double[] millis = sortedDelays(new S3LatencyModel(20, 60, 0.01, 10, 0, 0, 0, 7));
    // Without the tail, fewer than 0.1% exceed 120 ms; the tail's draws nearly all do (x10).
    long slow = Arrays.stream(millis).filter(m -> m > 150).count();
    assertThat(slow).isBetween((long) (REQUESTS * 0.007), (long) (REQUESTS * 0.013));
    assertThat(millis[REQUESTS - 1]).isGreaterThan(300);
  }

  @Test
  void reproducibleWhateverTheArrivalOrder() {
    S3LatencyModel model = S3LatencyModel.realistic(11);
    RequestDelays first = new RequestDelays(model);
    RequestDelays second = new RequestDelays(model);
    double a1 = first.firstByteMillis("GET", "/b/k", "bytes=0-99");
    double b1 = first.firstByteMillis("GET", "/b/other", null);
    double a2 = first.firstByteMillis("GET", "/b/k", "bytes=0-99"); // a retry: a fresh draw
    // The other order gives each request the same delay.
    assertThat(second.firstByteMillis("GET", "/b/other", null)).isEqualTo(b1);
    assertThat(second.firstByteMillis("GET", "/b/k", "bytes=0-99")).isEqualTo(a1);
    assertThat(second.firstByteMillis("GET", "/b/k", "bytes=0-99")).isEqualTo(a2);
    assertThat(a2).isNotEqualTo(a1);
    assertThat(first.distinctRequests()).isEqualTo(2);
    // Another seed, other delays.
    assertThat(
            new RequestDelays(S3LatencyModel.realistic(12))
                .firstByteMillis("GET", "/b/k", "bytes=0-99"))
        .isNotEqualTo(a1);
  }

  @Test
  void noDelayWhenOff() {
    assertThat(new RequestDelays(S3LatencyModel.off()).firstByteMillis("GET", "/b/k", null))
        .isZero();
  }
}
