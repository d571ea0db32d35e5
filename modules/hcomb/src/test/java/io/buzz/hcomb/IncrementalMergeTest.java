package io.buzz.hcomb;

import static io.buzz.hcomb.TestBatches.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.hcomb.TaskCommitted;
import io.buzz.protocol.plan.HCombPlan;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams fold into the query's state as they arrive, and the result is right. */
class IncrementalMergeTest extends HCombTestBase {

  @Test
  void concurrentStreamsFoldIntoTheFinalAggregate() {
    int tasks = 6;
    TestFuse fuse = startQuery(request("q-concurrent", tasks, TestPlans.finalAggregate(true)));
    List<List<Object>> allRaw = new ArrayList<>();
    List<TestHBee> hbees = new ArrayList<>();
    List<List<FlightData>> streams = new ArrayList<>();
    for (int task = 0; task < tasks; task++) {
      List<List<List<Object>>> batches = new ArrayList<>();
      for (int b = 0; b < 3; b++) {
        List<List<Object>> raw = ReferenceAggregate.raw(task * 3000 + b * 1000, 1000, 37);
        allRaw.addAll(raw);
        batches.add(ReferenceAggregate.partial(raw));
      }
      streams.add(
          cleanStream(
              TestHBee.header("q-concurrent", token("q-concurrent"), task, 0),
              TestPlans.STATE,
              batches));
      hbees.add(openStream());
    }
    // All streams are open at once; their batches interleave on the wire and in the merge.
    List<Future<Void>> sent = new ArrayList<>();
    for (int task = 0; task < tasks; task++) {
      TestHBee hbee = hbees.get(task);
      sent.add(hbee.send(streams.get(task)).compose(v -> hbee.end()));
    }
    await(Future.all(sent));
    for (TestHBee hbee : hbees) {
      assertThat(await(hbee.outcome()).committed()).isTrue();
    }

    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.columnNames()).containsExactly("key", "n", "total", "mean");
    assertThat(outcome.rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(allRaw));
    assertThat(outcome.commits())
        .extracting(TaskCommitted::getTaskId)
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    assertThat(outcome.commits()).allSatisfy(c -> assertThat(c.getRows()).isEqualTo(3 * 37));
    assertThat(outcome.finished().getBatchesReceived()).isEqualTo(18);
    assertThat(outcome.finished().getResultRows()).isEqualTo(37);
    assertThat(hcomb.stats().queriesSucceeded()).isEqualTo(1);
  }

  @Test
  void zeroTasksFinishAtOnceAndAGlobalAggregateStillGivesOneRow() {
    TestFuse fuse = startQuery(request("q-empty", 0, TestPlans.finalAggregate(false)));
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator)).containsExactly(row(0L, null, null));
    assertThat(outcome.commits()).isEmpty();

    TestFuse grouped = startQuery(request("q-empty-grouped", 0, TestPlans.finalAggregate(true)));
    TestFuse.Outcome groupedOutcome = await(grouped.outcome());
    assertThat(groupedOutcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(groupedOutcome.columnNames()).containsExactly("key", "n", "total", "mean");
    assertThat(groupedOutcome.rows(allocator)).isEmpty();
  }

  @Test
  void aStreamWithASchemaButNoBatchCommitsNothing() {
    TestFuse fuse = startQuery(request("q-nobatch", 2, TestPlans.finalAggregate(true)));
    List<List<Object>> raw = ReferenceAggregate.raw(0, 100, 5);
    assertThat(
            push(
                    TestHBee.header("q-nobatch", token("q-nobatch"), 0, 0),
                    TestPlans.STATE,
                    List.of(ReferenceAggregate.partial(raw)))
                .committed())
        .isTrue();
    TestHBee.Outcome empty =
        push(TestHBee.header("q-nobatch", token("q-nobatch"), 1, 0), TestPlans.STATE, List.of());
    assertThat(empty.committed()).isTrue();

    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(raw));
    assertThat(outcome.commits())
        .filteredOn(c -> c.getTaskId() == 1)
        .singleElement()
        .satisfies(c -> assertThat(c.getRows()).isZero());
  }

  @Test
  void aStreamWithNoSchemaAtAllCommitsNothing() {
    TestFuse fuse = startQuery(request("q-noschema", 2, TestPlans.finalAggregate(true)));
    List<List<Object>> raw = ReferenceAggregate.raw(0, 50, 3);
    push(
        TestHBee.header("q-noschema", token("q-noschema"), 1, 0),
        TestPlans.STATE,
        List.of(ReferenceAggregate.partial(raw)));
    TestHBee bare = openStream();
    bare.send(
            List.of(
                TestHBee.first(TestHBee.header("q-noschema", token("q-noschema"), 0, 0), null),
                TestHBee.metrics(0)))
        .compose(v -> bare.end());
    assertThat(await(bare.outcome()).committed()).isTrue();

    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(raw));
  }

  @Test
  void theSchemaMaySendItsOwnMessageAfterTheHeader() {
    TestFuse fuse = startQuery(request("q-split", 1, TestPlans.finalAggregate(true)));
    List<List<Object>> raw = ReferenceAggregate.raw(0, 60, 6);
    TestHBee hbee = openStream();
    hbee.send(
            List.of(
                TestHBee.first(TestHBee.header("q-split", token("q-split"), 0, 0), null),
                TestHBee.schema(arrow(TestPlans.STATE)),
                batchMessage(TestPlans.STATE, ReferenceAggregate.partial(raw)),
                TestHBee.metrics(6)))
        .compose(v -> hbee.end());
    assertThat(await(hbee.outcome()).committed()).isTrue();
    assertThat(await(fuse.outcome()).rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(raw));
  }

  @Test
  void topNAndLimitMergesKeepTheirRows() {
    TestFuse top = startQuery(request("q-top", 3, TestPlans.topN(4)));
    TestFuse limit = startQuery(request("q-limit", 3, TestPlans.limit(5)));
    TestFuse collect = startQuery(request("q-collect", 3, TestPlans.collectSorted()));
    for (int task = 0; task < 3; task++) {
      List<List<List<Object>>> batches =
          List.of(
              ReferenceAggregate.raw(task * 10, 5, 100),
              ReferenceAggregate.raw(task * 10 + 5, 5, 100));
      for (String query : List.of("q-top", "q-limit", "q-collect")) {
        assertThat(
                push(TestHBee.header(query, token(query), task, 0), TestPlans.RAW, batches)
                    .committed())
            .isTrue();
      }
    }
    TestFuse.Outcome topOutcome = await(top.outcome());
    assertThat(topOutcome.rows(allocator))
        .containsExactly(row("k29", 29L), row("k28", 28L), row("k27", 27L), row("k26", 26L));
    TestFuse.Outcome limitOutcome = await(limit.outcome());
    assertThat(limitOutcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(limitOutcome.rows(allocator)).hasSize(5);
    TestFuse.Outcome collectOutcome = await(collect.outcome());
    assertThat(collectOutcome.rows(allocator)).hasSize(30);
    assertThat(collectOutcome.rows(allocator).get(0)).isEqualTo(row("k0", 0L));
    assertThat(collectOutcome.rows(allocator).get(29)).isEqualTo(row("k29", 29L));
    assertThat(hcomb.stats().queriesSucceeded()).isEqualTo(3);
  }

  /** Keeps the plan helper honest: the declared plan compiles as the HComb will compile it. */
  @Test
  void planHelpersCompile() {
    for (HCombPlan plan :
        List.of(
            TestPlans.finalAggregate(true),
            TestPlans.finalAggregate(false),
            TestPlans.topN(1),
            TestPlans.limit(1),
            TestPlans.collectSorted())) {
      assertThat(io.buzz.exec.HCombMerge.compile(plan).inputSchema()).isNotNull();
    }
  }

  @Test
  void aResultLargerThanOneMessageArrivesInSlices() {
    int tasks = 3;
    TestFuse fuse = startQuery(request("q-large", tasks, TestPlans.collectSorted()));
    for (int task = 0; task < tasks; task++) {
      List<List<List<Object>>> batches = new ArrayList<>();
      for (int b = 0; b < 2; b++) {
        batches.add(ReferenceAggregate.raw((task * 2 + b) * 40_000, 40_000, 1_000_000));
      }
      assertThat(
              push(TestHBee.header("q-large", token("q-large"), task, 0), TestPlans.RAW, batches)
                  .committed())
          .isTrue();
    }
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.batches()).hasSizeGreaterThan(1);
    assertThat(outcome.batches())
        .allSatisfy(
            b ->
                assertThat(b.length).isLessThan((int) ResultEncoder.MAX_MESSAGE_BODY_BYTES + 4096));
    List<List<Object>> rows = outcome.rows(allocator);
    assertThat(rows).hasSize(240_000);
    for (int i = 0; i < rows.size(); i += 9_999) {
      assertThat(rows.get(i)).isEqualTo(row("k" + i, (long) i));
    }
    assertThat(outcome.finished().getResultRows()).isEqualTo(240_000);
  }
}
