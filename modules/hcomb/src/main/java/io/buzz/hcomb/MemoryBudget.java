package io.buzz.hcomb;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.ExecErrors;

/**
 * One query's merge-state budget: the bytes its attempt states hold (tracked as they grow and are
 * dropped) plus its query state, against {@code HCombConfig.queryMemoryLimitBytes}. The query's
 * allocator has the same limit, so Arrow may refuse an allocation first; {@link #mergeError} then
 * words that failure the same way.
 *
 * <p>It also keeps the attempts' batches kept as received ({@link AttemptState}) to a quarter of
 * the limit: beyond that, attempts fold new batches into states of their own.
 *
 * <p>Threads: merge thread only (the query's serial executor), like the states it measures.
 */
final class MemoryBudget {
  private static final String ADVICE =
      "; aggregate more in the HBee step or raise the HComb memory limit";
  private final String queryId;
  private final long limitBytes;
  private long attemptBytes;
  private long bufferedBytes;

  MemoryBudget(String queryId, long limitBytes) {
    this.queryId = queryId;
    this.limitBytes = limitBytes;
  }

  /** Whether attempts may keep more batches as received. */
  boolean mayBuffer() {
    return bufferedBytes < limitBytes / 4;
  }

  /** Bytes the attempts keep as received batches. */
  long bufferedBytes() {
    return bufferedBytes;
  }

  /**
   * An attempt grew (or shrank, when negative) by {@code bytes}; the bytes it keeps as received
   * batches changed by {@code buffered}.
   */
  void attemptGrew(long bytes, long buffered) {
    attemptBytes += bytes;
    bufferedBytes += buffered;
  }

  /** {@code attempt} was committed or dropped: what it held leaves the budget. */
  void attemptGone(AttemptState attempt) {
    attemptBytes -= attempt.heldBytes();
    bufferedBytes -= attempt.bufferedBytes();
  }

  /** The bytes held with the query state at {@code queryStateBytes}. */
  long heldBytes(long queryStateBytes) {
    return attemptBytes + queryStateBytes;
  }

  /**
   * The same, checked against the limit.
   *
   * @throws BuzzException LIMIT_EXCEEDED naming the query, what it holds and its limit, when over
   */
  long check(long queryStateBytes) {
    long held = heldBytes(queryStateBytes);
    if (held > limitBytes) {
      throw new BuzzException(
          ErrorCode.LIMIT_EXCEEDED,
          "query "
              + queryId
              + " holds "
              + held
              + " bytes of merge state on the HComb, over its limit of "
              + limitBytes
              + " bytes"
              + ADVICE);
    }
    return held;
  }

  /**
   * A failure of the merge as the query's error: kernel and Arrow failures mapped by {@link
   * ExecErrors}, an allocator limit reworded to name the query, its limit and {@code doing}.
   */
  BuzzException mergeError(RuntimeException e, String doing) {
    BuzzException error = ExecErrors.toBuzz(e);
    if (error.code() != ErrorCode.LIMIT_EXCEEDED) {
      return error;
    }
    return new BuzzException(
        ErrorCode.LIMIT_EXCEEDED,
        "query "
            + queryId
            + " exceeded its HComb memory limit of "
            + limitBytes
            + " bytes while "
            + doing
            + " ("
            + error.getMessage()
            + ")"
            + ADVICE,
        e);
  }
}
