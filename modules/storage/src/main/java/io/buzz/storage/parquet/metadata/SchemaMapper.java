package io.buzz.storage.parquet.metadata;

import static io.buzz.storage.parquet.metadata.ThriftFooter.*;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import io.buzz.storage.parquet.ParquetColumn;
import io.buzz.storage.parquet.metadata.ThriftFooter.LogicalAnnotation;
import io.buzz.storage.parquet.metadata.ThriftFooter.SchemaElement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Maps a Parquet schema (the flattened depth-first list of {@code SchemaElement}s) to Buzz's
 * top-level columns. A LogicalType annotation wins over the legacy ConvertedType. Only flat
 * primitive columns are supported; groups and repeated fields are reported as nested.
 */
final class SchemaMapper {
  /** The mapped columns and the number of leaves (column chunks per row group). */
  /**
   * @param fieldIds the top-level columns' names by their Parquet field id, for the columns that
   *     have one (writers of Iceberg and of Delta tables in column mapping's id mode set them)
   */
  record Result(List<ColumnDescriptor> columns, int leafCount, Map<Integer, String> fieldIds) {}

  private final List<SchemaElement> schema;
  private final Map<Integer, String> fieldIds = new HashMap<>();
  private int next;
  private int leaves;

  private SchemaMapper(List<SchemaElement> schema) {
    this.schema = schema;
  }

  /**
   * @throws MalformedParquetException when the element list is not a well-formed tree
   */
  static Result map(List<SchemaElement> schema) {
    return new SchemaMapper(schema).run();
  }

  private Result run() {
    SchemaElement root = schema.get(0);
    next = 1;
    List<ColumnDescriptor> columns = new ArrayList<>(root.numChildren());
    for (int i = 0; i < root.numChildren(); i++) {
      columns.add(topLevel());
    }
    if (next != schema.size()) {
      throw new MalformedParquetException(
          "schema has " + schema.size() + " elements but its tree covers " + next);
    }
    return new Result(List.copyOf(columns), leaves, Map.copyOf(fieldIds));
  }

  private ColumnDescriptor topLevel() {
    SchemaElement element = element();
    if (element.fieldId() >= 0) {
      fieldIds.putIfAbsent(element.fieldId(), element.name());
    }
    boolean nullable = element.repetition() != REQUIRED;
    int firstLeaf = leaves;
    if (element.numChildren() > 0) {
      skipChildren(element.numChildren(), 1);
      String reason = "nested " + groupKind(element);
      return new ColumnDescriptor(
          ParquetColumn.unsupported(element.name(), reason, nullable),
          firstLeaf,
          leaves - firstLeaf,
          null,
          -1,
          ValueConversion.NONE,
          nullable ? 1 : 0,
          false);
    }
    leaves++;
    PhysicalType physical = PhysicalType.fromId(element.type());
    if (physical == null) {
      throw new MalformedParquetException(
          "column " + element.name() + " has unknown physical type " + element.type());
    }
    if (element.repetition() == REPEATED) {
      return unsupported(
          element, physical, firstLeaf, "nested LIST (repeated " + physical + ")", false);
    }
    Mapping mapping = mapPrimitive(element, physical);
    if (mapping.type == null) {
      return unsupported(element, physical, firstLeaf, mapping.reason, true);
    }
    return new ColumnDescriptor(
        ParquetColumn.supported(element.name(), mapping.type, nullable),
        firstLeaf,
        1,
        physical,
        typeLength(element, physical),
        mapping.conversion,
        nullable ? 1 : 0,
        true);
  }

  private static ColumnDescriptor unsupported(
      SchemaElement element, PhysicalType physical, int leaf, String reason, boolean flat) {
    boolean nullable = element.repetition() != REQUIRED;
    return new ColumnDescriptor(
        ParquetColumn.unsupported(element.name(), reason, nullable),
        leaf,
        1,
        physical,
        typeLength(element, physical),
        ValueConversion.NONE,
        nullable ? 1 : 0,
        flat);
  }

  private static int typeLength(SchemaElement element, PhysicalType physical) {
    return physical == PhysicalType.FIXED_LEN_BYTE_ARRAY ? element.typeLength() : -1;
  }

  private record Mapping(ArrowType type, ValueConversion conversion, String reason) {
    static Mapping of(ColumnType type) {
      return new Mapping(type.arrowType(), ValueConversion.NONE, null);
    }

