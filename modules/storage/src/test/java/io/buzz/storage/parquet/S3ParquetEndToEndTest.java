package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ParquetTesting.await;
import static io.buzz.storage.parquet.ParquetTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.storage.io.ByteSource;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.EmbeddedS3;
import io.buzz.storage.io.S3ByteSource;
import io.buzz.storage.io.S3ReadOptions;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB-written files read end to end through the real byte sources: S3 (S3Proxy) and local. */
class S3ParquetEndToEndTest extends AllocatorTest {
  /** These tests count requests: on a loaded machine a hedged GET would add one. */
  private static final S3ReadOptions UNHEDGED = S3ReadOptions.DEFAULTS.withoutHedging();

  static EmbeddedS3 s3;
  static Vertx vertx;
  static DuckDbOracle duckdb;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    s3 = new EmbeddedS3();
    s3.createBucket("lake");
    vertx = Vertx.vertx();
    duckdb = new DuckDbOracle();
  }

  @AfterAll
  static void stop() throws Exception {
    duckdb.close();
    await(vertx.close());
    s3.close();
  }

  @Test
  void readsAParquetFileFromS3LikeDuckDbDoes() throws Exception {
    Path file =
        duckdb.write(
            ParquetReaderDuckDbTest.ALL_TYPES, dir.resolve("trips.parquet"), "ROW_GROUP_SIZE 2048");
    s3.put("lake", "taxi/year=2021/trips.parquet", Files.readAllBytes(file));
    ByteSources sources = new ByteSources(vertx, s3.client(), UNHEDGED);
    List<String> columns =
        List.of("vendor_id", "pickup_datetime", "passenger_count", "trip_distance", "tip_amount");

    try (ByteSource source = sources.open("s3://lake/taxi/year=2021/trips.parquet")) {
      assertThat(source).isInstanceOf(S3ByteSource.class);
      ParquetFileReader reader = await(ParquetFileReader.open(source));
      assertThat(source.stats().requests()).as("footer in one GET").isEqualTo(1);

      await(reader.fetch(0, columns));
      assertThat(source.stats().requests()).as("adjacent chunks coalesced").isEqualTo(2);

      assertThat(readAll(reader, columns, allocator, 1500))
          .containsExactlyElementsOf(duckdb.rows(file, columns));
    }
  }

  @Test
  void aListedVersionIsReadOrRefusedAndItsFooterIsCached() throws Exception {
    Path first = duckdb.write("SELECT i AS x FROM range(1000) t(i)", dir.resolve("a.parquet"), "");
    s3.put("lake", "versions/a.parquet", Files.readAllBytes(first));
    String listed =
        ByteSources.ETAG
            + s3.client().headObject(b -> b.bucket("lake").key("versions/a.parquet")).join().eTag();
    ByteSources sources = new ByteSources(vertx, s3.client(), UNHEDGED);
    FooterCache footers = new FooterCache(1 << 20);
    long size = Files.size(first);
    try (ByteSource source = sources.open("s3://lake/versions/a.parquet", listed)) {
      ParquetFileReader reader = await(footers.open(source, size, listed));
      assertThat(readAll(reader, List.of("x"), allocator, 1000)).hasSize(1000);
    }
    try (ByteSource source = sources.open("s3://lake/versions/a.parquet", listed)) {
      await(footers.open(source, size, listed));
      assertThat(source.stats().requests()).as("footer from the cache").isZero();
    }

    // replaced by another version of the same size: the listed version is gone
    Path second =
        duckdb.write("SELECT 999 - i AS x FROM range(1000) t(i)", dir.resolve("b.parquet"), "");
    s3.put("lake", "versions/a.parquet", Files.readAllBytes(second));
    try (ByteSource source = sources.open("s3://lake/versions/a.parquet", listed)) {
      ParquetFileReader stale = await(footers.open(source, size, listed));
      assertThatThrownBy(() -> readAll(stale, List.of("x"), allocator, 1000))
          .hasMessageContaining("s3://lake/versions/a.parquet")
          .hasMessageContaining("changed");
    }
  }

  @Test
  void aSmallListedFileIsReadWholeByOneGet() throws Exception {
    Path file =
        duckdb.write(
            "SELECT i AS x, 'value ' || i AS s FROM range(50000) t(i)",
            dir.resolve("small.parquet"),
            "ROW_GROUP_SIZE 8192");
    long size = Files.size(file);
    assertThat(size)
        .as("more than the footer's tail read, less than a whole-file read")
        .isBetween(
            (long) ParquetFileReader.DEFAULT_TAIL_GUESS + 1,
            (long) ParquetFileReader.WHOLE_FILE_BYTES);
    s3.put("lake", "small/a.parquet", Files.readAllBytes(file));
    String listed =
        ByteSources.ETAG
            + s3.client().headObject(b -> b.bucket("lake").key("small/a.parquet")).join().eTag();
    ByteSources sources = new ByteSources(vertx, s3.client(), UNHEDGED);
    List<String> columns = List.of("x", "s");
    FooterCache footers = new FooterCache(1 << 20);

    try (ByteSource source = sources.open("s3://lake/small/a.parquet", listed)) {
      ParquetFileReader reader = await(footers.openToScan(source, size, listed));
      assertThat(readAll(reader, columns, allocator, 8192))
          .containsExactlyElementsOf(duckdb.rows(file, columns));
      assertThat(source.stats().requests()).as("footer and chunks in one GET").isEqualTo(1);
      assertThat(source.stats().bytesFetched()).isEqualTo(size);
    }
    assertThat(footers.bytes())
        .as("the cache keeps the footer, not the whole file")
        .isLessThan(size);

    // A cache hit reads its chunks from the source, which checks the listed version.
    try (ByteSource source = sources.open("s3://lake/small/a.parquet", listed)) {
      ParquetFileReader cached = await(footers.openToScan(source, size, listed));
      assertThat(readAll(cached, columns, allocator, 8192)).hasSize(50_000);
      assertThat(source.stats().requests()).as("a GET per row group").isGreaterThan(1);
    }
    // The Fuse's footer reads (open, or no listed length) read the tail, then the chunks.
    try (ByteSource source = sources.open("s3://lake/small/a.parquet")) {
      ParquetFileReader reader = await(ParquetFileReader.openListed(source, 0));
      assertThat(readAll(reader, columns, allocator, 8192)).hasSize(50_000);
      assertThat(source.stats().requests()).isGreaterThan(1);
      assertThat(source.stats().bytesFetched()).isLessThan(2 * size);
    }
  }

  @Test
  void readsAParquetFileFromALocalFileThroughTheWorkerPool() throws Exception {
    Path file = duckdb.write(ParquetReaderDuckDbTest.ALL_TYPES, dir.resolve("local.parquet"), "");
    ByteSources sources = new ByteSources(vertx, null, UNHEDGED);
    List<String> columns = List.of("id", "payment_type", "ts_ns", "flag_n");

    try (ByteSource source = sources.open(file.toUri().toString())) {
      ParquetFileReader reader = await(ParquetFileReader.open(source));
      assertThat(readAll(reader, columns, allocator, 4096))
          .containsExactlyElementsOf(duckdb.rows(file, columns));
    }
  }
}
