package io.buzz.hbee.runtime;

import com.google.protobuf.UnsafeByteOperations;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.FlightMessage;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Turns a task's output batches into the Flight messages of its stream to the HComb. */
final class FlightEncoder {
  private FlightEncoder() {}

  /**
   * Appends {@code batches} as Flight messages to {@code out}, skipping empty ones, and counts
   * them; takes ownership of the batches.
   */
  static void encode(
      List<Batch> batches, BufferAllocator allocator, TaskCounters counters, List<FlightData> out) {
    for (Batch batch : batches) {
      try (batch) {
        if (batch.rowCount() == 0) {
          continue;
        }
        for (FlightMessage message : IpcCodec.flightBatches(batch, allocator)) {
          out.add(
              FlightData.newBuilder()
                  .setDataHeader(UnsafeByteOperations.unsafeWrap(message.dataHeader()))
                  .setDataBody(UnsafeByteOperations.unsafeWrap(message.dataBody()))
                  .build());
          counters.bytesOut += message.dataBody().length;
        }
        counters.rowsOut += batch.rowCount();
        counters.batchesOut++;
      }
    }
  }
}
