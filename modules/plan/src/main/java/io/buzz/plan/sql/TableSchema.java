package io.buzz.plan.sql;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema of the catalog table an HBee step reads, as its catalog reports it.
 *
 * @param name the catalog name, as in the query ({@link QueryPlanner#tablesRead})
 * @param columns the usable columns in table order: the Parquet columns, then typically the
 *     partition columns
 * @param unsupportedColumns columns that exist but cannot be used, mapped to the reason (e.g.
 *     {@code "Parquet type DECIMAL(10,2) is not supported yet"}); they are left out of {@code
 *     SELECT *}, and naming one in SQL is an UNSUPPORTED error quoting the reason
 */
public record TableSchema(
    String name, List<TableColumn> columns, Map<String, String> unsupportedColumns) {
  public TableSchema {
    requireNonNull(name, "name is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    unsupportedColumns =
        Map.copyOf(requireNonNull(unsupportedColumns, "unsupportedColumns is null"));
    Set<String> names = new HashSet<>();
    for (TableColumn column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException(
            "table '" + name + "' has two columns named '" + column.name() + "'");
      }
    }
  }

  /** A table whose columns are all usable. */
  public TableSchema(String name, List<TableColumn> columns) {
    this(name, columns, Map.of());
  }

  /** The partition columns in table order. */
  public List<TableColumn> partitionColumns() {
    return columns.stream().filter(TableColumn::partition).toList();
  }
}
