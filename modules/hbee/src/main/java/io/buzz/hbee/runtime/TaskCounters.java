package io.buzz.hbee.runtime;

import io.buzz.protocol.task.TaskMetrics;
import io.vertx.core.Future;

/**
 * What one task run counted while it scanned, decoded, computed and sent: the task's share of its
 * {@link TaskMetrics}. Updated only by the run's steps, which run one at a time; not thread-safe.
 */
final class TaskCounters {
  long rowsScanned;
  long rowsOut;
  long batchesOut;
  long bytesOut;
  long decodeNanos;
  long computeNanos;
  int rowGroups;
  long pagesRead;
  long pagesSkipped;

  /** Row groups skipped in the files done; the file being scanned adds its own. */
  int rowGroupsSkipped;

  /** Files whose footer was read and checked against the plan. */
  int filesOpened;

  /** Files whose selected row groups have all been scanned. */
  int filesDone;

  /** Time the task waited for storage with nothing else to do (see {@link #waitingFor}). */
  long ioWaitNanos;

  /**
   * {@code io}, whose result the task needs next: the time until it completes counts as waiting for
   * storage, unless it already has. Fetches that complete while the task decodes cost nothing.
   */
  <T> Future<T> waitingFor(Future<T> io) {
    if (io.isComplete()) {
      return io;
    }
    long start = System.nanoTime();
    return io.andThen(done -> ioWaitNanos += System.nanoTime() - start);
  }

  /** Sets the counted fields of {@code metrics}. */
  TaskMetrics.Builder writeTo(TaskMetrics.Builder metrics) {
    return metrics
        .setIoWaitMicros(ioWaitNanos / 1000)
        .setDecodeMicros(decodeNanos / 1000)
        .setComputeMicros(computeNanos / 1000)
        .setRowsScanned(rowsScanned)
        .setRowsOut(rowsOut)
        .setBatchesOut(batchesOut)
        .setBytesOut(bytesOut)
        .setRowGroups(rowGroups)
        .setPagesRead(pagesRead)
        .setPagesSkipped(pagesSkipped)
        .setFiles(filesOpened);
  }
}
