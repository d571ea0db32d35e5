package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.UnsafeByteOperations;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.FlightMessage;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The partial aggregates a synthetic HBee streams for one {@link HCombScaleBench.StreamShape}: the
 * first column is the group key, every other BIGINT column counts 1 per row and every DOUBLE column
 * adds 0.5. Row {@code j} of task {@code t} has key {@code j % groups}, plus {@code t * groups}
 * when streams do not share keys. Streams that share keys share one encoded copy, framed for gRPC
 * once ({@link FramedDoPut#frame}).
 */
final class StreamPayloads implements SyntheticHBeeFunction.Payload {
  private final HCombScaleBench.StreamShape shape;
  private final int batchRows;
  private SyntheticHBeeFunction.Batches shared;

  StreamPayloads(HCombScaleBench.StreamShape shape, int batchRows) {
    this.shape = requireNonNull(shape, "shape is null");
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be positive");
    }
    this.batchRows = batchRows;
  }

  @Override
  public Future<SyntheticHBeeFunction.Batches> batches(int task, Schema schema) {
    try {
      if (!shape.sharedKeys()) {
        return Future.succeededFuture(encode((long) task * shape.groups(), schema));
      }
      synchronized (this) {
        if (shared == null) {
          shared = encode(0, schema);
        }
        return Future.succeededFuture(shared);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private SyntheticHBeeFunction.Batches encode(long keyOffset, Schema schema) {
    List<Buffer> messages = new ArrayList<>();
    long bodyBytes = 0;
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int from = 0; from < shape.rows(); from += batchRows) {
        int rows = Math.min(batchRows, shape.rows() - from);
        try (Batch batch = batch(schema, from, rows, keyOffset, allocator)) {
          for (FlightMessage message : IpcCodec.flightBatches(batch, allocator)) {
            messages.add(
                FramedDoPut.frame(
                    FlightData.newBuilder()
                        .setDataHeader(UnsafeByteOperations.unsafeWrap(message.dataHeader()))
                        .setDataBody(UnsafeByteOperations.unsafeWrap(message.dataBody()))
                        .build()));
            bodyBytes += message.dataBody().length;
          }
        }
      }
    }
    return new SyntheticHBeeFunction.Batches(messages, bodyBytes, shape.rows());
  }

  private Batch batch(
      Schema schema, int from, int rows, long keyOffset, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>();
    try {
      for (int c = 0; c < schema.getFields().size(); c++) {
        Field field = schema.getFields().get(c);
        FieldVector vector = field.createVector(allocator);
        columns.add(vector);
        vector.setInitialCapacity(rows);
        vector.allocateNew();
        if (vector instanceof BigIntVector longs) {
          for (int r = 0; r < rows; r++) {
            longs.set(r, c == 0 ? keyOffset + (from + r) % shape.groups() : 1);
          }
        } else if (vector instanceof Float8Vector doubles && c > 0) {
          for (int r = 0; r < rows; r++) {
            doubles.set(r, 0.5);
          }
        } else {
          throw new IllegalStateException(
              "the synthetic HBee fills a BIGINT key and BIGINT or DOUBLE aggregates, not "
                  + field.getName()
                  + " "
                  + field.getType());
        }
        vector.setValueCount(rows);
      }
      return new Batch(schema, columns, rows);
    } catch (RuntimeException e) {
      columns.forEach(FieldVector::close);
      throw e;
    }
  }
}
