package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs queries through the Fuse's gRPC API as a client would, timing each from the request to the
 * last result batch decoded.
 */
final class BuzzRunner {
  private final QueryClient client;
  private final BufferAllocator allocator;
  private final Duration timeout;

  BuzzRunner(QueryClient client, BufferAllocator allocator, Duration timeout) {
    this.client = requireNonNull(client, "client is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /** One timed query and what it returned. */
  record Run(double millis, List<List<Object>> rows, Statistics statistics) {}

  /** Runs {@code json} and waits for the whole answer; failures are thrown. */
  Run run(String json) {
    long start = System.nanoTime();
    try (QueryResult result = await(client.query(json, timeout, allocator))) {
      double millis = (System.nanoTime() - start) / 1e6;
      return new Run(millis, ResultRows.fromArrow(result.batches()), result.statistics());
    }
  }

  /** Starts {@code json} without waiting; the future completes with the elapsed milliseconds. */
  Future<Double> submit(String json) {
    long start = System.nanoTime();
    return client
        .query(json, timeout, allocator)
        .map(
            result -> {
              double millis = (System.nanoTime() - start) / 1e6;
              result.close();
              return millis;
            });
  }

  private <T> T await(Future<T> future) {
    try {
      return future.await(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + timeout, e);
    }
  }
}
