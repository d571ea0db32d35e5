package io.buzz.kernels.ipc;

import static io.buzz.kernels.testing.TestBatches.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.operator.AllTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IpcCodecTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void encapsulatedRoundTripOfEveryTypeWithNullsEmptyAndSliced() {
    try (Batch full = AllTypes.batchWithDecimals(allocator, 77);
        Batch empty = full.slice(0, 0, allocator);
        Batch sliced = full.slice(13, 40, allocator)) {
      Schema schema = IpcCodec.decodeSchema(IpcCodec.encodeSchema(full.schema()));
      assertThat(schema).isEqualTo(full.schema());
      for (Batch batch : List.of(full, empty, sliced)) {
        try (Batch decoded = IpcCodec.decodeBatch(IpcCodec.encodeBatch(batch), schema, allocator)) {
          assertThat(decoded.rowCount()).isEqualTo(batch.rowCount());
          assertThat(rows(decoded)).isEqualTo(rows(batch));
        }
      }
    }
  }

  @Test
  void flightSplitRoundTripWithAlignedBody() {
    try (Batch full = AllTypes.batchWithDecimals(allocator, 33);
        Batch empty = full.slice(0, 0, allocator);
        Batch sliced = full.slice(5, 9, allocator)) {
      Schema schema =
          IpcCodec.decodeFlightSchema(IpcCodec.flightSchema(full.schema()).dataHeader());
      assertThat(schema).isEqualTo(full.schema());
      for (Batch batch : List.of(full, empty, sliced)) {
        FlightMessage message = IpcCodec.flightBatch(batch);
        assertThat(message.dataBody().length % 8).isZero();
        try (Batch decoded =
            IpcCodec.decodeFlightBatch(
                message.dataHeader(), message.dataBody(), schema, allocator)) {
          assertThat(rows(decoded)).isEqualTo(rows(batch));
        }
      }
    }
  }

  @Test
  void flightBatchesSplitsLargeBatchesWithinTheBodyBudget() {
    try (Batch batch = AllTypes.batch(allocator, 1000)) {
      long whole = IpcCodec.flightBatch(batch).dataBody().length;
      List<FlightMessage> parts = IpcCodec.flightBatches(batch, allocator, whole / 5);
      assertThat(parts.size()).isGreaterThanOrEqualTo(5);
      List<List<Object>> decoded = new ArrayList<>();
      for (FlightMessage part : parts) {
        assertThat((long) part.dataBody().length).isLessThanOrEqualTo(whole / 5);
        try (Batch piece =
            IpcCodec.decodeFlightBatch(
                part.dataHeader(), part.dataBody(), batch.schema(), allocator)) {
          decoded.addAll(rows(piece));
        }
      }
      assertThat(decoded).isEqualTo(rows(batch));
      assertThat(IpcCodec.flightBatches(batch, allocator)).hasSize(1);
    }
  }

  @Test
  void concatenatedMessagesAreAStreamArrowStreamReaderReads() throws Exception {
    try (Batch first = AllTypes.batch(allocator, 20);
        Batch second = first.slice(3, 7, allocator)) {
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      stream.write(IpcCodec.encodeSchema(first.schema()));
      stream.write(IpcCodec.encodeBatch(first));
      stream.write(IpcCodec.encodeBatch(second));
      stream.write(IpcCodec.endOfStream());
      List<List<List<Object>>> read = new ArrayList<>();
      try (ArrowStreamReader reader =
          new ArrowStreamReader(new ByteArrayInputStream(stream.toByteArray()), allocator)) {
        assertThat(reader.getVectorSchemaRoot().getSchema()).isEqualTo(first.schema());
        while (reader.loadNextBatch()) {
          Batch view = Batch.fromRoot(reader.getVectorSchemaRoot());
          read.add(rows(view));
        }
      }
      assertThat(read).containsExactly(rows(first), rows(second));
    }
  }

  @Test
  void wrongMessageKindsAndTruncatedBodiesAreReported() {
    try (Batch batch = AllTypes.batch(allocator, 10)) {
      byte[] encoded = IpcCodec.encodeBatch(batch);
      assertThatThrownBy(() -> IpcCodec.decodeSchema(encoded))
          .isInstanceOf(KernelException.class)
          .hasMessageContaining("expected a schema message");
      FlightMessage message = IpcCodec.flightBatch(batch);
      byte[] shortBody = java.util.Arrays.copyOf(message.dataBody(), 8);
      assertThatThrownBy(
              () ->
                  IpcCodec.decodeFlightBatch(
                      message.dataHeader(), shortBody, batch.schema(), allocator))
          .isInstanceOf(KernelException.class)
          .hasMessageContaining("data_body has 8");
      byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 16);
      assertThatThrownBy(() -> IpcCodec.decodeBatch(truncated, batch.schema(), allocator))
          .isInstanceOf(KernelException.class)
          .hasMessageContaining("follow");
      assertThatThrownBy(() -> IpcCodec.decodeFlightSchema(new byte[] {1, 2, 3}))
          .isInstanceOf(KernelException.class)
          .hasMessageContaining("malformed Arrow IPC");
    }
  }
}
