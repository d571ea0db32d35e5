package io.buzz.fuse;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.catalog.Catalogs;
import io.buzz.fuse.hcomb.HCombManager;
import io.buzz.fuse.invoke.HBeeInvoker;
import io.buzz.fuse.metrics.FuseMetrics;
import io.buzz.fuse.query.InvocationBudget;
import io.buzz.plan.sql.QueryPlanner;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What the Fuse runs queries with: the seams (catalogs, HComb manager, HBee invoker) and shared
 * clients, and the meters queries record into. The owner of these objects closes them; queries only
 * use them. The invoker is expected to be metered ({@link FuseMetrics#meter}) by the owner.
 */
public record FuseServices(
    Vertx vertx,
    QueryPlanner planner,
    Catalogs catalogs,
    HCombManager hcombs,
    GrpcClient hcombClient,
    HBeeInvoker invoker,
    BufferAllocator allocator,
    FuseConfig config,
    FuseMetrics metrics,
    InvocationBudget invocations) {
  public FuseServices {
    requireNonNull(vertx, "vertx is null");
    requireNonNull(planner, "planner is null");
    requireNonNull(catalogs, "catalogs is null");
    requireNonNull(hcombs, "hcombs is null");
    requireNonNull(hcombClient, "hcombClient is null");
    requireNonNull(invoker, "invoker is null");
    requireNonNull(allocator, "allocator is null");
    requireNonNull(config, "config is null");
    requireNonNull(metrics, "metrics is null");
    requireNonNull(invocations, "invocations is null");
  }
}
