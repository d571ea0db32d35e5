package io.buzz.hcomb;

import io.buzz.grpc.GrpcLimits;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs one query through a throwaway HComb once per test JVM, before any test watches for blocked
 * event loops.
 *
 * <p>A cold JVM spends hundreds of milliseconds on an event loop the first time Vert.x binds a
 * server, Netty allocates its first pooled chunk (which registers JFR event types) or a protobuf
 * descriptor initializes; on a busy two-core machine that alone trips a 200 ms blocked-thread
 * limit. That is class loading, not the HComb's work; after this warm-up, a blocked event loop in a
 * test is the HComb (or the test) doing too much on it.
 */
final class JvmWarmUp {
  private static boolean done;

  private JvmWarmUp() {}

  static synchronized void once() {
    if (done) {
      return;
    }
    done = true;
    Vertx vertx = Vertx.vertx();
    try (BufferAllocator root = new RootAllocator();
        BufferAllocator data = new RootAllocator()) {
      HCombVerticle hcomb = new HCombVerticle(HCombConfig.defaults().withMergeThreads(1), root);
      await(vertx.deployVerticle(hcomb));
      GrpcClient client = GrpcClient.client(vertx, GrpcLimits.clientOptions());
      SocketAddress server =
          SocketAddress.inetSocketAddress(hcomb.endpoint().getPort(), hcomb.endpoint().getHost());
      Context context = vertx.getOrCreateContext();
      RunQueryRequest request =
          RunQueryRequest.newBuilder()
              .setQueryId("warm-up")
              .setToken("warm-up")
              .setTaskCount(1)
              .setPlan(TestPlans.finalAggregate(true))
              .build();
      TestFuse fuse = TestFuse.runQuery(client, server, context, request);
      await(fuse.registered());
      FlightData batch;
      try (Batch rows =
          TestBatches.batch(
              data,
              TestPlans.STATE,
              ReferenceAggregate.partial(ReferenceAggregate.raw(0, 10, 2)))) {
        batch = TestHBee.batch(rows);
      }
      TestHBee hbee = await(TestHBee.open(client, server, context));
      hbee.send(
              List.of(
                  TestHBee.first(
                      TestHBee.header("warm-up", "warm-up", 0, 0),
                      HCombTestBase.arrow(TestPlans.STATE)),
                  batch,
                  TestHBee.metrics(10)))
          .compose(v -> hbee.end());
      await(hbee.outcome());
      fuse.outcome().map(outcome -> outcome.rows(data)).await(60, TimeUnit.SECONDS);
      await(client.close());
    } catch (Exception e) {
      throw new IllegalStateException("JVM warm-up failed", e);
    } finally {
      vertx.close().await();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(60, TimeUnit.SECONDS);
  }
}
