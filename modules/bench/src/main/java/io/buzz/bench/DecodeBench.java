package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.Batch;
import io.buzz.storage.io.InMemoryByteSource;
import io.buzz.storage.parquet.ColumnChunkMetadata;
import io.buzz.storage.parquet.ParquetFileReader;
import io.buzz.storage.parquet.RowGroupChunks;
import io.buzz.storage.parquet.RowGroupDecoder;
import io.buzz.storage.parquet.RowGroupMetadata;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Decode throughput per core: Buzz's Parquet reader and DuckDB's, one thread each, reading the same
 * columns of the same files. Buzz decodes every row group of the column set into Arrow batches from
 * files held in memory; DuckDB runs {@code SELECT max(c1), max(c2), ...} with one thread, which
 * decodes every value (from the OS cache). Each figure is the best of {@code rounds} runs.
 */
final class DecodeBench {
  /** One column set's figures. */
  record DecodeFigure(
      String columnSet,
      int columns,
      long rows,
      long parquetBytes,
      double buzzSeconds,
      double duckDbSeconds) {
    double buzzMegabytesPerSecond() {
      return parquetBytes / buzzSeconds / 1e6;
    }

    double buzzRowsPerSecond() {
      return rows / buzzSeconds;
    }

    double duckDbMegabytesPerSecond() {
      return parquetBytes / duckDbSeconds / 1e6;
    }

    double duckDbRowsPerSecond() {
      return rows / duckDbSeconds;
    }
  }

  private final Path table;
  private final int rounds;
  private final Progress progress;

  DecodeBench(Path table, int rounds, Progress progress) {
    this.table = requireNonNull(table, "table is null");
    this.rounds = rounds;
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** The column sets measured, by name. */
  static List<ColumnSet> columnSets() {
    return List.of(
        new ColumnSet("bigint x24", numbered("m", 24)),
        new ColumnSet("double x24", numbered("d", 24)),
        new ColumnSet("url x12", numbered("url", 12)),
        new ColumnSet("title x12", numbered("title", 12)),
        new ColumnSet(
            "int, date, bool x32",
            Stream.of(numbered("i", 12), numbered("dt", 12), numbered("b", 8))
                .flatMap(List::stream)
                .toList()),
        new ColumnSet("all 107", List.of()));
  }

  /** A named set of columns; empty means every column of the file. */
  record ColumnSet(String name, List<String> columns) {}

  private static List<String> numbered(String prefix, int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(k -> prefix + (k < 10 ? "0" + k : Integer.toString(k)))
        .toList();
  }

  List<DecodeFigure> run() {
    List<Path> files = files();
    List<DecodeFigure> figures = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement statement = duckdb.createStatement()) {
        statement.execute("SET threads = 1");
      }
      List<ParquetFileReader> readers = new ArrayList<>();
      for (Path file : files) {
        readers.add(
            join(ParquetFileReader.open(new InMemoryByteSource(file.toString(), bytes(file)))));
      }
      for (ColumnSet set : columnSets()) {
        List<String> columns =
            set.columns().isEmpty()
                ? readers.get(0).columns().stream().map(c -> c.name()).toList()
                : set.columns();
        long rows = 0;
        long parquetBytes = 0;
        for (ParquetFileReader reader : readers) {
          for (RowGroupMetadata group : reader.rowGroups()) {
            rows += group.numRows();
            for (String column : columns) {
              parquetBytes +=
                  group.chunk(column).map(ColumnChunkMetadata::totalCompressedSize).orElse(0L);
            }
          }
        }
        double buzz = Double.MAX_VALUE;
        double duck = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
          buzz = Math.min(buzz, decode(readers, columns, allocator));
          duck = Math.min(duck, duckDb(duckdb, columns));
        }
        DecodeFigure figure =
            new DecodeFigure(set.name(), columns.size(), rows, parquetBytes, buzz, duck);
        progress.say(
            "decode %-20s buzz %7.1f MB/s %6.2f M rows/s, duckdb %7.1f MB/s %6.2f M rows/s",
            set.name(),
            figure.buzzMegabytesPerSecond(),
            figure.buzzRowsPerSecond() / 1e6,
            figure.duckDbMegabytesPerSecond(),
            figure.duckDbRowsPerSecond() / 1e6);
        figures.add(figure);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    }
    return figures;
  }

  private static double decode(
      List<ParquetFileReader> readers, List<String> columns, BufferAllocator allocator) {
    long start = System.nanoTime();
    long rows = 0;
    for (ParquetFileReader reader : readers) {
      for (int g = 0; g < reader.rowGroups().size(); g++) {
        RowGroupChunks chunks = join(reader.fetch(g, columns));
        try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, columns, allocator, 8192)) {
          while (decoder.hasNext()) {
            try (Batch batch = decoder.next()) {
              rows += batch.rowCount();
            }
          }
        }
      }
    }
    if (rows < 0) {
      throw new IllegalStateException("unreachable");
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private double duckDb(Connection duckdb, List<String> columns) throws SQLException {
    String select =
        columns.stream().map(c -> "max(\"" + c + "\")").collect(Collectors.joining(", "));
    long start = System.nanoTime();
    try (Statement statement = duckdb.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT "
                    + select
                    + " FROM read_parquet('"
                    + table.toAbsolutePath().toString().replace("'", "''")
                    + "/*.parquet')")) {
      while (rows.next()) {
        rows.getObject(1);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private List<Path> files() {
    try (Stream<Path> paths = Files.list(table)) {
      return paths.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T join(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
