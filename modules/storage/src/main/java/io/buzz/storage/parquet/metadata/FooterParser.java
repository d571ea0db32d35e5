package io.buzz.storage.parquet.metadata;

import static io.buzz.storage.parquet.metadata.CompactReader.STOP;

import io.buzz.storage.parquet.metadata.ThriftFooter.ColumnChunk;
import io.buzz.storage.parquet.metadata.ThriftFooter.FileMetaData;
import io.buzz.storage.parquet.metadata.ThriftFooter.LogicalAnnotation;
import io.buzz.storage.parquet.metadata.ThriftFooter.PageIndexLocation;
import io.buzz.storage.parquet.metadata.ThriftFooter.RowGroup;
import io.buzz.storage.parquet.metadata.ThriftFooter.SchemaElement;
import io.buzz.storage.parquet.metadata.ThriftFooter.Statistics;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the Thrift compact {@code FileMetaData} of a Parquet footer into {@link ThriftFooter}
 * records, skipping every field it does not need (key-value metadata, encryption, size statistics,
 * ...). Field ids follow {@code parquet.thrift}.
 */
final class FooterParser {
  private final CompactReader in;

  private FooterParser(CompactReader in) {
    this.in = in;
  }

  /**
   * @throws MalformedParquetException when the bytes are not a valid FileMetaData
   */
  static FileMetaData parse(byte[] buf, int pos, int end, long fileOffset) {
    return new FooterParser(new CompactReader(buf, pos, end, fileOffset)).fileMetaData();
  }

