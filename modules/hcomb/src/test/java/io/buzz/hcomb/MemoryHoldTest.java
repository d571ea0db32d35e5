package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@link MemoryHold}: when a query holds its streams back, which ones, until when. */
class MemoryHoldTest {
  private static final long LIMIT = 1_600;

  /** Over half of the limit, under five eighths: the window is the {@link MemoryHold#WINDOW}. */
  private static final long HIGH = LIMIT / 2 + 1;

  /** The query's open streams, oldest first: the window and then "late…". */
  private final List<String> open = new ArrayList<>();

  private final MemoryHold<String> hold =
      new MemoryHold<>(LIMIT, n -> List.copyOf(open.subList(0, Math.min(n, open.size()))));

  MemoryHoldTest() {
    for (int i = 0; i < MemoryHold.WINDOW; i++) {
      open.add("old" + i);
    }
    open.add("late1");
    open.add("late2");
  }

  @Test
  void nothingIsHeldWhileTheQueryHoldsLittle() {
    MemoryHold.Changes<String> changes = hold.update(LIMIT / 2, LIMIT / 8, 0);
    assertThat(changes.hold()).isEmpty();
    assertThat(changes.release()).isEmpty();
    assertThat(hold.holding()).isFalse();
    assertThat(hold.holds("late1")).isFalse();
  }

  @Test
  void overHalfTheLimitEveryStreamOutsideTheWindowIsPausedAtOnce() {
    MemoryHold.Changes<String> changes = hold.update(LIMIT / 2 + 1, 0, 0);
    assertThat(hold.holding()).isTrue();
    assertThat(changes.hold()).containsExactly("late1", "late2");
    assertThat(hold.holds("old0")).isFalse();
    assertThat(hold.holds("late1")).isTrue();
    // Already paused: a second update does not pause them again.
    assertThat(hold.update(HIGH, 0, 0).hold()).isEmpty();
  }

  @Test
  void tooManyBatchesKeptAsReceivedHoldTooAndBothMustFallToRelease() {
    assertThat(hold.update(0, LIMIT / 8 + 1, 0).hold()).containsExactly("late1", "late2");
    // Between the thresholds the hold stays as it is (no flapping).
    assertThat(hold.update(LIMIT / 2, LIMIT / 16, 0).release()).isEmpty();
    assertThat(hold.update(LIMIT / 8 * 3 - 1, LIMIT / 16, 0).release()).isEmpty();
    assertThat(hold.update(LIMIT / 8 * 3 - 1, LIMIT / 16 - 1, 0).release())
        .containsExactly("late1", "late2");
    assertThat(hold.holding()).isFalse();
    open.add("late3");
    assertThat(hold.holds("late3")).isFalse();
  }

  @Test
  void aHeldStreamIsReleasedOnceItReachesTheWindow() {
    hold.update(HIGH, 0, 0);
    open.remove("old0"); // committed: "late1" is among the oldest now, "late2" not yet
    assertThat(hold.update(HIGH, 0, 0).release()).containsExactly("late1");
    assertThat(hold.update(HIGH, 0, 0).release()).isEmpty();
    open.remove("old1");
    assertThat(hold.update(HIGH, 0, 0).release()).containsExactly("late2");
  }

  @Test
  void aStreamThatArrivesWhileHoldingWaitsAndIsReleasedOnce() {
    hold.update(HIGH, 0, 0);
    open.add("late3");
    assertThat(hold.holds("late3")).isTrue();
    assertThat(hold.update(0, 0, 0).release()).containsExactly("late1", "late2", "late3");
    assertThat(hold.update(0, 0, 0).release()).isEmpty();
  }

  @Test
  void messagesWaitingForTheMergeThreadCountAsHeldAndAsWaiting() {
    assertThat(hold.update(0, 0, LIMIT / 8 + 1).hold()).containsExactly("late1", "late2");
    assertThat(hold.update(LIMIT / 4, 0, LIMIT / 16).release()).isEmpty();
    assertThat(hold.update(LIMIT / 4, 0, LIMIT / 16 - 1).release())
        .containsExactly("late1", "late2");
  }

  @Test
  void overFiveEighthsOnlyTheOldestSendsUntilBackUnderHalf() {
    MemoryHold.Changes<String> changes = hold.update(LIMIT / 8 * 5 + 1, 0, 0);
    assertThat(changes.hold()).hasSize(open.size() - 1).doesNotContain("old0");
    assertThat(hold.holds("old1")).isTrue();
    assertThat(hold.isHeld("old0")).isFalse();
    // Between a half and five eighths the window stays narrow.
    assertThat(hold.update(LIMIT / 2 + 1, 0, 0).release()).isEmpty();
    changes = hold.update(LIMIT / 2, 0, 0);
    assertThat(changes.release()).hasSize(MemoryHold.WINDOW - 1).doesNotContain("late1", "late2");
    assertThat(hold.isHeld("late1")).isTrue();
    // Narrowing again pauses the window's streams, not the ones already held.
    assertThat(hold.update(LIMIT, 0, 0).hold()).hasSize(MemoryHold.WINDOW - 1);
  }

  @Test
  void aFullReceiveQueueHoldsAtOnceWithWhatTheMergeThreadLastSaid() {
    assertThat(hold.update(LIMIT / 4, 0, 0).hold()).isEmpty();
    assertThat(hold.queued(LIMIT / 4 + 1).hold()).containsExactly("late1", "late2");
    assertThat(hold.queued(LIMIT / 16).release()).isEmpty();
    assertThat(hold.queued(0).release()).containsExactly("late1", "late2");
  }
}
