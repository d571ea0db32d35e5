package io.buzz.storage.io;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A GET raced against a later copy of itself, as "The Tail at Scale" and Starling do against object
 * stores' slow tail: if the GET is still unanswered after its hedge delay, the same range is
 * requested again and the first success wins; the other request is cancelled and its bytes dropped.
 *
 * <p>The primary writes into the caller's buffer in place (or, without one, into its own); a hedge
 * writes into its own buffer, copied into the caller's only after the primary was {@linkplain
 * RangeResponseTransformer#abandon abandoned}, so the two never write there at once. The race fails
 * when the primary fails before a hedge started, or when both failed (with the primary's error).
 */
final class HedgedGet {
  /** One daemon thread schedules every hedge; a GET that answers in time cancels its timer. */
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  /** One request: the SDK's call (cancellable) and its mapped outcome. */
  record Attempt(
      CompletableFuture<ByteBuffer> call,
      CompletableFuture<ByteBuffer> outcome,
      RangeResponseTransformer transformer) {}

  private final Attempt primary;
  private final ByteBuffer target;
  private final CompletableFuture<ByteBuffer> result = new CompletableFuture<>();
  private final Runnable onHedgeWin;
  private Throwable primaryFailure;
  private boolean hedgeStarted;
  private boolean hedgeFailed;

  private HedgedGet(Attempt primary, ByteBuffer target, Runnable onHedgeWin) {
    this.primary = primary;
    this.target = target;
    this.onHedgeWin = onHedgeWin;
  }

  /**
   * The outcome of {@code primary}, hedged by {@code hedge} (which starts the second request) after
   * {@code delayMillis}; 0 never hedges. {@code onHedgeWin} runs when the hedge answered first; no
   * hedge starts once {@code closed} says so.
   */
  static CompletableFuture<ByteBuffer> race(
      Attempt primary,
      ByteBuffer target,
      long delayMillis,
      Supplier<Attempt> hedge,
      Runnable onHedgeWin,
      BooleanSupplier closed) {
    if (delayMillis <= 0) {
      return primary.outcome();
    }
    HedgedGet race = new HedgedGet(primary, target, onHedgeWin);
    primary.outcome().whenComplete(race::primaryDone);
    ScheduledFuture<?> timer =
        TIMER.schedule(
            () -> {
              if (race.startHedge(closed)) {
                Attempt second = hedge.get();
                race.result.whenComplete((b, e) -> second.call().cancel(false));
                second.outcome().whenComplete(race::hedgeDone);
              }
            },
            delayMillis,
            TimeUnit.MILLISECONDS);
    race.result.whenComplete((b, e) -> timer.cancel(false));
    return race.result;
  }

  private synchronized boolean startHedge(BooleanSupplier closed) {
    if (result.isDone() || closed.getAsBoolean()) {
      return false;
    }
    hedgeStarted = true;
    return true;
  }

  private synchronized void primaryDone(ByteBuffer buffer, Throwable error) {
    if (error == null) {
      result.complete(buffer);
    } else if (!hedgeStarted || hedgeFailed) {
      result.completeExceptionally(error);
    } else {
      primaryFailure = error;
    }
  }

  private synchronized void hedgeDone(ByteBuffer buffer, Throwable error) {
    if (result.isDone()) {
      return;
    }
    if (error != null) {
      hedgeFailed = true;
      if (primaryFailure != null) {
        result.completeExceptionally(primaryFailure);
      }
      return;
    }
    primary.transformer().abandon(); // no byte of the primary lands in target after this
    primary.call().cancel(false);
    onHedgeWin.run();
    if (target == null) {
      result.complete(buffer);
      return;
    }
    target.duplicate().clear().put(buffer.duplicate());
    result.complete(target);
  }

  private static ScheduledThreadPoolExecutor timer() {
    return io.buzz.concurrent.Timers.daemonScheduler("buzz-s3-hedge-timer");
  }
}
