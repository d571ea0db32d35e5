package io.buzz.hcomb;

import io.buzz.protocol.hcomb.Finished;

/**
 * What one query's merge measured, for its {@link Finished} event.
 *
 * <p>Threads: written and read only on the query's serial executor (merge thread), like the merge
 * state it describes, so it needs no synchronization.
 */
final class MergeFigures {
  private long rowsReceived;
  private long bytesReceived;
  private long batchesReceived;
  private long mergeNanos;
  private long peakStateBytes;

  void received(int rows, long bytes) {
    rowsReceived += rows;
    bytesReceived += bytes;
    batchesReceived++;
  }

  void merged(long nanos) {
    mergeNanos += nanos;
  }

  /** Records the bytes the query's states hold now, keeping the peak. */
  void stateBytes(long held) {
    peakStateBytes = Math.max(peakStateBytes, held);
  }

  Finished finished(long finishNanos, long resultRows) {
    return Finished.newBuilder()
        .setRowsReceived(rowsReceived)
        .setBytesReceived(bytesReceived)
        .setBatchesReceived(batchesReceived)
        .setMergeMicros(mergeNanos / 1000)
        .setFinishMicros(finishNanos / 1000)
        .setResultRows(resultRows)
        .setPeakStateBytes(peakStateBytes)
        .build();
  }
}
