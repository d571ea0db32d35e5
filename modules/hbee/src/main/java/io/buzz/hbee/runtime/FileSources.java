package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.protocol.task.FileRef;
import io.buzz.storage.deletion.DeletedRows;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.IoStats;
import io.buzz.storage.parquet.FooterCache;
import io.buzz.storage.parquet.ParquetFileReader;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The byte sources of one task's files, and their deletion vectors. A task keeps open the file it
 * scans and those it reads ahead ({@link ReadAhead}). Each is closed once its file is done, its
 * costs kept for the task's metrics. Opened on the event loop, closed by the cleanup on a worker:
 * thread-safe.
 */
final class FileSources {
  private final Map<Integer, ByteSource> open = new HashMap<>();
  private final Map<Integer, DeletedRows> deleted = new HashMap<>();
  private IoStats closed = IoStats.EMPTY;
  private boolean released;

  /**
   * Opens the task's {@code index}th file.
   *
   * @throws BuzzException CANCELLED once {@link #closeAll()} has run
   */
  synchronized ByteSource open(int index, ByteSources sources, String uri, String version) {
    if (released) {
      throw new BuzzException(ErrorCode.CANCELLED, "the task has ended; " + uri + " is not read");
    }
    ByteSource source = sources.open(uri, version);
    open.put(index, source);
    return source;
  }

  /**
   * Opens the task's {@code index}th file and reads its footer, and its deletion vector if it has
   * one ({@link #deleted}).
   */
  Future<ParquetFileReader> openFile(
      int index, FileRef file, ByteSources byteSources, FooterCache footers) {
    ByteSource source;
    try {
      source = open(index, byteSources, file.getUri(), file.getVersion());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return Future.all(
            footers.openToScan(source, file.getSize(), file.getVersion()),
            DeletionVectors.load(file, byteSources, this))
        .map(
            both -> {
              if (both.resultAt(1) != null) {
                synchronized (this) {
                  deleted.put(index, both.resultAt(1));
                }
              }
              return both.resultAt(0);
            });
  }

  /** The rows the {@code index}th file's deletion vector deletes; null when it has none. */
  synchronized DeletedRows deleted(int index) {
    return deleted.get(index);
  }

  /** Closes the {@code index}th file's source, keeping what it cost. */
  synchronized void done(int index) {
    deleted.remove(index);
    ByteSource source = open.remove(index);
    if (source != null) {
      closed = closed.plus(source.stats());
      source.close();
    }
  }

  /** Closes a source read for a file's sake (its deletion vector), keeping what it cost. */
  synchronized void count(ByteSource source) {
    closed = closed.plus(source.stats());
    source.close();
  }

  /** What every file opened so far has cost. */
  synchronized IoStats stats() {
    IoStats total = closed;
    for (ByteSource source : open.values()) {
      total = total.plus(source.stats());
    }
    return total;
  }

  /** Closes every source still open; later {@link #open} calls fail. */
  synchronized void closeAll() {
    released = true;
    for (Integer index : new ArrayList<>(open.keySet())) {
      done(index);
    }
  }
}
