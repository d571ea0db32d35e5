package io.buzz.storage.parquet;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.RowRanges;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.io.InMemoryByteSource;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.memory.BufferAllocator;

/** Helpers shared by the reader tests. */
final class ParquetTesting {
  private ParquetTesting() {}

  /** Waits for a future; a failure is rethrown as its own exception. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static ByteSource inMemory(Path file) throws IOException {
    return new InMemoryByteSource(file.toUri().toString(), Files.readAllBytes(file));
  }

  static ParquetFileReader open(Path file) throws IOException {
    return await(ParquetFileReader.open(inMemory(file)));
  }

  /** Opens a file held in memory, e.g. a {@link HandmadeParquet}, under {@code uri}. */
  static ParquetFileReader open(String uri, byte[] file) {
    return await(ParquetFileReader.open(new InMemoryByteSource(uri, file)));
  }

  /** Every value of one column, decoded in batches of {@code batchRows}. */
  static List<Object> column(
      ParquetFileReader reader, String name, BufferAllocator allocator, int batchRows) {
    List<Object> values = new ArrayList<>();
    for (List<Object> row : readAll(reader, List.of(name), allocator, batchRows)) {
      values.add(row.get(0));
    }
    return values;
  }

  /** Decodes {@code columns} of every row group into rows, checking batch sizes on the way. */
  static List<List<Object>> readAll(
      ParquetFileReader reader, List<String> columns, BufferAllocator allocator, int batchRows) {
    List<List<Object>> rows = new ArrayList<>();
    for (int g = 0; g < reader.rowGroups().size(); g++) {
      rows.addAll(decode(await(reader.fetch(g, columns)), columns, allocator, batchRows));
    }
    return rows;
  }

  /** Decodes {@code columns} of fetched chunks into rows, checking batch sizes on the way. */
  static List<List<Object>> decode(
      RowGroupChunks chunks, List<String> columns, BufferAllocator allocator, int batchRows) {
    List<List<Object>> rows = new ArrayList<>();
    try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, columns, allocator, batchRows)) {
      while (decoder.hasNext()) {
        try (Batch batch = decoder.next()) {
          if (batch.rowCount() > batchRows || batch.rowCount() == 0) {
            throw new AssertionError("batch of " + batch.rowCount() + " rows");
          }
          ArrowRows.appendRows(batch, rows);
        }
      }
    }
    return rows;
  }

  /**
   * Random row ranges over {@code whole}'s rows (gaps and runs of 1 to 5 rows), whose values are
   * appended to {@code expected}.
   */
  static RowRanges randomRows(Random random, List<Object> whole, List<Object> expected) {
    RowRanges.Builder builder = RowRanges.builder();
    for (int start = random.nextInt(4); start < whole.size(); start += 1 + random.nextInt(6)) {
      int end = Math.min(whole.size(), start + 1 + random.nextInt(5));
      builder.add(start, end);
      expected.addAll(whole.subList(start, end));
      start = end;
    }
    return builder.build();
  }
}
