package io.buzz.storage.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.storage.io.InMemoryByteSource;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The footer cache: hits only for the same object version, bounded by footer bytes. */
class FooterCacheTest {
  @TempDir Path dir;

  private byte[] file(String name, String select) throws Exception {
    try (DuckDbOracle duckdb = new DuckDbOracle()) {
      return Files.readAllBytes(duckdb.write(select, dir.resolve(name), ""));
    }
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }

  /** A source that counts its reads, so a cache hit shows as no I/O. */
  private static InMemoryByteSource source(String uri, byte[] bytes) {
    return new InMemoryByteSource(uri, bytes);
  }

  @Test
  void theSameVersionIsAnsweredWithoutReadingTheFooterAgain() throws Exception {
    byte[] bytes = file("a.parquet", "SELECT i AS id, 'x' || i AS s FROM range(1000) t(i)");
    FooterCache cache = new FooterCache(1 << 20);

    InMemoryByteSource first = source("file:///t/a.parquet", bytes);
    ParquetFileReader opened = await(cache.open(first, bytes.length, "mtime:1"));
    assertThat(first.stats().requests()).isEqualTo(1);
    InMemoryByteSource second = source("file:///t/a.parquet", bytes);
    ParquetFileReader cached = await(cache.open(second, bytes.length, "mtime:1"));
    assertThat(second.stats().requests()).isZero();
    assertThat(cached.rowGroups()).isEqualTo(opened.rowGroups());
    assertThat(cached.columns()).isEqualTo(opened.columns());
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(1);
    assertThat(cache.bytes()).isEqualTo(opened.retainedBytes()).isPositive();

    // the cached reader reads its chunks through the new source
    await(cached.fetch(0, java.util.List.of("id")));
    assertThat(second.stats().requests()).isPositive();
  }

  @Test
  void anotherVersionSizeOrUnknownVersionIsNeverAHit() throws Exception {
    byte[] bytes = file("b.parquet", "SELECT i AS id FROM range(100) t(i)");
    FooterCache cache = new FooterCache(1 << 20);
    await(cache.open(source("file:///t/b.parquet", bytes), bytes.length, "etag:\"1\""));

    InMemoryByteSource otherVersion = source("file:///t/b.parquet", bytes);
    await(cache.open(otherVersion, bytes.length, "etag:\"2\""));
    assertThat(otherVersion.stats().requests()).isEqualTo(1);

    InMemoryByteSource unknown = source("file:///t/b.parquet", bytes);
    await(cache.open(unknown, bytes.length, ""));
    await(cache.open(unknown, bytes.length, ""));
    assertThat(unknown.stats().requests()).isEqualTo(2);

    // listed with another size than the file has: opened, never remembered
    InMemoryByteSource wrongSize = source("file:///t/c.parquet", bytes);
    await(cache.open(wrongSize, bytes.length + 1, "mtime:5"));
    await(cache.open(wrongSize, bytes.length + 1, "mtime:5"));
    assertThat(wrongSize.stats().requests()).isEqualTo(2);
    assertThat(cache.hits()).isZero();
  }

  @Test
  void leastRecentlyUsedFootersLeaveFirstWithinTheByteBound() throws Exception {
    byte[] bytes = file("d.parquet", "SELECT i AS id, i * 2 AS twice FROM range(100) t(i)");
    int footer =
        (int) await(ParquetFileReader.open(source("file:///t/x.parquet", bytes))).retainedBytes();
    FooterCache cache = new FooterCache(2L * footer);
    await(cache.open(source("file:///t/1.parquet", bytes), bytes.length, "v"));
    await(cache.open(source("file:///t/2.parquet", bytes), bytes.length, "v"));
    await(cache.open(source("file:///t/1.parquet", bytes), bytes.length, "v")); // 1 is now recent
    await(cache.open(source("file:///t/3.parquet", bytes), bytes.length, "v")); // evicts 2
    assertThat(cache.bytes()).isLessThanOrEqualTo(2L * footer);

    InMemoryByteSource two = source("file:///t/2.parquet", bytes);
    await(cache.open(two, bytes.length, "v"));
    assertThat(two.stats().requests()).isEqualTo(1);
    InMemoryByteSource three = source("file:///t/3.parquet", bytes);
    await(cache.open(three, bytes.length, "v"));
    assertThat(three.stats().requests()).isZero();

    FooterCache off = new FooterCache(0);
    InMemoryByteSource uncached = source("file:///t/1.parquet", bytes);
    await(off.open(uncached, bytes.length, "v"));
    await(off.open(uncached, bytes.length, "v"));
    assertThat(uncached.stats().requests()).isEqualTo(2);
  }
}
