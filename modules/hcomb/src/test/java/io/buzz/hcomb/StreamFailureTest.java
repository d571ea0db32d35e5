package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.task.ErrorCode;
import io.buzz.protocol.task.StreamHeader;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams the HComb refuses, and streams whose failure fails their query. */
class StreamFailureTest extends HCombTestBase {
  private static final String QUERY = "q-fail";

  /** A small message limit, so an oversized message costs little. */
  private static final int MAX_MESSAGE_BYTES = 1 << 20;

  @Override
  protected TestHooks hooks() {
    return new TestHooks(TestHooks.NONE.mergeExecutor(), MAX_MESSAGE_BYTES);
  }

  private static StreamHeader attempt(int task) {
    return TestHBee.header(QUERY, token(QUERY), task, 0);
  }

  private List<List<List<Object>>> someState() {
    return List.of(ReferenceAggregate.partial(ReferenceAggregate.raw(0, 40, 4)));
  }

  /** An open stream that sent its header, schema and a batch, and waits. */
  private TestHBee openWithABatch(StreamHeader header) {
    TestHBee hbee = openStream();
    List<FlightData> messages = cleanStream(header, TestPlans.STATE, someState());
    await(hbee.send(messages.subList(0, 2)));
    return hbee;
  }

  @Test
  void anHBeeErrorTrailerFailsTheQueryWithTheHBeesCodeAndEndsTheOtherStreams() {
    TestFuse fuse = startQuery(request(QUERY, 3, TestPlans.finalAggregate(true)));
    TestHBee first = openWithABatch(attempt(0));
    TestHBee second = openWithABatch(attempt(1));
    eventually("both streams are open", () -> hcomb.stats().openStreams() == 2);

    TestHBee failing = openStream();
    failing.send(
        List.of(
            TestHBee.first(attempt(2), arrow(TestPlans.STATE)),
            TestHBee.error(ErrorCode.NOT_FOUND, "file:///data/part-7.parquet does not exist")));

    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(outcome.message())
        .contains("HBee task 2 (attempt 0) of query q-fail failed")
        .contains("file:///data/part-7.parquet does not exist");
    for (TestHBee hbee : List.of(first, second, failing)) {
      TestHBee.Outcome ended = await(hbee.outcome());
      assertThat(ended.status()).isEqualTo(GrpcStatus.NOT_FOUND);
      assertThat(ended.message()).contains("part-7.parquet");
    }
    eventually("the query is released", () -> hcomb.activeQueries() == 0);
    assertThat(hcomb.stats().openStreams()).isZero();
    assertThat(hcomb.stats().queriesFailed()).isEqualTo(1);
  }

