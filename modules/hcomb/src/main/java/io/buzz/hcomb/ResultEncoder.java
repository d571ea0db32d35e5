package io.buzz.hcomb;

import com.google.protobuf.ByteString;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.hcomb.RunQueryEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns a query's result batches into RunQuery events: the schema once, then one event per batch,
 * with batches cut into row slices of about {@link #MAX_MESSAGE_BODY_BYTES}.
 *
 * <p>Why so small: each event is serialized and framed (two copies) on the call's event loop, and
 * Vert.x 5 queues up to 16 messages per HTTP/2 stream before {@code writeQueueFull()}, whatever
 * their size. With 8 MiB slices one event-loop turn copied up to 256 MiB and blocked for hundreds
 * of milliseconds (and each slice was a humongous allocation for the GC); 1 MiB slices keep a turn
 * to a few milliseconds. Runs on the merge thread.
 */
final class ResultEncoder {
  /** Batches larger than this are sent in row slices. */
  static final long MAX_MESSAGE_BODY_BYTES = 1024 * 1024;

  private ResultEncoder() {}

  /** Encodes and closes {@code batches}. */
  static List<RunQueryEvent> encode(Schema schema, List<Batch> batches, BufferAllocator allocator) {
    List<RunQueryEvent> events = new ArrayList<>(batches.size() + 1);
    events.add(
        RunQueryEvent.newBuilder()
            .setArrowSchema(ByteString.copyFrom(IpcCodec.encodeSchema(schema)))
            .build());
    try {
      for (Batch batch : batches) {
        int slices =
            (int) Math.min(batch.rowCount(), 1 + batch.sizeInBytes() / MAX_MESSAGE_BODY_BYTES);
        if (slices <= 1) {
          events.add(batchEvent(batch));
          continue;
        }
        int rowsPerSlice = (batch.rowCount() + slices - 1) / slices;
        for (int offset = 0; offset < batch.rowCount(); offset += rowsPerSlice) {
          int length = Math.min(rowsPerSlice, batch.rowCount() - offset);
          try (Batch slice = batch.slice(offset, length, allocator)) {
            events.add(batchEvent(slice));
          }
        }
      }
    } finally {
      for (Batch batch : batches) {
        batch.close();
      }
    }
    return events;
  }

  private static RunQueryEvent batchEvent(Batch batch) {
    return RunQueryEvent.newBuilder()
        .setArrowBatch(ByteString.copyFrom(IpcCodec.encodeBatch(batch)))
        .build();
  }
}
