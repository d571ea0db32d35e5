package io.buzz.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  private static final long SECOND = 1_000_000_000L;

  /** A clock and a JIT that the test moves. */
  private static final class Clocks {
    long nanos;
    long jitMillis;
  }

  private static WarmUp warmUp(int minSeconds, int maxSeconds) {
    return new WarmUp(
        Duration.ofSeconds(minSeconds), Duration.ofSeconds(maxSeconds), WarmUp.DEFAULT_QUIET_SHARE);
  }

  /**
   * Moves the clock a second at a time, the JIT compiling {@code jitMillisPerSecond} in each, until
   * the gauge stops; returns the second it stopped at (after at most 1,000).
   */
  private static int secondsUntilStop(WarmUp.Gauge gauge, Clocks c, long jitMillisPerSecond) {
    for (int s = 1; s <= 1_000; s++) {
      c.nanos = s * SECOND;
      c.jitMillis += jitMillisPerSecond;
      if (!gauge.goOn()) {
        return s;
      }
    }
    throw new AssertionError("the warm-up never stopped");
  }

  @Test
  void runsAtLeastTheMinimumEvenWithAQuietJit() {
    Clocks c = new Clocks();
    WarmUp.Gauge gauge = warmUp(30, 300).start(() -> c.nanos, () -> c.jitMillis);
    for (int s = 1; s < 30; s++) {
      c.nanos = s * SECOND;
      c.jitMillis++; // 0.1% of the time
      assertThat(gauge.goOn()).as("at %d s", s).isTrue();
    }
    c.nanos = 30 * SECOND;
    assertThat(gauge.goOn()).isFalse();
    assertThat(gauge.stop()).isEqualTo(WarmUp.Stop.JIT_QUIET);
    assertThat(gauge.seconds()).isEqualTo(30.0);
  }

  @Test
  void goesOnWhileTheJitCompilesAndStopsOnceAWholeWindowWasQuiet() {
    Clocks c = new Clocks();
    WarmUp.Gauge gauge = warmUp(10, 300).start(() -> c.nanos, () -> c.jitMillis);
    // Busy: 300 ms of compiling per second (15 times the quiet share) for the first 60 s.
    int s = 0;
    while (s < 60) {
      s++;
      c.nanos = s * SECOND;
      c.jitMillis += 300;
      assertThat(gauge.goOn()).as("busy at %d s", s).isTrue();
    }
    // Then 10 ms per second: 1%, quiet, but only once the window holds no busy second.
    while (true) {
      s++;
      c.nanos = s * SECOND;
      c.jitMillis += 10;
      if (!gauge.goOn()) {
        break;
      }
      assertThat(s).as("still warming at %d s", s).isLessThan(100);
    }
    assertThat(s).isEqualTo(70);
    assertThat(gauge.stop()).isEqualTo(WarmUp.Stop.JIT_QUIET);
    assertThat(gauge.recentShare()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(gauge.compiledSeconds()).isCloseTo(18.1, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void stopsAtTheMaximumWhateverTheJitDoes() {
    Clocks c = new Clocks();
    WarmUp.Gauge gauge = warmUp(10, 40).start(() -> c.nanos, () -> c.jitMillis);
    assertThat(secondsUntilStop(gauge, c, 500)).isEqualTo(40);
    assertThat(gauge.stop()).isEqualTo(WarmUp.Stop.MAXIMUM);
  }

  @Test
  void exactlyTheQuietShareCountsAsQuiet() {
    Clocks c = new Clocks();
    WarmUp.Gauge gauge = warmUp(0, 300).start(() -> c.nanos, () -> c.jitMillis);
    for (int s = 1; s < 10; s++) {
      c.nanos = s * SECOND;
      c.jitMillis += 20; // 2% of each second
      assertThat(gauge.goOn()).as("no whole window at %d s", s).isTrue();
    }
    c.nanos = 10 * SECOND;
    c.jitMillis += 21; // 201 ms in the window: just over
    assertThat(gauge.goOn()).isTrue();
    c.nanos = 11 * SECOND;
    c.jitMillis += 19; // the window from 1 s: 200 ms
    assertThat(gauge.goOn()).isFalse();
  }

  @Test
  void aFixedWarmUpIgnoresTheJit() {
    Clocks c = new Clocks();
    WarmUp.Gauge gauge = warmUp(5, 5).start(() -> c.nanos, () -> c.jitMillis);
    c.nanos = 5 * SECOND;
    c.jitMillis = 4_000; // very busy
    assertThat(gauge.goOn()).isFalse();
    assertThat(gauge.stop()).isEqualTo(WarmUp.Stop.MINIMUM);
  }

  @Test
  void aCompileCounterThatNeverMovesIsNotTakenForAQuietJit() {
    // HotSpot with -XX:-UsePerfData reports monitoring as supported and 0 ms forever.
    Clocks c = new Clocks();
    WarmUp.Gauge gauge = warmUp(0, 300).start(() -> c.nanos, () -> c.jitMillis);
    assertThat(secondsUntilStop(gauge, c, 0)).isEqualTo(20);
    assertThat(gauge.stop()).isEqualTo(WarmUp.Stop.JIT_UNKNOWN);
  }

  @Test
  void commandLineDefaults() {
    WarmUp quick = WarmUp.fromOptions(null, null, true);
    assertThat(quick.isFixed()).isTrue();
    assertThat(quick.minimum()).isEqualTo(Duration.ofSeconds(5));
    WarmUp full = WarmUp.fromOptions(null, null, false);
    assertThat(full.minimum()).isEqualTo(Duration.ofSeconds(60));
    assertThat(full.maximum()).isEqualTo(Duration.ofSeconds(300));
    assertThat(WarmUp.fromOptions(0.0, null, false).isOff()).as("--warmup-seconds 0").isTrue();
    WarmUp maxOnly = WarmUp.fromOptions(null, 30.0, false);
    assertThat(maxOnly.minimum()).isEqualTo(Duration.ofSeconds(30));
    assertThat(maxOnly.maximum()).isEqualTo(Duration.ofSeconds(30));
    WarmUp longer = WarmUp.fromOptions(400.0, null, false);
    assertThat(longer.maximum()).isEqualTo(Duration.ofSeconds(400));
    assertThat(WarmUp.fromOptions(20.0, 120.0, true).isFixed()).isFalse();
    assertThatThrownBy(() -> WarmUp.fromOptions(-1.0, null, false))
        .hasMessageContaining("--warmup-seconds");
  }

  @Test
  void aJvmThatDoesNotTellItsCompileTimeWarmsUpForTheMinimum() {
    Clocks c = new Clocks();
    c.jitMillis = -1;
    WarmUp.Gauge gauge = warmUp(20, 300).start(() -> c.nanos, () -> c.jitMillis);
    c.nanos = 19 * SECOND;
    assertThat(gauge.goOn()).isTrue();
    c.nanos = 20 * SECOND;
    assertThat(gauge.goOn()).isFalse();
    assertThat(gauge.stop()).isEqualTo(WarmUp.Stop.JIT_UNKNOWN);
    assertThat(gauge.compiledSeconds()).isNaN();
    WarmUp.Gauge noMinimum = warmUp(0, 300).start(() -> c.nanos, () -> c.jitMillis);
    assertThat(noMinimum.goOn()).as("nothing to wait for").isFalse();
  }

  @Test
  void runsThatComeSeldomStillSeeAWholeWindow() {
    // One sample every 7 s (slow queries): the window is judged from the newest sample at least
    // 10 s old, so one busy stretch is not forgotten early.
    Clocks c = new Clocks();
    WarmUp.Gauge gauge = warmUp(0, 300).start(() -> c.nanos, () -> c.jitMillis);
    c.nanos = 7 * SECOND;
    c.jitMillis = 2_000;
    assertThat(gauge.goOn()).as("no whole window yet").isTrue();
    c.nanos = 14 * SECOND;
    assertThat(gauge.goOn()).as("the window from 0 s holds the busy stretch").isTrue();
    c.nanos = 21 * SECOND;
    assertThat(gauge.goOn()).as("the window from 7 s was quiet").isFalse();
  }

  @Test
  void refusesAMaximumBelowTheMinimum() {
    assertThatThrownBy(() -> warmUp(60, 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--warmup-max-seconds");
    assertThat(warmUp(0, 0).isOff()).isTrue();
  }

  @Test
  void runUntilWarmRunsTheLeastAskedThenUntilTheJitIsQuiet() {
    Clocks c = new Clocks();
    WarmUp.Gauge gauge = warmUp(10, 300).start(() -> c.nanos, () -> c.jitMillis);
    // Each query takes 2 s; the JIT compiles 500 ms during each of the first ten, then nothing.
    int[] queries = {0};
    int ran =
        gauge.runUntilWarm(
            3,
            () -> {
              queries[0]++;
              c.nanos += 2 * SECOND;
              c.jitMillis += queries[0] <= 10 ? 500 : 0;
            });
    assertThat(ran).isEqualTo(queries[0]);
    // Quiet from the 20th second on; a whole quiet window (10 s, five queries) is needed.
    assertThat(ran).isEqualTo(15);
    assertThat(gauge.stop()).isEqualTo(WarmUp.Stop.JIT_QUIET);
    assertThat(gauge.summary(ran))
        .startsWith("warmed up by 15 queries in 30 s (the JIT went quiet");

    WarmUp.Gauge fixed = warmUp(0, 0).start(() -> c.nanos, () -> c.jitMillis);
    assertThat(fixed.runUntilWarm(3, () -> c.nanos += SECOND)).isEqualTo(3);
  }
}
