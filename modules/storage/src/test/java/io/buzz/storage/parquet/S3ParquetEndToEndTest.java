package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ParquetTesting.await;
import static io.buzz.storage.parquet.ParquetTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;

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
    ByteSources sources = new ByteSources(vertx, s3.client(), S3ReadOptions.DEFAULTS);
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
  void readsAParquetFileFromALocalFileThroughTheWorkerPool() throws Exception {
    Path file = duckdb.write(ParquetReaderDuckDbTest.ALL_TYPES, dir.resolve("local.parquet"), "");
    ByteSources sources = new ByteSources(vertx, null, S3ReadOptions.DEFAULTS);
    List<String> columns = List.of("id", "payment_type", "ts_ns", "flag_n");

    try (ByteSource source = sources.open(file.toUri().toString())) {
      ParquetFileReader reader = await(ParquetFileReader.open(source));
      assertThat(readAll(reader, columns, allocator, 4096))
          .containsExactlyElementsOf(duckdb.rows(file, columns));
    }
  }
}
