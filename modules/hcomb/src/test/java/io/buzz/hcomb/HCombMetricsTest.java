package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.grpc.GrpcLimits;
import io.buzz.protocol.task.StreamHeader;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HComb's meters follow what it received and merged, and leave the registry with it. */
class HCombMetricsTest extends HCombTestBase {
  private static final String QUERY = "q-metrics";

  private double counter(String name, String... tags) {
    return meters.get(name).tags(tags).functionCounter().count();
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  @Test
  void countsWhatTheQueryReceivedAndMerged() {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    assertThat(gauge("buzz.hcomb.queries.active")).isEqualTo(1);
    List<List<List<Object>>> batches = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      batches.add(ReferenceAggregate.partial(ReferenceAggregate.raw(b * 100, 100, 7)));
    }
    int rows = batches.stream().mapToInt(List::size).sum();
    for (int task = 0; task < 2; task++) {
      StreamHeader header = TestHBee.header(QUERY, token(QUERY), task, 0);
      assertThat(push(header, TestPlans.STATE, batches).committed()).isTrue();
    }
    assertThat(await(fuse.outcome()).status()).isEqualTo(GrpcStatus.OK);
    // The query leaves the registry and the statistics once its buffers are released, after its
    // result went out.
    eventually(
        "the query ended",
        () -> counter("buzz.hcomb.queries.finished", "outcome", "succeeded") == 1);

    assertThat(counter("buzz.hcomb.received.batches")).isEqualTo(6);
    assertThat(counter("buzz.hcomb.received.rows")).isEqualTo(2 * rows);
    assertThat(counter("buzz.hcomb.received")).isPositive();
    assertThat(counter("buzz.hcomb.merge")).isPositive();
    assertThat(counter("buzz.hcomb.streams.opened")).isEqualTo(2);
    assertThat(counter("buzz.hcomb.queries.finished", "outcome", "succeeded")).isEqualTo(1);
    assertThat(counter("buzz.hcomb.queries.finished", "outcome", "failed")).isZero();
    assertThat(gauge("buzz.hcomb.queries.active")).isZero();
    assertThat(gauge("buzz.hcomb.streams.open")).isZero();
    assertThat(gauge("buzz.hcomb.state")).isZero();
    eventually("the HComb counts its idle time", () -> gauge("buzz.hcomb.idle") > 0);
  }

  @Test
  void aLargeStreamIsGrantedAWideWindowThatComesBackWithItsCommit() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    List<List<List<Object>>> batches = new ArrayList<>();
    for (int b = 0; b < 8; b++) {
      batches.add(ReferenceAggregate.partial(ReferenceAggregate.raw(b * 4_000, 4_000, 4_000)));
    }
    StreamHeader header = TestHBee.header(QUERY, token(QUERY), 0, 0);
    // As an HBee does: its stream alone on a connection of its own (the Fuse's call has another).
    GrpcClient own =
        GrpcClient.client(
            clientVertx,
            GrpcLimits.clientOptions(),
            GrpcLimits.httpClientOptions().setHttp2MultiplexingLimit(1));
    try {
      TestHBee hbee = await(TestHBee.open(own, server, clientContext));
      hbee.send(cleanStream(header, TestPlans.STATE, batches)).compose(v -> hbee.end());
      assertThat(await(hbee.outcome()).committed()).isTrue();
    } finally {
      await(own.close());
    }
    assertThat(await(fuse.outcome()).status()).isEqualTo(GrpcStatus.OK);
    // Through Vert.x gRPC and the whole HComb: the stream was widened, and its charge came back.
    ReceiveWindows windows = hcomb.receiveWindows();
    assertThat(windows.widenings()).isEqualTo(1);
    eventually("the window given back", () -> windows.grantedBytes() == 0);
    assertThat(gauge("buzz.hcomb.streams.window.wide")).isZero();
    eventually("no connection kept", () -> windows.connectionCount() == 0);
  }

  @Test
  void readingTheMetersLeavesTheHCombServing() {
    assertThat(gauge("buzz.hcomb.state")).isZero();
    startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    // A second query registers after the state was read with one running.
    startQuery(request(QUERY + "-2", 1, TestPlans.finalAggregate(true)));
    assertThat(gauge("buzz.hcomb.queries.active")).isEqualTo(2);
  }

  @Test
  void undeployingRemovesTheMeters() {
    assertThat(meters.find("buzz.hcomb.received.rows").functionCounter())
        .isInstanceOf(FunctionCounter.class);
    await(vertx.undeploy(deployment));
    assertThat(meters.find("buzz.hcomb.received.rows").functionCounter()).isNull();
    assertThat(meters.find("buzz.hcomb.queries.active").gauge()).isNull();
    assertThat(meters.getMeters()).noneMatch(m -> m instanceof Gauge);
  }
}
