package io.buzz.local.e2e;

import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.testing.Await;
import java.time.Duration;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one small query through a fresh stack before a test starts watching its event loops. The
 * first query of a JVM loads and links thousands of classes wherever it happens to run (the AWS
 * SDK's invoke pipeline, HTTP/2 codecs, the HComb's first plan): start-up cost, not the blocking
 * the tests look for.
 */
final class WarmUp {
  private WarmUp() {}

  static void run(QueryClient client, BufferAllocator allocator, String catalog, String uri) {
    String json = QueryJsonText.countRows(catalog, uri);
    try (QueryResult result = Await.result(client.query(json, Duration.ofMinutes(2), allocator))) {
      result.rowCount();
    }
  }
}
