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
 * A batch of a dictionary-encoded string column carries its dictionary ids, which name the same
 * values as the vector (NULL as -1); a plain-encoded column carries none.
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
}