    static Mapping of(ColumnType type, ValueConversion conversion) {
      return new Mapping(type.arrowType(), conversion, null);
    }

    static Mapping no(String reason) {
      return new Mapping(null, ValueConversion.NONE, reason);
    }
  }

  private static Mapping mapPrimitive(SchemaElement e, PhysicalType physical) {
    LogicalAnnotation logical = e.logical();
    int converted = e.convertedType();
    if (logical != null && logical.kind() == LOGICAL_DECIMAL
        || logical == null && converted == CONVERTED_DECIMAL) {
      int precision = logical != null ? logical.precision() : e.precision();
      int scale = logical != null ? logical.scale() : Math.max(e.scale(), 0);
      return mapDecimal(precision, scale, physical, e.typeLength());
    }
    return switch (physical) {
      case BOOLEAN -> Mapping.of(ColumnType.BOOL);
      case INT32 -> mapInt32(logical, converted);
      case INT64 -> mapInt64(logical, converted);
      case INT96 -> Mapping.of(ColumnType.TIMESTAMP_MICROS, ValueConversion.INT96_TO_MICROS);
      case FLOAT -> Mapping.of(ColumnType.FLOAT32);
      case DOUBLE -> Mapping.of(ColumnType.FLOAT64);
      case BYTE_ARRAY -> mapByteArray(logical, converted);
      case FIXED_LEN_BYTE_ARRAY -> mapFixed(logical, converted, e.typeLength());
    };
  }

  /**
   * DECIMAL on INT32, INT64, FIXED_LEN_BYTE_ARRAY (at most 16 bytes, enough for the precision) or
   * BYTE_ARRAY, as DECIMAL128. A ConvertedType DECIMAL without a scale has scale 0, as in
   * parquet-mr.
   */
  private static Mapping mapDecimal(int precision, int scale, PhysicalType physical, int length) {
    String name = "DECIMAL(" + precision + "," + scale + ")";
    if (precision > ColumnType.MAX_DECIMAL_PRECISION) {
      return Mapping.no(name + ": more than " + ColumnType.MAX_DECIMAL_PRECISION + " digits");
    }
    if (precision < 1 || scale < 0 || scale > precision) {
      return Mapping.no(
          precision < 0
              ? "DECIMAL without a precision"
              : name
                  + ": the precision must be 1 to "
                  + ColumnType.MAX_DECIMAL_PRECISION
                  + " and the scale 0 to the precision");
    }
    switch (physical) {
      case INT32, INT64, BYTE_ARRAY -> {}
      case FIXED_LEN_BYTE_ARRAY -> {
        String fixed = name + " on FIXED_LEN_BYTE_ARRAY(" + length + ")";
        if (length < 1 || length > Decimal128.WIDTH) {
          return Mapping.no(fixed + ": not 1 to " + Decimal128.WIDTH + " bytes long");
        }
        if (precision > maxDigits(length)) {
          return Mapping.no(
              fixed + ": " + length + " bytes hold at most " + maxDigits(length) + " digits");
        }
      }
      case BOOLEAN, INT96, FLOAT, DOUBLE -> {
        return Mapping.no(name + " on " + physical);
      }
    }
    return new Mapping(ColumnType.decimal(precision, scale), ValueConversion.DECIMAL, null);
  }

  /** The digits every value of a {@code bytes}-byte two's complement integer has room for. */
  private static int maxDigits(int bytes) {
    BigInteger max = BigInteger.ONE.shiftLeft(8 * bytes - 1).subtract(BigInteger.ONE);
    return max.toString().length() - 1;
  }

