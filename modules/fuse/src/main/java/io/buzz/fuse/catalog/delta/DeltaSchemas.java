package io.buzz.fuse.catalog.delta;

import io.buzz.plan.physical.ValueType;
import io.buzz.plan.sql.TableColumn;
import io.buzz.plan.sql.TableSchema;
import io.delta.kernel.internal.util.ColumnMapping;
import io.delta.kernel.internal.util.ColumnMapping.ColumnMappingMode;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Delta table's schema as Buzz plans it: every column in the table's order (partition columns
 * where the schema puts them, as Spark's {@code SELECT *} does), typed as the table declares it.
 *
 * <p>Types: boolean; byte, short and integer as INT32; long as INT64; float; double; decimal(p,s);
 * string; binary as VARBINARY; date; timestamp and timestamp_ntz as TIMESTAMP (a {@code timestamp}
 * is UTC, read as its UTC wall time, as Buzz reads Parquet timestamps adjusted to UTC). Structs,
 * arrays, maps, variants and geospatial types are unusable columns: a query that names one fails
 * naming it, a query that does not reads the table.
 *
 * <p>Under column mapping a data column is read from the Parquet column of its physical name; in id
 * mode, from the column with its field id where the file's columns carry ids.
 */
final class DeltaSchemas {
  private DeltaSchemas() {}

  /**
   * @param partitionColumns the table's partition columns (logical names)
   * @param mapping how the table maps logical names to physical ones
   */
  static TableSchema schema(
      String name, StructType schema, Set<String> partitionColumns, ColumnMappingMode mapping) {
    List<TableColumn> columns = new ArrayList<>();
    Map<String, String> unsupported = new LinkedHashMap<>();
    for (StructField field : schema.fields()) {
      boolean partition = partitionColumns.contains(field.getName());
      Optional<ValueType> type = valueType(field.getDataType());
      if (type.isEmpty() || partition && type.get().id() == ValueType.VARBINARY.id()) {
        unsupported.put(
            field.getName(),
            (partition ? "Delta partition column of type " : "Delta type ")
                + field.getDataType()
                + " is not supported yet");
      } else if (partition) {
        // a partition value may be null whatever the schema says
        columns.add(TableColumn.partition(field.getName(), type.get(), true));
      } else {
        String fileColumn =
            mapping == ColumnMappingMode.NONE
                ? field.getName()
                : ColumnMapping.getPhysicalName(field);
        // in id mode, a file whose columns carry field ids is read by id
        int fieldId = mapping == ColumnMappingMode.ID ? ColumnMapping.getColumnId(field) : 0;
        // a file written before the column was added reads it as NULL, so nullable whatever the
        // schema says
        columns.add(TableColumn.evolving(field.getName(), type.get(), true, fileColumn, fieldId));
      }
    }
    return new TableSchema(name, columns, unsupported);
  }

  /** Buzz's type for a Delta type, empty when Buzz has none. */
  static Optional<ValueType> valueType(DataType type) {
    if (type instanceof BooleanType) {
      return Optional.of(ValueType.BOOL);
    }
    if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) {
      return Optional.of(ValueType.INT32);
    }
    if (type instanceof LongType) {
      return Optional.of(ValueType.INT64);
    }
    if (type instanceof FloatType) {
      return Optional.of(ValueType.FLOAT32);
    }
    if (type instanceof DoubleType) {
      return Optional.of(ValueType.FLOAT64);
    }
    if (type instanceof DecimalType decimal) {
      return Optional.of(ValueType.decimal(decimal.getPrecision(), decimal.getScale()));
    }
    if (type instanceof StringType) {
      return Optional.of(ValueType.UTF8);
    }
    if (type instanceof BinaryType) {
      return Optional.of(ValueType.VARBINARY);
    }
    if (type instanceof DateType) {
      return Optional.of(ValueType.DATE32);
    }
    if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      return Optional.of(ValueType.TIMESTAMP_MICROS);
    }
    return Optional.empty();
  }
}
