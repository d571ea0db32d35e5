package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ParquetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.DictionaryIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/**
 * A batch of a dictionary-encoded column carries its dictionary ids, which name the same values as
 * the vector (NULL as -1); a plain-encoded column carries none.
 */
class DictionaryIdsTest extends DuckDbTest {
  @Test
  void dictionaryEncodedStringsCarryTheirIdsAndPlainOnesDoNot() throws Exception {
    Path file =
        duckdb.write(
            "SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE 'type-' || (i % 5) END AS kind,"
                + " md5(i::VARCHAR) AS unique_text FROM range(20000) t(i)",
            dir.resolve("dict.parquet"), "");
    ParquetFileReader reader = ParquetTesting.open(file);
    List<String> columns = List.of("kind", "unique_text");
    int batches = 0;
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int g = 0; g < reader.rowGroups().size(); g++) {
        RowGroupChunks chunks = await(reader.fetch(g, columns));
        try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, columns, allocator, 1000)) {
          while (decoder.hasNext()) {
            try (Batch batch = decoder.next()) {
              batches++;
              DictionaryIds ids = batch.dictionary(0);
              assertThat(ids).isNotNull();
              assertThat(batch.dictionary(1)).isNull();
              VarCharVector kind = (VarCharVector) batch.column(0);
              for (int r = 0; r < batch.rowCount(); r++) {
                int id = ids.ids()[r];
                if (kind.isNull(r)) {
                  assertThat(id).isEqualTo(-1);
                } else {
                  DictionaryIds.Dictionary dictionary = ids.dictionary();
                  byte[] value =
                      Arrays.copyOfRange(
                          dictionary.bytes(),
                          dictionary.offsets()[id],
                          dictionary.offsets()[id + 1]);
                  assertThat(new String(value, StandardCharsets.UTF_8))
                      .isEqualTo(new String(kind.get(r), StandardCharsets.UTF_8));
                }
              }
            }
          }
        }
      }
    }
    assertThat(batches).isEqualTo(20);
  }

  /**
   * Fixed-width columns carry ids only when asked (an array per batch): their dictionary holds the
   * values as longs (floats as the bits of their doubles), naming each row's value, NULL as -1.
   */
  @Test
  void dictionaryEncodedNumbersCarryIdsWhenAskedFor() throws Exception {
    Path file =
        duckdb.write(
            "SELECT (i % 50 - 25)::BIGINT AS big,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE (i % 37) / 4.0 END::DOUBLE AS dbl,"
                + " (i % 11)::INTEGER AS int32, ((i % 13) / 8.0)::FLOAT AS flt,"
                + " DATE '2009-01-01' + (i % 31)::INTEGER AS day,"
                + " TIMESTAMP '2009-01-01' + INTERVAL (i % 17) HOUR AS ts"
                + " FROM range(20000) t(i)",
            dir.resolve("numbers.parquet"), "");
    ParquetFileReader reader = ParquetTesting.open(file);
    List<String> columns = List.of("big", "dbl", "int32", "flt", "day", "ts");
    int checked = 0;
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int g = 0; g < reader.rowGroups().size(); g++) {
        RowGroupChunks chunks = await(reader.fetch(g, columns));
        try (RowGroupDecoder unasked = new RowGroupDecoder(chunks, columns, allocator, 1000);
            Batch batch = unasked.next()) {
          for (int c = 0; c < columns.size(); c++) {
            assertThat(batch.dictionary(c)).as(columns.get(c)).isNull();
          }
        }
        try (RowGroupDecoder decoder =
            new RowGroupDecoder(chunks, columns, allocator, 1000, java.util.Set.copyOf(columns))) {
          while (decoder.hasNext()) {
            try (Batch batch = decoder.next()) {
              for (int c = 0; c < columns.size(); c++) {
                DictionaryIds ids = batch.dictionary(c);
                assertThat(ids).as(columns.get(c)).isNotNull();
                assertThat(ids.dictionary().holdsLongs()).isTrue();
                for (int r = 0; r < batch.rowCount(); r++) {
                  int id = ids.ids()[r];
                  if (batch.column(c).isNull(r)) {
                    assertThat(id).isEqualTo(-1);
                  } else {
                    assertThat(ids.dictionary().longs()[id])
                        .as("%s row %d", columns.get(c), r)
                        .isEqualTo(asLong(batch.column(c), r));
                    checked++;
                  }
                }
              }
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100_000);
  }

  /**
   * A chunk that falls back from its dictionary to PLAIN pages: a batch wholly from the dictionary
   * carries ids (NULL as -1), a batch with any PLAIN value carries none.
   */
  @Test
  void aNumericChunkFallingBackToPlainCarriesIdsOnlyForDictionaryBatches() {
    byte[] file =
        new HandmadeParquet("fare", io.buzz.storage.parquet.metadata.PhysicalType.INT64, true)
            .dictionaryPage(3, HandmadeParquet.plainLongs(100, 200, 300))
            .dataPageV1(
                4,
                io.buzz.storage.parquet.metadata.ParquetEncoding.RLE_DICTIONARY,
                HandmadeParquet.bitPacked(1, 1, 0, 1, 1),
                HandmadeParquet.indices(2, HandmadeParquet.bitPacked(2, 2, 0, 1)))
            .dataPageV1(
                3,
                io.buzz.storage.parquet.metadata.ParquetEncoding.PLAIN,
                HandmadeParquet.rleRun(1, 3, 1),
                HandmadeParquet.plainLongs(7, 8, 9))
            .build();
    ParquetFileReader reader = ParquetTesting.open("file:///fallback.parquet", file);
    // rows: 300, NULL, 100, 200 from the dictionary; 7, 8, 9 PLAIN
    assertThat(idsByBatch(reader, 2))
        .containsExactly(new int[] {2, -1}, new int[] {0, 1}, null, null);
    // a batch that mixes both (200 | 7, 8) carries none
    assertThat(idsByBatch(reader, 3)).containsExactly(new int[] {2, -1, 0}, null, null);
  }

  /** Per batch of {@code batchRows} of the file's "fare" column, its ids, or null. */
  private static List<int[]> idsByBatch(ParquetFileReader reader, int batchRows) {
    List<String> columns = List.of("fare");
    List<int[]> ids = new java.util.ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator()) {
      RowGroupChunks chunks = await(reader.fetch(0, columns));
      try (RowGroupDecoder decoder =
          new RowGroupDecoder(chunks, columns, allocator, batchRows, java.util.Set.of("fare"))) {
        while (decoder.hasNext()) {
          try (Batch batch = decoder.next()) {
            DictionaryIds batchIds = batch.dictionary(0);
            ids.add(batchIds == null ? null : Arrays.copyOf(batchIds.ids(), batch.rowCount()));
          }
        }
      }
    }
    return ids;
  }

  /** A fixed-width vector's value as a dictionary of longs holds it. */
  private static long asLong(org.apache.arrow.vector.FieldVector vector, int row) {
    if (vector instanceof org.apache.arrow.vector.Float4Vector floats) {
      return Double.doubleToRawLongBits(floats.get(row));
    }
    if (vector instanceof org.apache.arrow.vector.Float8Vector doubles) {
      return Double.doubleToRawLongBits(doubles.get(row));
    }
    if (vector instanceof org.apache.arrow.vector.BaseIntVector ints) {
      return ints.getValueAsLong(row);
    }
    if (vector instanceof org.apache.arrow.vector.DateDayVector days) {
      return days.get(row);
    }
    return ((org.apache.arrow.vector.TimeStampVector) vector).get(row);
  }
}
