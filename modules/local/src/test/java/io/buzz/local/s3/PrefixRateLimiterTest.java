package io.buzz.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrefixRateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final PrefixRateLimiter limiter = new PrefixRateLimiter(100, now::get);

  private int admitted(String prefix, int attempts) {
    int admitted = 0;
    for (int i = 0; i < attempts; i++) {
      admitted += limiter.tryAcquire(prefix) ? 1 : 0;
    }
    return admitted;
  }

  @Test
  void aBurstUpToTheRatePassesThenTheExcessIsRefused() {
    assertThat(admitted("/b/t/", 150)).isEqualTo(100);
    now.addAndGet(100_000_000L); // 0.1 s refills 10
    assertThat(admitted("/b/t/", 50)).isEqualTo(10);
    now.addAndGet(10_000_000_000L); // a long pause refills at most one second's worth
    assertThat(admitted("/b/t/", 500)).isEqualTo(100);
  }

  @Test
  void eachPrefixHasItsOwnRate() {
    assertThat(admitted("/b/t/date=1/", 120)).isEqualTo(100);
    assertThat(admitted("/b/t/date=2/", 120)).isEqualTo(100);
  }

  @Test
  void zeroAdmitsEverything() {
    PrefixRateLimiter open = new PrefixRateLimiter(0, now::get);
    for (int i = 0; i < 10_000; i++) {
      assertThat(open.tryAcquire("/b/")).isTrue();
    }
  }

  @Test
  void prefixesAreTheBucketAndTheKeyUpToItsLastSlash() {
    assertThat(PrefixRateLimiter.prefixOf("/bucket/t/date=1/part-0.parquet"))
        .isEqualTo("/bucket/t/date=1/");
    assertThat(PrefixRateLimiter.prefixOf("/bucket/key")).isEqualTo("/bucket/");
    assertThat(PrefixRateLimiter.prefixOf("/bucket")).isEqualTo("/bucket");
  }
}
