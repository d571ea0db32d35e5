package io.buzz.fuse.query;

import io.buzz.exec.MetadataAggregate;
import io.buzz.plan.sql.TableSchema;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.ScanColumn;
import java.util.HashSet;
import java.util.Set;

/**
 * The share of a file's bytes an HBee step reads, estimated before any footer is opened: none when
 * the footers answer it (a {@code COUNT(*)}, MIN or MAX from statistics), else its Parquet columns
 * over the table's. Columns differ in size, so it is an estimate; it only decides how files are
 * packed into tasks ({@link TaskPacking}).
 */
final class ReadFraction {
  /** Types whose Parquet statistics are exact (MetadataAggregate answers MIN/MAX of them). */
  private static final Set<DataType> EXACT_BOUNDS =
      Set.of(
          DataType.BOOL,
          DataType.INT32,
          DataType.INT64,
          DataType.DATE32,
          DataType.TIMESTAMP_MICROS,
          DataType.TIME_MICROS);

  private ReadFraction() {}

  static double of(HBeePlan plan, TableSchema schema) {
    Set<String> read = new HashSet<>();
    boolean exactBounds = true;
    for (ScanColumn column : plan.getScan().getColumnsList()) {
      if (column.hasParquetColumn()) {
        read.add(column.getParquetColumn());
        exactBounds &= EXACT_BOUNDS.contains(column.getType());
      }
    }
    if (MetadataAggregate.mayApply(plan) && exactBounds) {
      return 0; // COUNT, and MIN/MAX over types whose statistics are exact: footers answer
    }
    long stored =
        schema.columns().stream().filter(c -> !c.partition()).count()
            + schema.unsupportedColumns().size();
    return stored == 0 ? 1.0 : Math.min(1.0, (double) read.size() / stored);
  }
}
