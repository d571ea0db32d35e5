package io.buzz.storage.parquet.metadata;

import java.util.List;

/**
 * The parts of Parquet's Thrift {@code FileMetaData} this reader uses, as decoded, before schema
 * mapping. Absent optional integers are -1, absent structs and strings null.
 */
final class ThriftFooter {
  private ThriftFooter() {}

  static final int REQUIRED = 0;
  static final int OPTIONAL = 1;
  static final int REPEATED = 2;

  /** LogicalType union members, by Thrift field id. */
  static final int LOGICAL_STRING = 1;

  static final int LOGICAL_MAP = 2;
  static final int LOGICAL_LIST = 3;
  static final int LOGICAL_ENUM = 4;
  static final int LOGICAL_DECIMAL = 5;
  static final int LOGICAL_DATE = 6;
  static final int LOGICAL_TIME = 7;
  static final int LOGICAL_TIMESTAMP = 8;
  static final int LOGICAL_INTEGER = 10;
  static final int LOGICAL_UNKNOWN = 11;
  static final int LOGICAL_JSON = 12;
  static final int LOGICAL_BSON = 13;
  static final int LOGICAL_UUID = 14;
  static final int LOGICAL_FLOAT16 = 15;
  static final int LOGICAL_VARIANT = 16;
  static final int LOGICAL_GEOMETRY = 17;
  static final int LOGICAL_GEOGRAPHY = 18;

  /** TimeUnit union members. */
  static final int UNIT_MILLIS = 1;

  static final int UNIT_MICROS = 2;
  static final int UNIT_NANOS = 3;

  /** ConvertedType values used by the schema mapping. */
  static final int CONVERTED_UTF8 = 0;

  static final int CONVERTED_MAP = 1;
  static final int CONVERTED_MAP_KEY_VALUE = 2;
  static final int CONVERTED_LIST = 3;
  static final int CONVERTED_ENUM = 4;
  static final int CONVERTED_DECIMAL = 5;
  static final int CONVERTED_DATE = 6;
  static final int CONVERTED_TIME_MILLIS = 7;
  static final int CONVERTED_TIME_MICROS = 8;
  static final int CONVERTED_TIMESTAMP_MILLIS = 9;
  static final int CONVERTED_TIMESTAMP_MICROS = 10;
  static final int CONVERTED_UINT_8 = 11;
  static final int CONVERTED_UINT_64 = 14;
  static final int CONVERTED_INT_8 = 15;
  static final int CONVERTED_INT_64 = 18;
  static final int CONVERTED_JSON = 19;
  static final int CONVERTED_BSON = 20;
  static final int CONVERTED_INTERVAL = 21;

  /** A LogicalType annotation: {@code kind} is the union member's id; other fields per kind. */
  record LogicalAnnotation(
      int kind,
      int timeUnit,
      boolean adjustedToUtc,
      int bitWidth,
      boolean signed,
      int scale,
      int precision) {}

  record SchemaElement(
      String name,
      int type,
      int typeLength,
      int repetition,
      int numChildren,
      int convertedType,
      int scale,
      int precision,
      LogicalAnnotation logical,
      int fieldId) {}

  record Statistics(byte[] max, byte[] min, long nullCount, byte[] maxValue, byte[] minValue) {}

  record ColumnChunk(
      String filePath,
      List<String> path,
      int type,
      List<ParquetEncoding> encodings,
      int codec,
      long numValues,
      long totalUncompressedSize,
      long totalCompressedSize,
      long dataPageOffset,
      long dictionaryPageOffset,
      Statistics statistics,
      PageIndexLocation pageIndex) {}

  /** Where a chunk's page index lies: its OffsetIndex and ColumnIndex (offsets -1 when absent). */
  record PageIndexLocation(
      long offsetIndexOffset,
      int offsetIndexLength,
      long columnIndexOffset,
      int columnIndexLength) {
    static final PageIndexLocation NONE = new PageIndexLocation(-1, -1, -1, -1);
  }

  record RowGroup(List<ColumnChunk> columns, long totalByteSize, long numRows) {}

  /** ColumnOrder union members: the order of min/max statistics and page index bounds. */
  static final int ORDER_TYPE_DEFINED = 1;

  /**
   * The decoded footer.
   *
   * @param columnOrders each leaf column's ColumnOrder union member, in schema order; null when the
   *     writer recorded none (then bounds follow no defined order)
   */
  record FileMetaData(
      int version,
      List<SchemaElement> schema,
      long numRows,
      List<RowGroup> rowGroups,
      String createdBy,
      List<Integer> columnOrders) {}
}
