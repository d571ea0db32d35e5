package io.buzz.storage.io;

/**
 * What a {@link ByteSource} has cost so far: an immutable snapshot.
 *
 * <p>Times are sums over requests, so with requests in parallel they can exceed the wall-clock
 * time; divide by {@link #requests()} for averages.
 *
 * @param requests requests issued to the storage (after coalescing), including failed ones
 * @param bytesFetched bytes received from the storage, including bytes in coalesced gaps
 * @param firstByteNanos the sum over requests of the time from issuing a request to its first byte
 * @param waitNanos the sum over requests of the time from issuing a request to its last byte or its
 *     failure
 * @param firstRequestAtNanos when the first request was issued ({@link System#nanoTime()}), 0 when
 *     none was
 * @param hedges GETs re-requested because they were far slower than expected (each hedge is also a
 *     request)
 * @param hedgeWins hedges that answered before the GET they doubled
 */
public record IoStats(
    long requests,
    long bytesFetched,
    long firstByteNanos,
    long waitNanos,
    long firstRequestAtNanos,
    long hedges,
    long hedgeWins) {
  public static final IoStats EMPTY = new IoStats(0, 0, 0, 0, 0, 0, 0);

  /** The mean time to first byte in milliseconds, 0 when no request was issued. */
  public double meanFirstByteMillis() {
    return requests == 0 ? 0 : firstByteNanos / 1e6 / requests;
  }

  /** Both sources' costs together: sums, and the earlier first request. */
  public IoStats plus(IoStats other) {
    long first =
        firstRequestAtNanos == 0
            ? other.firstRequestAtNanos
            : other.firstRequestAtNanos == 0
                ? firstRequestAtNanos
                : Math.min(firstRequestAtNanos, other.firstRequestAtNanos);
    return new IoStats(
        requests + other.requests,
        bytesFetched + other.bytesFetched,
        firstByteNanos + other.firstByteNanos,
        waitNanos + other.waitNanos,
        first,
        hedges + other.hedges,
        hedgeWins + other.hedgeWins);
  }
}
