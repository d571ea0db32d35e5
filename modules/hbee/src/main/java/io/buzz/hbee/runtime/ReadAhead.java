package io.buzz.hbee.runtime;

import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.task.FileRef;
import io.buzz.storage.parquet.ParquetFileReader;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * What a task reads ahead of the file it scans, so that its storage round trips overlap: the next
 * file's footer always; the following files opened and their first row groups fetched (a {@link
 * FetchWindow} each) while they are small (up to {@link #BYTES} of files, {@link #FILES} files);
 * else the next file once the fetch of the scanned file's last row group has started ({@link
 * #lastRowGroup}). A task of many small files then waits about one round trip instead of one per
 * file (on S3, 20–60 ms each), and one of large files holds at most two row groups. A plan with a
 * LIMIT, which may need only the first rows, reads no file ahead of its turn but the next footer.
 *
 * <p>Threads: used on the task's context only.
 */
final class ReadAhead {
  /** Files opened and fetched ahead while small: at most this many bytes of them… */
  static final long BYTES = 16L << 20;

  /** …and at most this many. */
  static final int FILES = 16;

  /** A file checked against the plan: how to scan it, and its output when its footer holds it. */
  record Opened(FileScan scan, List<FlightData> answer) {}

  /** A file opened ahead, and its first row groups being fetched. */
  record Ahead(Opened file, FetchWindow window) {}

  private final List<FileRef> files;
  private final IntFunction<Future<ParquetFileReader>> footer;
  private final BiFunction<Integer, ParquetFileReader, Future<Opened>> open;
  private final BooleanSupplier stopped;
  private final boolean eager;
  private final Map<Integer, Future<ParquetFileReader>> footers = new HashMap<>();
  private final Map<Integer, Future<Ahead>> opened = new HashMap<>();

  /**
   * @param footer opens the {@code index}th file and reads its footer
   * @param open checks a file against the plan and reads its page index
   * @param stopped whether the task needs no more rows
   * @param eager whether small files are opened and fetched ahead of their turn
   */
  ReadAhead(
      List<FileRef> files,
      IntFunction<Future<ParquetFileReader>> footer,
      BiFunction<Integer, ParquetFileReader, Future<Opened>> open,
      BooleanSupplier stopped,
      boolean eager) {
    this.eager = eager;
    this.files = files;
    this.footer = footer;
    this.open = open;
    this.stopped = stopped;
  }

  /** The {@code index}th file starts being scanned: reads ahead of it. */
  void scanning(int index) {
    int next = index + 1;
    if (next < files.size()) {
      footers.computeIfAbsent(next, footer::apply);
    }
    long budget = eager ? BYTES : -1;
    for (int j = next; j < files.size() && j - next < FILES && budget >= 0; j++) {
      budget -= files.get(j).getSize();
      if (budget < 0) {
        return;
      }
      open(j);
    }
  }

  /** The fetch of the {@code index}th file's last row group started: opens the next one. */
  void lastRowGroup(int index) {
    if (eager) {
      open(index + 1);
    }
  }

  /**
   * Opens the {@code index}th file once its footer is in and starts fetching its first row groups
   * (once; nothing past the last file or once the task has stopped).
   */
  private void open(int index) {
    if (index >= files.size() || opened.containsKey(index) || stopped.getAsBoolean()) {
      return;
    }
    Future<Ahead> ahead =
        footers
            .computeIfAbsent(index, footer::apply)
            .compose(reader -> open.apply(index, reader))
            .map(file -> new Ahead(file, FetchWindow.of(file.scan(), eager)));
    opened.put(index, ahead);
  }

  /** The {@code index}th file, opened (now if it was not yet), for its scan. */
  Future<Ahead> take(int index) {
    open(index);
    footers.remove(index);
    Future<Ahead> ahead = opened.remove(index);
    return ahead != null ? ahead : Future.failedFuture(new IllegalStateException("task stopped"));
  }
}
