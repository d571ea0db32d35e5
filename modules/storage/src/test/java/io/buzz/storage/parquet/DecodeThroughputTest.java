package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ParquetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.storage.io.InMemoryByteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints (never asserts) how fast the reader decodes a ~1M-row taxi-like file as DuckDB writes it
 * by default (Snappy, dictionary and PLAIN, data page v1), from memory, all columns.
 */
class DecodeThroughputTest extends AllocatorTest {
  static final String TAXI =
      """
      SELECT
        ['CMT', 'VTS', 'DDS'][i % 3 + 1] AS vendor_id,
        TIMESTAMP '2021-01-01' + to_microseconds(i * 2_500_000 + (i * 7919) % 1_000_000)
          AS pickup_datetime,
        CASE WHEN i % 20 = 0 THEN NULL ELSE (1 + i % 6)::INTEGER END AS passenger_count,
        ((i * 37) % 2000 / 100.0)::DOUBLE AS trip_distance,
        ['card', 'cash', 'no charge', 'dispute'][(i * 13) % 4 + 1] AS payment_type,
        (2.5 + (i * 53) % 5000 / 100.0)::DOUBLE AS fare_amount,
        CASE WHEN i % 3 = 0 THEN NULL ELSE ((i * 17) % 1000 / 100.0)::DOUBLE END AS tip_amount,
        (3.0 + (i * 61) % 7000 / 100.0)::DOUBLE AS total_amount,
        i::BIGINT AS trip_id,
        i % 9 = 0 AS store_and_fwd,
        DATE '2021-01-01' + (i / 30000)::INTEGER AS pickup_date
      FROM range(1000000) t(i)
      """;

  @TempDir Path dir;

  @Test
  void printsDecodeThroughput() throws Exception {
    Path file;
    try (DuckDbOracle duckdb = new DuckDbOracle()) {
      file = duckdb.write(TAXI, dir.resolve("taxi.parquet"), "");
    }
    byte[] bytes = Files.readAllBytes(file);
    ParquetFileReader reader =
        await(ParquetFileReader.open(new InMemoryByteSource(file.toUri().toString(), bytes)));
    List<String> columns = reader.columns().stream().map(ParquetColumn::name).toList();

    long rows = 0;
    long arrowBytes = 0;
    long bestNanos = Long.MAX_VALUE;
    for (int round = 0; round < 12; round++) {
      rows = 0;
      arrowBytes = 0;
      long start = System.nanoTime();
      for (int g = 0; g < reader.rowGroups().size(); g++) {
        RowGroupChunks chunks = await(reader.fetch(g, columns));
        try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, columns, allocator, 8192)) {
          while (decoder.hasNext()) {
            try (Batch batch = decoder.next()) {
              rows += batch.rowCount();
              arrowBytes += batch.sizeInBytes();
            }
          }
        }
      }
      bestNanos = Math.min(bestNanos, System.nanoTime() - start);
    }
    double seconds = bestNanos / 1e9;
    System.out.printf(
        Locale.ROOT,
        "decode throughput: %d rows x %d columns, %.1f MB Parquet (snappy) -> %.1f MB Arrow in"
            + " %.3f s (best of 12): %.1f M rows/s, %.1f MB/s Parquet, %.1f MB/s Arrow%n",
        rows,
        columns.size(),
        bytes.length / 1e6,
        arrowBytes / 1e6,
        seconds,
        rows / seconds / 1e6,
        bytes.length / seconds / 1e6,
        arrowBytes / seconds / 1e6);
    assertThat(rows).isEqualTo(1_000_000);
  }
}