  @Test
  void aWrongTokenIsUnauthenticatedAndLeavesTheQueryAlone() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    TestHBee.Outcome refused =
        push(TestHBee.header(QUERY, "guessed", 0, 0), TestPlans.STATE, someState());
    assertThat(refused.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(refused.message()).contains("wrong token for query q-fail");

    assertThat(push(attempt(0), TestPlans.STATE, someState()).committed()).isTrue();
    assertThat(await(fuse.outcome()).status()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  void anUnknownQueryIsNotFound() {
    TestHBee.Outcome refused =
        push(TestHBee.header("q-nobody", "x", 0, 0), TestPlans.STATE, someState());
    assertThat(refused.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(refused.message()).contains("query q-nobody is not registered");
  }

  @Test
  void aTaskOutOfRangeIsAnInvalidArgument() {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    for (int task : new int[] {2, -1}) {
      TestHBee.Outcome refused = push(attempt(task), TestPlans.STATE, someState());
      assertThat(refused.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
      assertThat(refused.message())
          .contains("task " + task + " is out of range for query q-fail (tasks 0 to 1)");
    }
    assertThat(fuse.outcome().isComplete()).isFalse();
    fuse.cancel();
    await(fuse.outcome());
  }

  @Test
  void aSchemaMismatchFailsTheQueryNamingBothSchemas() {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    TestHBee other = openWithABatch(attempt(1));
    TestHBee.Outcome refused =
        push(attempt(0), TestPlans.RAW, List.of(ReferenceAggregate.raw(0, 5, 2)));
    assertThat(refused.status()).isEqualTo(GrpcStatus.INTERNAL);

    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.INTERNAL);
    assertThat(outcome.message())
        .contains(
            "task 0 (attempt 0) of query q-fail sent schema Schema<key: Utf8, value: Int(64, true)>")
        .contains("but the plan expects Schema<key: Utf8, n: Int(64, true) not null");
    assertThat(await(other.outcome()).status()).isEqualTo(GrpcStatus.INTERNAL);
  }

  @Test
  void aMalformedBatchFailsTheQuery() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    TestHBee hbee = openStream();
    FlightData batch = batchMessage(TestPlans.STATE, someState().get(0));
    FlightData truncated =
        batch.toBuilder().setDataBody(batch.getDataBody().substring(0, 16)).build();
    hbee.send(List.of(TestHBee.first(attempt(0), arrow(TestPlans.STATE)), truncated))
        .compose(v -> hbee.end());
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.INTERNAL);
    assertThat(outcome.message()).contains("malformed Arrow IPC");
    assertThat(await(hbee.outcome()).status()).isEqualTo(GrpcStatus.INTERNAL);
  }

  @Test
  void aMessageOverTheSizeLimitFailsTheQueryInsteadOfVanishing() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    TestHBee hbee = openStream();
    FlightData batch = batchMessage(TestPlans.STATE, someState().get(0));
    FlightData huge =
        batch.toBuilder()
            .setAppMetadata(ByteString.copyFrom(new byte[MAX_MESSAGE_BYTES + 1]))
            .build();
    hbee.send(
            List.of(TestHBee.first(attempt(0), arrow(TestPlans.STATE)), huge, TestHBee.metrics(4)))
        .compose(v -> hbee.end());
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(outcome.message())
        .contains(
            "task 0 (attempt 0) of query q-fail sent a message larger than the HComb's limit");
    assertThat(await(hbee.outcome()).committed()).isFalse();
  }

  @Test
  void aStreamEndedWithoutItsTrailerCommitsNothing() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    TestHBee cut = openStream();
    List<FlightData> messages = cleanStream(attempt(0), TestPlans.STATE, someState());
    cut.send(messages.subList(0, messages.size() - 1)).compose(v -> cut.end());
    TestHBee.Outcome refused = await(cut.outcome());
    assertThat(refused.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(refused.message())
        .contains(
            "task 0 (attempt 0) of query q-fail ended without its trailer: nothing committed");
    assertThat(fuse.outcome().isComplete()).isFalse();

    // Another attempt of the task, whole, commits: the query's answer has its rows once.
    StreamHeader retry = TestHBee.header(QUERY, token(QUERY), 0, 1);
    assertThat(push(retry, TestPlans.STATE, someState()).committed()).isTrue();
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator))
        .isEqualTo(ReferenceAggregate.finalRows(ReferenceAggregate.raw(0, 40, 4)));
  }

  @Test
  void malformedStreamsAreRefused() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    TestHBee noDescriptor = openStream();
    noDescriptor.send(List.of(TestHBee.schema(arrow(TestPlans.STATE))));
    TestHBee.Outcome refused = await(noDescriptor.outcome());
    assertThat(refused.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(refused.message()).contains("must carry a CMD descriptor");

    TestHBee silent = openStream();
    silent.end();
    TestHBee.Outcome ended = await(silent.outcome());
    assertThat(ended.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(ended.message()).contains("ended before it identified its query");

    assertThat(fuse.outcome().isComplete()).isFalse();
    assertThat(push(attempt(0), TestPlans.STATE, someState()).committed()).isTrue();
    assertThat(await(fuse.outcome()).status()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  void anOverflowWhileMergingFailsTheQueryAndLeaksNothing() {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    List<List<Object>> huge = List.of(TestBatches.row("k", 1L, Long.MAX_VALUE, 1.0, 1L));
    assertThat(push(attempt(0), TestPlans.STATE, List.of(huge)).committed()).isTrue();
    TestHBee.Outcome second = push(attempt(1), TestPlans.STATE, List.of(huge, huge));
    assertThat(second.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(outcome.message()).containsIgnoringCase("overflow");
    eventually("the query is released", () -> hcomb.activeQueries() == 0);
    assertThat(hcomb.stats().queriesLeaked()).isZero();
    assertThat(hcombRoot.getAllocatedMemory()).isZero();
  }
}
