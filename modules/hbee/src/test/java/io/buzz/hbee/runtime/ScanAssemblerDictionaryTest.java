package io.buzz.hbee.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Scan;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.task.FileRef;
import io.buzz.storage.io.InMemoryByteSource;
import io.buzz.storage.parquet.ParquetFileReader;
import io.buzz.storage.parquet.RowGroupChunks;
import io.buzz.storage.parquet.RowGroupDecoder;
import io.buzz.testing.ParquetFiles;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HBee's wiring of dictionary-id grouping for numeric keys: the columns the pipeline names as
 * its group keys ({@code Pipeline.dictionaryKeyColumns}) reach the scan's batches with the ids of a
 * DuckDB-written file's dictionary pages, and only those read as they are in the file.
 */
class ScanAssemblerDictionaryTest {
  private static final int ROWS = 3_000;

  @TempDir Path dir;
  private final BufferAllocator allocator = new RootAllocator();
  private ParquetFileReader reader;
  private ScanAssembler assembler;

  @BeforeEach
  void openFile() throws Exception {
    Path file =
        ParquetFiles.write(
            dir.resolve("keys.parquet"),
            "SELECT (i % 7)::INTEGER AS k, (i % 5)::BIGINT AS b, i::BIGINT AS v, (i % 3)::INTEGER AS w,"
                + " 'kind-' || (i % 4) AS s FROM range("
                + ROWS
                + ") t(i)");
    String uri = file.toUri().toString();
    reader = await(ParquetFileReader.open(new InMemoryByteSource(uri, Files.readAllBytes(file))));
    Scan scan =
        Scan.newBuilder()
            .addColumns(column("k", DataType.INT32, "k"))
            .addColumns(column("b", DataType.INT64, "b"))
            .addColumns(column("v", DataType.INT64, "v"))
            // a Delta table widened w since this file was written: read as INT64, no ids
            .addColumns(column("w", DataType.INT64, "w").toBuilder().setNullIfMissing(true))
            .addColumns(column("s", DataType.UTF8, "s"))
            .build();
    assembler = new ScanAssembler(scan, FileRef.newBuilder().setUri(uri).build(), reader);
  }

  @Test
  void theKeysTheScanAsksForCarryIdsThatNameTheirValues() {
    List<Batch> batches = scan(Set.of(0, 1, 2, 3));
    try {
      int row = 0;
      for (Batch batch : batches) {
        DictionaryIds k = batch.dictionary(0);
        DictionaryIds b = batch.dictionary(1);
        assertThat(k).as("INTEGER key k").isNotNull();
        assertThat(b).as("BIGINT key b").isNotNull();
        assertThat(k.dictionary().holdsLongs()).isTrue();
        IntVector kValues = (IntVector) batch.column(0);
        BigIntVector bValues = (BigIntVector) batch.column(1);
        for (int r = 0; r < batch.rowCount(); r++, row++) {
          assertThat(k.dictionary().longs()[k.ids()[r]])
              .isEqualTo(kValues.get(r))
              .isEqualTo(row % 7);
          assertThat(b.dictionary().longs()[b.ids()[r]])
              .isEqualTo(bValues.get(r))
              .isEqualTo(row % 5);
        }
        // v has a value per row (DuckDB writes it PLAIN); w is widened from the file's INT32
        assertThat(batch.dictionary(2)).isNull();
        assertThat(batch.dictionary(3)).isNull();
      }
      assertThat(row).isEqualTo(ROWS);
    } finally {
      batches.forEach(Batch::close);
    }
  }

  @Test
  void columnsTheScanDoesNotAskForCarryNoIds() {
    List<Batch> batches = scan(Set.of());
    try {
      assertThat(batches).isNotEmpty();
      for (Batch batch : batches) {
        for (int c = 0; c < 4; c++) {
          assertThat(batch.dictionary(c)).isNull();
        }
      }
    } finally {
      batches.forEach(Batch::close);
    }
  }

  /**
   * A string key read ids only carries its ids and no values; asked again without it, the same
   * file's next decoder reads the values (the choice is not kept from the first decoder).
   */
  @Test
  void aStringKeyIsReadIdsOnlyWhenAskedAndOnlyThen() {
    List<Batch> idsOnly = scan(Set.of(), Set.of(4));
    try {
      assertThat(idsOnly).isNotEmpty();
      for (Batch batch : idsOnly) {
        assertThat(batch.idsOnly(4)).isTrue();
        assertThat(batch.dictionary(4).dictionary().size()).isEqualTo(4);
      }
    } finally {
      idsOnly.forEach(Batch::close);
    }
    List<Batch> values = scan(Set.of(), Set.of());
    try {
      int row = 0;
      for (Batch batch : values) {
        assertThat(batch.idsOnly(4)).isFalse();
        for (int r = 0; r < batch.rowCount(); r++, row++) {
          assertThat(batch.column(4).getObject(r).toString()).isEqualTo("kind-" + row % 4);
        }
      }
      assertThat(row).isEqualTo(ROWS);
    } finally {
      values.forEach(Batch::close);
    }
  }

  private List<Batch> scan(Set<Integer> keyColumns) {
    return scan(keyColumns, Set.of());
  }

  private List<Batch> scan(Set<Integer> keyColumns, Set<Integer> idsOnlyColumns) {
    List<Batch> out = new ArrayList<>();
    for (int g = 0; g < reader.rowGroups().size(); g++) {
      RowGroupChunks chunks = await(reader.fetch(g, assembler.parquetColumns()));
      try (RowGroupDecoder decoder =
          assembler.decoder(chunks, allocator, 1_000, keyColumns, idsOnlyColumns)) {
        while (decoder.hasNext()) {
          out.add(assembler.assemble(decoder.next(), allocator));
        }
      }
    }
    return out;
  }

  @AfterEach
  void closeAllocator() {
    allocator.close(); // fails the test if a batch or decoder leaked its buffers
  }

  private static ScanColumn column(String name, DataType type, String parquetColumn) {
    return ScanColumn.newBuilder()
        .setName(name)
        .setType(type)
        .setNullable(true)
        .setParquetColumn(parquetColumn)
        .build();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
