package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.HandmadeParquet.bitPacked;
import static io.buzz.storage.parquet.HandmadeParquet.indices;
import static io.buzz.storage.parquet.HandmadeParquet.plainStrings;
import static io.buzz.storage.parquet.HandmadeParquet.rleRun;
import static io.buzz.storage.parquet.ParquetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.RowRanges;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/**
 * A string column read ids only ({@code ColumnReader.idsOnly}): a batch wholly from the dictionary
 * has no values, only its ids and the right validity, and the ids name exactly the values a plain
 * read gives; a batch with any row from another encoding has all its values, those of its
 * dictionary rows included; rows skipped over change nothing.
 */
class IdsOnlyColumnsTest extends DuckDbTest {
  private static final String URI = "file:///ids-only.parquet";

  /**
   * Optional strings: a dictionary page, a dictionary page with NULLs, a page of only NULLs, a
   * PLAIN fallback, and dictionary pages again — 21 rows.
   */
  private static byte[] mixedChunk() {
    return new HandmadeParquet("s", PhysicalType.BYTE_ARRAY, true)
        .convertedType(0)
        .dictionaryPage(3, plainStrings("a", "bcdefghijk", ""))
        .dataPageV1(
            6,
            ParquetEncoding.RLE_DICTIONARY,
            bitPacked(1, 1, 0, 1, 1, 1, 0),
            indices(2, bitPacked(2, 0, 1, 2, 0)))
        .dataPageV1(4, ParquetEncoding.RLE_DICTIONARY, rleRun(1, 4, 0), new byte[0])
        .dataPageV1(
            5, ParquetEncoding.PLAIN, rleRun(1, 5, 1), plainStrings("v", "w", "", "y", "zz"))
        .dataPageV1(
            6,
            ParquetEncoding.RLE_DICTIONARY,
            bitPacked(1, 1, 1, 0, 1, 1, 1),
            indices(2, bitPacked(2, 2, 1, 1, 0, 1)))
        .offsetIndex()
        .build();
  }

  @Test
  void everyBatchSizeGivesThePlainReadsValuesFromIdsOrFromTheVector() {
    ParquetFileReader reader = ParquetTesting.open(URI, mixedChunk());
    List<Object> expected = ParquetTesting.column(reader, "s", allocator, 1000);
    assertThat(expected).hasSize(21);
    for (int batchRows = 1; batchRows <= 22; batchRows++) {
      Read read = read(await(reader.fetch(0, List.of("s"))), batchRows);
      assertThat(read.values).as("batches of %d", batchRows).isEqualTo(expected);
      // rows 10-14 are PLAIN, the others come from the dictionary or are NULL
      int plain = 0;
      for (int start = 0; start < 21; start += batchRows) {
        plain += start < 15 && start + batchRows > 10 ? 1 : 0;
      }
      assertThat(read.materialized).as("batches of %d", batchRows).isEqualTo(plain);
      assertThat(read.elided + read.materialized).isEqualTo((21 + batchRows - 1) / batchRows);
    }
  }

  @Test
  void anyRowsSkippedOverGiveThePlainReadsValues() {
    ParquetFileReader reader = ParquetTesting.open(URI, mixedChunk());
    List<Object> whole = ParquetTesting.column(reader, "s", allocator, 1000);
    PageIndex index = await(reader.readPageIndex(List.of(0), List.of(), List.of("s")));
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<Object> expected = new ArrayList<>();
      RowRanges rows = ParquetTesting.randomRows(random, whole, expected);
      int batchRows = 1 + random.nextInt(7);
      Read read = read(await(reader.fetch(0, List.of("s"), rows, index)), batchRows);
      assertThat(read.values).as("%s in batches of %d", rows, batchRows).isEqualTo(expected);
    }
  }

  @Test
  void aDuckDbColumnIsReadFromItsIdsAloneAndItsPlaceholdersCannotLeak() throws Exception {
    Path file =
        duckdb.write(
            "SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'type-' || (i % 5) END AS kind"
                + " FROM range(20000) t(i)",
            dir.resolve("kinds.parquet"), "");
    ParquetFileReader reader = ParquetTesting.open(file);
    List<Object> expected = ParquetTesting.column(reader, "kind", allocator, 1000);
    List<Object> values = new ArrayList<>();
    int elided = 0;
    for (int g = 0; g < reader.rowGroups().size(); g++) {
      Read read = read(await(reader.fetch(g, List.of("kind"))), 1000);
      values.addAll(read.values);
      elided += read.elided;
    }
    assertThat(values).isEqualTo(expected);
    assertThat(elided).isEqualTo(20);

    RowGroupChunks chunks = await(reader.fetch(0, List.of("kind")));
    try (RowGroupDecoder decoder = idsOnlyDecoder(chunks, 1000);
        Batch batch = decoder.next()) {
      assertThat(batch.idsOnly(0)).isTrue();
      assertThatThrownBy(() -> batch.slice(0, 10, allocator))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Batch.slice reads the values of column 0 (kind)");
      assertThatThrownBy(() -> batch.copy(allocator)).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(batch::asRoot).isInstanceOf(IllegalStateException.class);
    }
  }

  /** What an ids-only read of column "s" or "kind" gave: its values, and how batches held them. */
  private record Read(List<Object> values, int elided, int materialized) {}

  private Read read(RowGroupChunks chunks, int batchRows) {
    List<Object> values = new ArrayList<>();
    int elided = 0;
    int materialized = 0;
    try (RowGroupDecoder decoder = idsOnlyDecoder(chunks, batchRows)) {
      while (decoder.hasNext()) {
        try (Batch batch = decoder.next()) {
          VarCharVector vector = (VarCharVector) batch.column(0);
          DictionaryIds ids = batch.dictionary(0);
          if (batch.idsOnly(0)) {
            elided++;
            assertThat(ids).isNotNull();
            assertThat(vector.getDataBuffer().writerIndex()).isZero();
            for (int r = 0; r < batch.rowCount(); r++) {
              int id = ids.ids()[r];
              assertThat(vector.isNull(r)).as("row %d's validity", r).isEqualTo(id < 0);
              assertThat(vector.get(r) == null ? 0 : vector.get(r).length).isZero();
              values.add(id < 0 ? null : entry(ids.dictionary(), id));
            }
          } else {
            materialized++;
            assertThat(ids).as("a batch with values but all from the dictionary").isNull();
            for (int r = 0; r < batch.rowCount(); r++) {
              values.add(
                  vector.isNull(r) ? null : new String(vector.get(r), StandardCharsets.UTF_8));
            }
          }
        }
      }
    }
    return new Read(values, elided, materialized);
  }

  private RowGroupDecoder idsOnlyDecoder(RowGroupChunks chunks, int batchRows) {
    List<String> columns = chunks.columnNames();
    return new RowGroupDecoder(
        chunks, columns, allocator, batchRows, Set.copyOf(columns), Set.copyOf(columns));
  }

  private static String entry(DictionaryIds.Dictionary dictionary, int id) {
    int from = dictionary.offsets()[id];
    return new String(
        dictionary.bytes(), from, dictionary.offsets()[id + 1] - from, StandardCharsets.UTF_8);
  }
}
