package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.IoStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The byte sources of one task's files. A task keeps at most two open: the file it scans and the
 * next one, whose footer is read meanwhile. Each is closed once its file is done, its costs kept
 * for the task's metrics. Opened on the event loop, closed by the cleanup on a worker: thread-safe.
 */
final class FileSources {
  private final Map<Integer, ByteSource> open = new HashMap<>();
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

  /** Closes the {@code index}th file's source, keeping what it cost. */
  synchronized void done(int index) {
    ByteSource source = open.remove(index);
    if (source != null) {
      closed = closed.plus(source.stats());
      source.close();
    }
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
