package io.buzz.fuse.query;

import io.buzz.exec.ExecErrors;
import io.buzz.exec.PartitionPruner;
import io.buzz.fuse.catalog.Table;
import io.buzz.fuse.catalog.TableFile;
import io.buzz.plan.sql.PlannedQuery;
import io.buzz.protocol.plan.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The files of a table that a query reads: those whose partition values make the HBee step's {@code
 * partition_filter} TRUE (all files without a filter). The filter is evaluated with the vectorized
 * kernels over one row per file; that is CPU work proportional to the file count, so callers run it
 * on a worker thread.
 */
final class FileSelection {
  private FileSelection() {}

  /**
   * @throws io.buzz.error.BuzzException when the filter cannot be evaluated
   */
  static List<TableFile> select(Table table, PlannedQuery plan, BufferAllocator allocator) {
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
