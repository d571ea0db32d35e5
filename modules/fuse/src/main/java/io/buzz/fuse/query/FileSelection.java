package io.buzz.fuse.query;

import io.buzz.exec.ExecErrors;
import io.buzz.exec.PartitionPruner;
import io.buzz.exec.StatisticsPruner;
import io.buzz.fuse.catalog.FileStats;
import io.buzz.fuse.catalog.Table;
import io.buzz.fuse.catalog.TableFile;
import io.buzz.plan.sql.PlannedQuery;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Scan;
import io.buzz.protocol.plan.ScanColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The files of a table that a query reads: those whose partition values make the HBee step's {@code
 * partition_filter} TRUE (all files without a filter), less those whose statistics in the catalog
 * (a Delta table's) show that no row can pass the HBee step's {@code WHERE}. The filter is
 * evaluated with the vectorized kernels over one row per file; that is CPU work proportional to the
 * file count, so callers run it on a worker thread.
 *
 * @param files the files to read
 * @param skippedByStatistics files the partition filter kept and the statistics ruled out
 */
record FileSelection(List<TableFile> files, int skippedByStatistics) {
  /**
   * @throws io.buzz.error.BuzzException when the filter cannot be evaluated
   */
  static FileSelection of(Table table, PlannedQuery plan, BufferAllocator allocator) {
    List<TableFile> kept = select(table, plan, allocator);
    StatisticsPruner pruner = StatisticsPruner.of(plan.plan().getHbee());
    if (!pruner.active()) {
      return new FileSelection(kept, 0);
    }
    Scan scan = plan.plan().getHbee().getScan();
    List<TableFile> files = new ArrayList<>(kept.size());
    for (TableFile file : kept) {
      if (file.stats() == null || pruner.mayMatch(bounds(file.stats(), scan))) {
        files.add(file);
      }
    }
    return new FileSelection(files, kept.size() - files.size());
  }

  /** A file's statistics by scan column: a Parquet column's, nothing for other sources. */
  private static StatisticsPruner.Bounds bounds(FileStats stats, Scan scan) {
    return new StatisticsPruner.Bounds() {
      @Override
      public long rows() {
        return stats.rows();
      }

      @Override
      public Optional<StatisticsPruner.ColumnBounds> column(int index) {
        if (index < 0 || index >= scan.getColumnsCount()) {
          return Optional.empty();
        }
        ScanColumn column = scan.getColumns(index);
        return column.hasParquetColumn()
            ? Optional.ofNullable(stats.columns().get(column.getParquetColumn()))
            : Optional.empty();
      }
    };
  }

  /**
   * @throws io.buzz.error.BuzzException when the filter cannot be evaluated
   */
  private static List<TableFile> select(Table table, PlannedQuery plan, BufferAllocator allocator) {
    List<TableFile> files = table.files();
    if (plan.partitionFilter().isEmpty() || files.isEmpty()) {
      return files;
    }
    List<String> keys = table.partitionKeys();
    List<Field> partitionFields = plan.partitionSchema().getFieldsList();
    List<List<String>> values = new ArrayList<>(files.size());
    for (TableFile file : files) {
      List<String> row = new ArrayList<>(partitionFields.size());
      for (Field field : partitionFields) {
        int index = keys.indexOf(field.getName());
        row.add(index < 0 ? null : file.partitionValues().get(index));
      }
      values.add(row);
    }
    boolean[] keep;
    try {
      keep =
          PartitionPruner.select(
              plan.partitionFilter().get(), plan.partitionSchema(), values, allocator);
    } catch (RuntimeException e) {
      throw ExecErrors.toBuzz(e);
    }
    List<TableFile> selected = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (keep[i]) {
        selected.add(files.get(i));
      }
    }
    return selected;
  }
}