  private static Mapping mapInt32(LogicalAnnotation logical, int converted) {
    if (logical != null) {
      return switch (logical.kind()) {
        case LOGICAL_INTEGER ->
            logical.signed() || logical.bitWidth() < 32
                ? Mapping.of(ColumnType.INT32)
                : Mapping.of(ColumnType.INT64, ValueConversion.UINT32_TO_INT64);
        case LOGICAL_DATE -> Mapping.of(ColumnType.DATE32);
        case LOGICAL_TIME ->
            logical.timeUnit() == UNIT_MILLIS
                ? Mapping.of(ColumnType.TIME_MICROS, ValueConversion.TIME_MILLIS_TO_MICROS)
                : Mapping.no(logicalName(logical) + " on INT32");
        default -> Mapping.no(logicalName(logical) + " on INT32");
      };
    }
    if (converted < 0 || converted >= CONVERTED_INT_8 && converted <= CONVERTED_INT_8 + 2) {
      return Mapping.of(ColumnType.INT32);
    }
    if (converted == CONVERTED_DATE) {
      return Mapping.of(ColumnType.DATE32);
    }
    if (converted >= CONVERTED_UINT_8 && converted < CONVERTED_UINT_64) {
      // UINT_8 and UINT_16 fit INTEGER as stored; UINT_32 needs BIGINT
      return converted < CONVERTED_UINT_8 + 2
          ? Mapping.of(ColumnType.INT32)
          : Mapping.of(ColumnType.INT64, ValueConversion.UINT32_TO_INT64);
    }
    if (converted == CONVERTED_TIME_MILLIS) {
      return Mapping.of(ColumnType.TIME_MICROS, ValueConversion.TIME_MILLIS_TO_MICROS);
    }
    return Mapping.no(convertedName(converted) + " on INT32");
  }

  private static Mapping mapInt64(LogicalAnnotation logical, int converted) {
    if (logical != null) {
      return switch (logical.kind()) {
        case LOGICAL_INTEGER ->
            logical.signed()
                ? Mapping.of(ColumnType.INT64)
                : Mapping.of(ColumnType.INT64, ValueConversion.UINT64_TO_INT64);
        case LOGICAL_TIMESTAMP ->
            switch (logical.timeUnit()) {
              case UNIT_MILLIS ->
                  Mapping.of(ColumnType.TIMESTAMP_MICROS, ValueConversion.MILLIS_TO_MICROS);
              case UNIT_MICROS -> Mapping.of(ColumnType.TIMESTAMP_MICROS);
              case UNIT_NANOS ->
                  Mapping.of(ColumnType.TIMESTAMP_MICROS, ValueConversion.NANOS_TO_MICROS);
              default -> Mapping.no("TIMESTAMP with unknown unit");
            };
        case LOGICAL_TIME ->
            switch (logical.timeUnit()) {
              case UNIT_MICROS -> Mapping.of(ColumnType.TIME_MICROS);
              case UNIT_NANOS ->
                  Mapping.of(ColumnType.TIME_MICROS, ValueConversion.NANOS_TO_MICROS);
              default -> Mapping.no(logicalName(logical) + " on INT64");
            };
        default -> Mapping.no(logicalName(logical) + " on INT64");
      };
    }
    if (converted < 0 || converted == CONVERTED_INT_64) {
      return Mapping.of(ColumnType.INT64);
    }
    if (converted == CONVERTED_TIMESTAMP_MILLIS) {
      return Mapping.of(ColumnType.TIMESTAMP_MICROS, ValueConversion.MILLIS_TO_MICROS);
    }
    if (converted == CONVERTED_TIMESTAMP_MICROS) {
      return Mapping.of(ColumnType.TIMESTAMP_MICROS);
    }
    if (converted == CONVERTED_UINT_64) {
      return Mapping.of(ColumnType.INT64, ValueConversion.UINT64_TO_INT64);
    }
    if (converted == CONVERTED_TIME_MICROS) {
      return Mapping.of(ColumnType.TIME_MICROS);
    }
    return Mapping.no(convertedName(converted) + " on INT64");
  }

  private static Mapping mapByteArray(LogicalAnnotation logical, int converted) {
    if (logical != null) {
      return switch (logical.kind()) {
        case LOGICAL_STRING, LOGICAL_ENUM, LOGICAL_JSON -> Mapping.of(ColumnType.UTF8);
        default -> Mapping.no(logicalName(logical));
      };
    }
    if (converted == CONVERTED_UTF8 || converted == CONVERTED_ENUM || converted == CONVERTED_JSON) {
      return Mapping.of(ColumnType.UTF8);
    }
    return converted < 0 ? Mapping.of(ColumnType.VARBINARY) : Mapping.no(convertedName(converted));
  }

