package io.buzz.hbee.runtime;

import static java.util.Objects.requireNonNull;

import io.buzz.storage.parquet.RowGroupChunks;
import io.vertx.core.Future;
import java.util.ArrayDeque;

/**
 * The fetches of one file's selected row groups, started ahead of their decoding so that a task
 * keeps several ranged GETs in flight. Under S3's latency (tens of milliseconds to the first byte)
 * one fetch at a time leaves an HBee waiting most of the time. Measured with the bench's scale
 * section (one task over 31 files of ~8 MB, ~1 MB row groups, S3 model): 19 MB/s with one fetch
 * ahead, 45 MB/s with 4 ahead, 60 MB/s with windows also started for files read ahead, 66 MB/s with
 * 8 ahead — by then decoding and operators are 1.6 s of the task's 1.9 s.
 *
 * <p>Up to {@link #DEPTH} row groups, within {@link #BUDGET_BYTES} of their scanned columns'
 * compressed chunks, are fetched ahead of the one being decoded (always at least the next one); one
 * at a time when not {@code eager} (a LIMIT may end the scan at any row group). A file read ahead
 * ({@link ReadAhead}) starts its window before its turn, so the task does not wait a round trip at
 * each file's start. Once the file is being scanned and its last row group's fetch has started, the
 * {@link #whenAllStarted} action runs, once: the next file may open.
 *
 * <p>Threads: the task's event loop.
 */
final class FetchWindow {
  /** A file's row groups to read, as {@link RowSelector} gives them. */
  interface RowGroups {
    /** No row group to read: a file answered from its footer. */
    RowGroups NONE =
        new RowGroups() {
          @Override
          public int rowGroupCount() {
            return 0;
          }

          @Override
          public long scannedBytes(int position) {
            throw new IndexOutOfBoundsException(position);
          }

          @Override
          public Future<RowGroupChunks> fetch(int position) {
            throw new IndexOutOfBoundsException(position);
          }
        };

    int rowGroupCount();

    /** Compressed bytes the {@code position}th row group's fetch reads, at most. */
    long scannedBytes(int position);

    Future<RowGroupChunks> fetch(int position);
  }

  /** Row groups fetched ahead of the one being decoded, at most. */
  static final int DEPTH = 8;

  /** Compressed bytes being fetched ahead, at most (the next row group is fetched regardless). */
  static final long BUDGET_BYTES = 32L << 20;

  private final RowGroups selector;
  private final int depth;
  private final ArrayDeque<Future<RowGroupChunks>> started = new ArrayDeque<>();
  private final ArrayDeque<Long> startedBytes = new ArrayDeque<>();
  private long bytesAhead;
  private int nextToStart;
  private Runnable allStarted;
  private boolean announced;

  /** Starts fetching the first row group, and as many more as the window has room for. */
  FetchWindow(RowGroups selector, boolean eager) {
    this.selector = requireNonNull(selector, "selector is null");
    this.depth = eager ? DEPTH : 1;
    fill();
  }

  /** The window of {@code scan}'s row groups (none when its footer answered it). */
  static FetchWindow of(FileScan scan, boolean eager) {
    return new FetchWindow(scan.answered() ? RowGroups.NONE : scan.selector(), eager);
  }

  /** The file is being scanned: runs {@code action} once every fetch has started (now, if so). */
  void whenAllStarted(Runnable action) {
    allStarted = requireNonNull(action, "action is null");
    announce();
  }

  /** The fetch of the next row group, in order; null after the last. */
  Future<RowGroupChunks> take() {
    Future<RowGroupChunks> next = started.poll();
    if (next != null) {
      bytesAhead -= startedBytes.poll();
    }
    return next;
  }

  /** Starts the fetches the window has room for. */
  void fill() {
    while (nextToStart < selector.rowGroupCount()
        && started.size() < depth
        && (started.isEmpty() || bytesAhead + selector.scannedBytes(nextToStart) <= BUDGET_BYTES)) {
      long bytes = selector.scannedBytes(nextToStart);
      started.add(selector.fetch(nextToStart));
      startedBytes.add(bytes);
      bytesAhead += bytes;
      nextToStart++;
    }
    announce();
  }

  /** Row groups whose fetch has started and not been taken. */
  int inFlight() {
    return started.size();
  }

  private void announce() {
    if (nextToStart >= selector.rowGroupCount() && allStarted != null && !announced) {
      announced = true;
      allStarted.run();
    }
  }
}
