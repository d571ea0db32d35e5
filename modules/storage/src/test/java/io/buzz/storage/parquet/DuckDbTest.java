package io.buzz.storage.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.storage.parquet.metadata.ParquetEncoding;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base for differential tests: one {@link DuckDbOracle} per test class (to write files and read
 * them back), a temporary directory and an allocator per test. Test classes run one at a time.
 */
abstract class DuckDbTest extends AllocatorTest {
  protected static DuckDbOracle duckdb;
  @TempDir protected Path dir;

  @BeforeAll
  static void startDuckDb() throws Exception {
    duckdb = new DuckDbOracle();
  }

  @AfterAll
  static void stopDuckDb() throws Exception {
    duckdb.close();
  }

  /**
   * COPY options for {@code @MethodSource("writerOptions")}: every codec DuckDB writes, version 1
   * and 2 pages, dictionaries and plain pages, one and several row groups.
   */
  static Stream<String> writerOptions() {
    return Stream.of(
        "COMPRESSION uncompressed",
        "COMPRESSION snappy, ROW_GROUP_SIZE 1500",
        "COMPRESSION zstd, PARQUET_VERSION v2",
        "COMPRESSION gzip, DICTIONARY_SIZE_LIMIT 1",
        "COMPRESSION lz4_raw, PARQUET_VERSION v2, DICTIONARY_SIZE_LIMIT 1, ROW_GROUP_SIZE 2000");
  }

  /** Asserts that {@code columns} read as {@code expected} in batches of 1, 333 and 4096 rows. */
  void assertReads(ParquetFileReader reader, List<String> columns, List<List<Object>> expected) {
    for (int batchRows : new int[] {1, 333, 4096}) {
      assertThat(ParquetTesting.readAll(reader, columns, allocator, batchRows))
          .as("batchRows %d", batchRows)
          .containsExactlyElementsOf(expected);
    }
  }

  /** The encodings of the first row group's chunk of {@code column}. */
  static List<ParquetEncoding> encodings(Path file, String column) throws Exception {
    return ParquetTesting.open(file).rowGroups().get(0).chunk(column).orElseThrow().encodings();
  }
}