  private FileMetaData fileMetaData() {
    int version = -1;
    List<SchemaElement> schema = null;
    long numRows = -1;
    List<RowGroup> rowGroups = null;
    String createdBy = null;
    List<Integer> columnOrders = null;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> version = in.readI32(type);
        case 2 -> {
          int size = in.readListHeader(type);
          schema = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            schema.add(schemaElement());
          }
        }
        case 3 -> numRows = in.readI64(type);
        case 4 -> {
          int size = in.readListHeader(type);
          rowGroups = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            rowGroups.add(rowGroup());
          }
        }
        case 6 -> createdBy = in.readString(type);
        case 7 -> columnOrders = columnOrders(type);
        default -> in.skip(type);
      }
    }
    in.endStruct();
    if (schema == null || schema.isEmpty() || numRows < 0 || rowGroups == null) {
      throw in.malformed("FileMetaData lacks its schema, num_rows or row_groups");
    }
    return new FileMetaData(version, schema, numRows, rowGroups, createdBy, columnOrders);
  }

  /** A list of ColumnOrder unions: the member id of each (-1 for an empty union). */
  private List<Integer> columnOrders(int fieldType) {
    int size = in.readListHeader(fieldType);
    if (in.listElementType() != CompactReader.STRUCT) {
      throw in.malformed("column_orders is not a list of structs");
    }
    List<Integer> orders = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int member = -1;
      in.beginStruct();
      for (int type; (type = in.readFieldHeader()) != STOP; ) {
        member = in.fieldId();
        in.skip(type);
      }
      in.endStruct();
      orders.add(member);
    }
    return List.copyOf(orders);
  }

  private SchemaElement schemaElement() {
    int physical = -1;
    int typeLength = -1;
    int repetition = -1;
    String name = null;
    int numChildren = 0;
    int converted = -1;
    int scale = -1;
    int precision = -1;
    LogicalAnnotation logical = null;
    int fieldId = -1;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> physical = in.readI32(type);
        case 2 -> typeLength = in.readI32(type);
        case 3 -> repetition = in.readI32(type);
        case 4 -> name = in.readString(type);
        case 5 -> numChildren = in.readI32(type);
        case 6 -> converted = in.readI32(type);
        case 7 -> scale = in.readI32(type);
        case 8 -> precision = in.readI32(type);
        case 9 -> fieldId = in.readI32(type);
        case 10 -> logical = logicalType(type);
        default -> in.skip(type);
      }
    }
    in.endStruct();
    if (name == null) {
      throw in.malformed("schema element without a name");
    }
    if (numChildren < 0) {
      throw in.malformed("schema element " + name + " has " + numChildren + " children");
    }
    return new SchemaElement(
        name,
        physical,
        typeLength,
        repetition,
        numChildren,
        converted,
        scale,
        precision,
        logical,
        fieldId);
  }

  private LogicalAnnotation logicalType(int fieldType) {
    if (fieldType != CompactReader.STRUCT) {
      throw in.malformed("LogicalType is not a struct");
    }
    int kind = -1;
    int unit = -1;
    boolean adjusted = false;
    int bitWidth = -1;
    boolean signed = true;
    int scale = -1;
    int precision = -1;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      int member = in.fieldId();
      if (type != CompactReader.STRUCT) {
        in.skip(type);
        continue;
      }
      kind = member;
      in.beginStruct();
      for (int t; (t = in.readFieldHeader()) != STOP; ) {
        int id = in.fieldId();
        if (member == ThriftFooter.LOGICAL_DECIMAL && id == 1) {
          scale = in.readI32(t);
        } else if (member == ThriftFooter.LOGICAL_DECIMAL && id == 2) {
          precision = in.readI32(t);
        } else if ((member == ThriftFooter.LOGICAL_TIME || member == ThriftFooter.LOGICAL_TIMESTAMP)
            && id == 1) {
          adjusted = in.readBool(t);
        } else if ((member == ThriftFooter.LOGICAL_TIME || member == ThriftFooter.LOGICAL_TIMESTAMP)
            && id == 2) {
          unit = timeUnit(t);
        } else if (member == ThriftFooter.LOGICAL_INTEGER && id == 1) {
          bitWidth = in.readI32(t);
        } else if (member == ThriftFooter.LOGICAL_INTEGER && id == 2) {
          signed = in.readBool(t);
        } else {
          in.skip(t);
        }
      }
      in.endStruct();
    }
    in.endStruct();
    return kind < 0
        ? null
        : new LogicalAnnotation(kind, unit, adjusted, bitWidth, signed, scale, precision);
  }

  private int timeUnit(int fieldType) {
    if (fieldType != CompactReader.STRUCT) {
      throw in.malformed("TimeUnit is not a struct");
    }
    int unit = -1;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      if (type == CompactReader.STRUCT) {
        unit = in.fieldId();
      }
      in.skip(type);
    }
    in.endStruct();
    return unit;
  }

  private RowGroup rowGroup() {
    List<ColumnChunk> columns = null;
    long totalByteSize = -1;
    long numRows = -1;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> {
          int size = in.readListHeader(type);
          columns = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            columns.add(columnChunk());
          }
        }
        case 2 -> totalByteSize = in.readI64(type);
        case 3 -> numRows = in.readI64(type);
        default -> in.skip(type);
      }
    }
    in.endStruct();
    if (columns == null || numRows < 0) {
      throw in.malformed("RowGroup lacks its columns or num_rows");
    }
    return new RowGroup(columns, totalByteSize, numRows);
  }

  private ColumnChunk columnChunk() {
    String filePath = null;
    ColumnChunk meta = null;
    long offsetIndexOffset = -1;
    int offsetIndexLength = -1;
    long columnIndexOffset = -1;
    int columnIndexLength = -1;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> filePath = in.readString(type);
        case 3 -> meta = columnMetaData(type);
        case 4 -> offsetIndexOffset = in.readI64(type);
        case 5 -> offsetIndexLength = in.readI32(type);
        case 6 -> columnIndexOffset = in.readI64(type);
        case 7 -> columnIndexLength = in.readI32(type);
        default -> in.skip(type);
      }
    }
    in.endStruct();
    if (meta == null) {
      throw in.malformed("ColumnChunk without ColumnMetaData (encrypted columns are unsupported)");
    }
    return new ColumnChunk(
        filePath,
        meta.path(),
        meta.type(),
        meta.encodings(),
        meta.codec(),
        meta.numValues(),
        meta.totalUncompressedSize(),
        meta.totalCompressedSize(),
        meta.dataPageOffset(),
        meta.dictionaryPageOffset(),
        meta.statistics(),
        new PageIndexLocation(
            offsetIndexOffset, offsetIndexLength, columnIndexOffset, columnIndexLength));
  }

  private ColumnChunk columnMetaData(int fieldType) {
    if (fieldType != CompactReader.STRUCT) {
      throw in.malformed("ColumnMetaData is not a struct");
    }
    int physical = -1;
    List<ParquetEncoding> encodings = new ArrayList<>();
    List<String> path = new ArrayList<>();
    int codec = -1;
    long numValues = -1;
    long uncompressed = -1;
    long compressed = -1;
    long dataPageOffset = -1;
    long dictionaryPageOffset = -1;
    Statistics statistics = null;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> physical = in.readI32(type);
        case 2 -> {
          int size = in.readListHeader(type);
          for (int i = 0; i < size; i++) {
            ParquetEncoding encoding = ParquetEncoding.fromId(in.readI32Element());
            if (encoding != null && !encodings.contains(encoding)) {
              encodings.add(encoding);
            }
          }
        }
        case 3 -> {
          int size = in.readListHeader(type);
          if (in.listElementType() != CompactReader.BINARY) {
            throw in.malformed("path_in_schema is not a list of strings");
          }
          for (int i = 0; i < size; i++) {
            path.add(in.readString(CompactReader.BINARY));
          }
        }
        case 4 -> codec = in.readI32(type);
        case 5 -> numValues = in.readI64(type);
        case 6 -> uncompressed = in.readI64(type);
        case 7 -> compressed = in.readI64(type);
        case 9 -> dataPageOffset = in.readI64(type);
        case 11 -> dictionaryPageOffset = in.readI64(type);
        case 12 -> statistics = statistics(type);
        default -> in.skip(type);
      }
    }
    in.endStruct();
    if (physical < 0 || codec < 0 || numValues < 0 || compressed < 0 || dataPageOffset < 0) {
      throw in.malformed("ColumnMetaData of " + String.join(".", path) + " lacks a required field");
    }
    return new ColumnChunk(
        null,
        List.copyOf(path),
        physical,
        List.copyOf(encodings),
        codec,
        numValues,
        uncompressed,
        compressed,
        dataPageOffset,
        dictionaryPageOffset,
        statistics,
        PageIndexLocation.NONE);
  }

  private Statistics statistics(int fieldType) {
    if (fieldType != CompactReader.STRUCT) {
      throw in.malformed("Statistics is not a struct");
    }
    byte[] max = null;
    byte[] min = null;
    long nullCount = -1;
    byte[] maxValue = null;
    byte[] minValue = null;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> max = in.readBinary(type);
        case 2 -> min = in.readBinary(type);
        case 3 -> nullCount = in.readI64(type);
        case 5 -> maxValue = in.readBinary(type);
        case 6 -> minValue = in.readBinary(type);
        default -> in.skip(type);
      }
    }
    in.endStruct();
    return new Statistics(max, min, nullCount, maxValue, minValue);
  }
}
