package io.buzz.fuse.catalog.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Fuse's Delta warm-up reads its tiny table and leaves nothing behind. */
class DeltaTablesWarmUpTest {
  @Test
  void readsATinyTableAndDeletesIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DeltaTables tables = new DeltaTables(vertx, null, registry)) {
      List<Path> before = warmUpDirs();
      assertThat(tables.warmUp()).isTrue();
      assertThat(warmUpDirs()).isEqualTo(before);
      // the warm-up is not a query: the cache saw nothing
      assertThat(registry.get("buzz.fuse.delta.log.cache").counters())
          .allSatisfy(counter -> assertThat(counter.count()).isZero());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static List<Path> warmUpDirs() throws Exception {
    try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return paths
          .filter(p -> p.getFileName().toString().startsWith("buzz-delta-warm-up"))
          .sorted()
          .toList();
    }
  }
}
