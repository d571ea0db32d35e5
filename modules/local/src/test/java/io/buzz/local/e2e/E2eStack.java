package io.buzz.local.e2e;

import io.buzz.error.BuzzException;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.BlockedThreadWatch;
import io.buzz.testing.ParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A local stack, a query client on real gRPC and an allocator for results, watched for blocked
 * event loops from its first query on (a warm-up) to close (closing asserts that nothing blocked).
 */
final class E2eStack implements AutoCloseable {
  final BlockedThreadWatch watch;
  final LocalStack stack;
  final QueryClient client;
  final BufferAllocator allocator = new RootAllocator();

  private E2eStack(LocalStackConfig config) {
    watch = BlockedThreadWatch.start();
    stack = LocalStack.start(watch.vertx(), config);
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    warmUp();
    watch.arm();
  }

  /** One query over a one-row file first: the first query of a JVM loads classes everywhere. */
  private void warmUp() {
    try {
      Path dir = Files.createTempDirectory("buzz-warm-up");
      Path file = ParquetFiles.write(dir.resolve("w.parquet"), "SELECT 1 AS x");
      WarmUp.run(client, allocator, "warm", file.toUri().toString());
      Files.delete(file);
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static E2eStack start(LocalStackConfig config) {
    return new E2eStack(config);
  }

  /** Runs a query to its end; the caller closes the result. */
  QueryResult run(String json) throws Exception {
    return client.query(json, Duration.ofMinutes(2), allocator).await(3, TimeUnit.MINUTES);
  }

  /** The error a query that must fail fails with. */
  BuzzException failure(String json) {
    try (QueryResult result = run(json)) {
      throw new AssertionError("expected the query to fail, got " + result.rowCount() + " rows");
    } catch (BuzzException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("no answer", e);
    }
  }

  @Override
  public void close() {
    client.close();
    stack.close();
    allocator.close();
    watch.close();
    watch.assertNothingBlocked();
  }
}