  private static Mapping mapFixed(LogicalAnnotation logical, int converted, int length) {
    if (logical != null && logical.kind() == LOGICAL_FLOAT16 && length == 2) {
      return Mapping.of(ColumnType.FLOAT64, ValueConversion.FLOAT16_TO_DOUBLE);
    }
    if (logical != null && logical.kind() == LOGICAL_UUID && length == 16) {
      return Mapping.of(ColumnType.UTF8, ValueConversion.UUID_TO_STRING);
    }
    if (logical != null) {
      return Mapping.no(logicalName(logical));
    }
    if (converted == CONVERTED_INTERVAL) {
      return Mapping.no("INTERVAL");
    }
    return converted < 0 && length >= 0
        ? Mapping.of(ColumnType.VARBINARY)
        : Mapping.no("FIXED_LEN_BYTE_ARRAY(" + length + ")");
  }

  private static String groupKind(SchemaElement group) {
    LogicalAnnotation logical = group.logical();
    int converted = group.convertedType();
    if (logical != null && logical.kind() == LOGICAL_LIST || converted == CONVERTED_LIST) {
      return "LIST";
    }
    if (logical != null && logical.kind() == LOGICAL_MAP
        || converted == CONVERTED_MAP
        || converted == CONVERTED_MAP_KEY_VALUE) {
      return "MAP";
    }
    if (logical != null && logical.kind() == LOGICAL_VARIANT) {
      return "VARIANT";
    }
    return "STRUCT";
  }

  private static String logicalName(LogicalAnnotation logical) {
    return switch (logical.kind()) {
      case LOGICAL_STRING -> "STRING";
      case LOGICAL_MAP -> "MAP";
      case LOGICAL_LIST -> "LIST";
      case LOGICAL_ENUM -> "ENUM";
      case LOGICAL_DECIMAL -> "DECIMAL(" + logical.precision() + "," + logical.scale() + ")";
      case LOGICAL_DATE -> "DATE";
      case LOGICAL_TIME -> "TIME(" + unitName(logical.timeUnit()) + ")";
      case LOGICAL_TIMESTAMP -> "TIMESTAMP(" + unitName(logical.timeUnit()) + ")";
      case LOGICAL_INTEGER ->
          (logical.signed() ? "INT(" : "unsigned INT(") + logical.bitWidth() + ")";
      case LOGICAL_UNKNOWN -> "NULL";
      case LOGICAL_JSON -> "JSON";
      case LOGICAL_BSON -> "BSON";
      case LOGICAL_UUID -> "UUID";
      case LOGICAL_FLOAT16 -> "FLOAT16";
      case LOGICAL_VARIANT -> "VARIANT";
      case LOGICAL_GEOMETRY -> "GEOMETRY";
      case LOGICAL_GEOGRAPHY -> "GEOGRAPHY";
      default -> "logical type " + logical.kind();
    };
  }

  private static String convertedName(int converted) {
    String[] names = {
      "UTF8",
      "MAP",
      "MAP_KEY_VALUE",
      "LIST",
      "ENUM",
      "DECIMAL",
      "DATE",
      "TIME_MILLIS",
      "TIME_MICROS",
      "TIMESTAMP_MILLIS",
      "TIMESTAMP_MICROS",
      "UINT_8",
      "UINT_16",
      "UINT_32",
      "UINT_64",
      "INT_8",
      "INT_16",
      "INT_32",
      "INT_64",
      "JSON",
      "BSON",
      "INTERVAL"
    };
    return converted >= 0 && converted < names.length
        ? names[converted]
        : "converted type " + converted;
  }

  private static String unitName(int unit) {
    return switch (unit) {
      case UNIT_MILLIS -> "MILLIS";
      case UNIT_MICROS -> "MICROS";
      case UNIT_NANOS -> "NANOS";
      default -> "unit " + unit;
    };
  }

  private SchemaElement element() {
    if (next >= schema.size()) {
      throw new MalformedParquetException(
          "schema tree needs more than its " + schema.size() + " elements");
    }
    return schema.get(next++);
  }

  private void skipChildren(int count, int depth) {
    if (depth > CompactReader.MAX_DEPTH) {
      throw new MalformedParquetException("schema nested deeper than " + CompactReader.MAX_DEPTH);
    }
    for (int i = 0; i < count; i++) {
      SchemaElement child = element();
      if (child.numChildren() > 0) {
        skipChildren(child.numChildren(), depth + 1);
      } else {
        leaves++;
      }
    }
  }
}
