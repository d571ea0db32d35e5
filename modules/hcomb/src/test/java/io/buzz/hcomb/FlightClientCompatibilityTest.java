package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.task.StreamAck;
import io.buzz.protocol.task.StreamHeader;
import io.buzz.protocol.task.StreamTrailer;
import io.buzz.protocol.task.TaskMetrics;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.SyncPutListener;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * A stock Arrow Flight Java client (flight-core, grpc-java over its own Netty channel) pushes a
 * task's rows to the HComb with {@code DoPut}: the descriptor is the command bytes of a Buzz
 * StreamHeader, the trailer travels as app_metadata. The HComb merges the rows like any HBee's.
 */
class FlightClientCompatibilityTest extends HCombTestBase {
  private static final String QUERY = "q-flight";

  private FlightClient flightClient() {
    return FlightClient.builder(allocator, Location.forGrpcInsecure(server.host(), server.port()))
        .build();
  }

  /** Sends rows {@code (key, value)} for {@code from .. from + count} in batches of 100. */
  private StreamAck put(FlightClient flight, StreamHeader header, int from, int count)
      throws Exception {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(arrow(TestPlans.RAW), allocator)) {
      SyncPutListener results = new SyncPutListener();
      FlightClient.ClientStreamListener stream =
          flight.startPut(FlightDescriptor.command(header.toByteArray()), root, results);
      VarCharVector keys = (VarCharVector) root.getVector(0);
      BigIntVector values = (BigIntVector) root.getVector(1);
      for (int start = from; start < from + count; start += 100) {
        root.allocateNew();
        int rows = Math.min(100, from + count - start);
        for (int i = 0; i < rows; i++) {
          keys.setSafe(i, ("k" + (start + i)).getBytes(StandardCharsets.UTF_8));
          values.setSafe(i, start + i);
        }
        root.setRowCount(rows);
        stream.putNext();
      }
      byte[] trailer =
          StreamTrailer.newBuilder()
              .setMetrics(TaskMetrics.newBuilder().setRowsOut(count))
              .build()
              .toByteArray();
      ArrowBuf metadata = allocator.buffer(trailer.length);
      metadata.setBytes(0, trailer);
      metadata.writerIndex(trailer.length);
      stream.putMetadata(metadata); // the stream takes ownership
      stream.completed();
      stream.getResult();
      try (PutResult result = results.read()) {
        byte[] ack = new byte[(int) result.getApplicationMetadata().readableBytes()];
        result.getApplicationMetadata().getBytes(0, ack);
        return StreamAck.parseFrom(ack);
      }
    }
  }

  @Test
  void aStockFlightClientPushesRowsThatAreMerged() throws Exception {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.topN(3)));
    try (FlightClient flight = flightClient()) {
      assertThat(put(flight, TestHBee.header(QUERY, token(QUERY), 0, 0), 0, 1000).getCommitted())
          .isTrue();
      // A retry of a committed task is acknowledged, not counted.
      assertThat(put(flight, TestHBee.header(QUERY, token(QUERY), 0, 1), 5000, 10).getCommitted())
          .isFalse();
      assertThat(put(flight, TestHBee.header(QUERY, token(QUERY), 1, 0), 1000, 250).getCommitted())
          .isTrue();
    }
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator))
        .containsExactly(
            TestBatches.row("k1249", 1249L),
            TestBatches.row("k1248", 1248L),
            TestBatches.row("k1247", 1247L));
    assertThat(outcome.commits()).hasSize(2);
    assertThat(outcome.commits())
        .extracting(c -> c.getMetrics().getRowsOut())
        .containsExactly(1000L, 250L);
  }

  @Test
  void theHCombsRefusalReachesAFlightClientAsItsStatus() throws Exception {
    startQuery(request(QUERY, 1, TestPlans.topN(3)));
    try (FlightClient flight = flightClient()) {
      FlightRuntimeException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              FlightRuntimeException.class,
              () -> put(flight, TestHBee.header(QUERY, "wrong", 0, 0), 0, 10));
      assertThat(refused.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED);
      assertThat(refused.getMessage()).contains("wrong token for query q-flight");
    }
    assertThat(List.of(hcomb.activeQueries())).containsExactly(1);
  }
}
