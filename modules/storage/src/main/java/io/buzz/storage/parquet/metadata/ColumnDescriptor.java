package io.buzz.storage.parquet.metadata;

import io.buzz.storage.parquet.ParquetColumn;

/**
 * A top-level column with what the decoder needs to read it.
 *
 * @param column the public view
 * @param leafIndex the index of its column chunk in every row group (first leaf for groups)
 * @param leafCount how many column chunks it spans (1 for primitive columns)
 * @param physicalType the storage type; null for groups
 * @param typeLength bytes per FIXED_LEN_BYTE_ARRAY value; -1 for other types
 * @param conversion how stored values become Buzz values
 * @param maxDefinitionLevel 1 for OPTIONAL columns, 0 for REQUIRED
 * @param flat whether the column is one primitive non-repeated leaf (one value per row)
 */
public record ColumnDescriptor(
    ParquetColumn column,
    int leafIndex,
    int leafCount,
    PhysicalType physicalType,
    int typeLength,
    ValueConversion conversion,
    int maxDefinitionLevel,
    boolean flat) {

  public String name() {
    return column.name();
  }
}
