package io.buzz.cli.format.parquet;

import io.buzz.error.BuzzException;
import io.buzz.storage.parquet.metadata.PhysicalType;
import io.buzz.storage.parquet.metadata.ThriftCompactWriter;
import java.math.BigInteger;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * How one Arrow column is stored in Parquet: its physical type, its annotations (LogicalType and,
 * where the format defines one with the same meaning, the legacy ConvertedType) and how its values
 * are read from the Arrow data buffer. Every column is OPTIONAL (a flat schema, definition level 0
 * or 1): Arrow's nullable flag is not a promise the vectors keep, so REQUIRED is not claimed.
 *
 * <table>
 *   <caption>Arrow type to Parquet</caption>
 *   <tr><th>Arrow</th><th>physical</th><th>LogicalType</th></tr>
 *   <tr><td>Bool</td><td>BOOLEAN</td><td></td></tr>
 *   <tr><td>Int(8|16|32, signed)</td><td>INT32</td><td>INTEGER(8|16|32, true)</td></tr>
 *   <tr><td>Int(64, signed)</td><td>INT64</td><td>INTEGER(64, true)</td></tr>
 *   <tr><td>FloatingPoint(SINGLE|DOUBLE)</td><td>FLOAT|DOUBLE</td><td></td></tr>
 *   <tr><td>Decimal(p, s, 128)</td><td>INT32 (p &le; 9), INT64 (p &le; 18),
 *       FIXED_LEN_BYTE_ARRAY (fewest bytes for p)</td><td>DECIMAL(p, s)</td></tr>
 *   <tr><td>Utf8</td><td>BYTE_ARRAY</td><td>STRING</td></tr>
 *   <tr><td>Binary</td><td>BYTE_ARRAY</td><td></td></tr>
 *   <tr><td>Date(DAY)</td><td>INT32</td><td>DATE</td></tr>
 *   <tr><td>Time(SECOND|MILLISECOND)</td><td>INT32</td><td>TIME(MILLIS, local); seconds
 *       multiplied</td></tr>
 *   <tr><td>Time(MICROSECOND|NANOSECOND)</td><td>INT64</td><td>TIME(MICROS|NANOS, local)</td></tr>
 *   <tr><td>Timestamp(unit, zone)</td><td>INT64</td><td>TIMESTAMP(MILLIS|MICROS|NANOS,
 *       adjusted to UTC when the zone is set); seconds become milliseconds</td></tr>
 * </table>
 *
 * <p>ConvertedTypes are written for STRING, INTEGER, DECIMAL and DATE, and for TIME and TIMESTAMP
 * in milliseconds or microseconds only when adjusted to UTC, which is what the legacy TIME_* and
 * TIMESTAMP_* types mean (as Arrow's C++ writer does). Anything else is UNSUPPORTED, naming the
 * column.
 *
 * @param typeLength bytes per value of a FIXED_LEN_BYTE_ARRAY, 0 otherwise
 */
record ColumnLayout(
    String name, PhysicalType physical, int typeLength, ValueSource source, Annotation annotation) {

  /** Where a column's values are in its Arrow vector, and what to do to them on the way. */
  enum ValueSource {
    /** BitVector bits: PLAIN booleans. */
    BITS,
    /** One-byte signed integers, widened to INT32. */
    BYTE,
    /** Two-byte signed integers, widened to INT32. */
    SHORT,
    /** Four-byte values, copied. */
    INT,
    /** Four-byte seconds, multiplied to milliseconds. */
    INT_SECONDS,
    /** Eight-byte values, copied. */
    LONG,
    /** Eight-byte seconds, multiplied to milliseconds. */
    LONG_SECONDS,
    /** 16-byte little-endian two's complement unscaled values, narrowed to the physical type. */
    DECIMAL,
    /** Offsets and bytes (Utf8, Binary). */
    BYTES
  }

  /** Parquet's TimeUnit union: the member's field id and the legacy ConvertedType (-1: none). */
  enum TimeUnit {
    MILLIS(1, 7, 9),
    MICROS(2, 8, 10),
    NANOS(3, -1, -1);

    final int fieldId;
    final int convertedTime;
    final int convertedTimestamp;

    TimeUnit(int fieldId, int convertedTime, int convertedTimestamp) {
      this.fieldId = fieldId;
      this.convertedTime = convertedTime;
      this.convertedTimestamp = convertedTimestamp;
    }
  }

  /** Parquet's LogicalType union members this writer uses, with their field ids. */
  enum LogicalKind {
    NONE(0),
    STRING(1),
    DECIMAL(5),
    DATE(6),
    TIME(7),
    TIMESTAMP(8),
    INTEGER(10);

    final int fieldId;

    LogicalKind(int fieldId) {
      this.fieldId = fieldId;
    }
  }

  /**
   * A column's LogicalType, with the parameters of its kind (others 0, false or null).
   *
   * @param unit TIME and TIMESTAMP
   * @param utc TIME and TIMESTAMP: isAdjustedToUTC
   */
  record Annotation(
      LogicalKind kind, int bitWidth, int precision, int scale, TimeUnit unit, boolean utc) {
    static final Annotation NONE = of(LogicalKind.NONE);

    static Annotation of(LogicalKind kind) {
      return new Annotation(kind, 0, 0, 0, null, false);
    }

    /** The legacy ConvertedType with the same meaning, or -1. */
    int convertedType() {
      return switch (kind) {
        case NONE -> -1;
        case STRING -> 0; // UTF8
        case DECIMAL -> 5;
        case DATE -> 6;
        case TIME -> utc ? unit.convertedTime : -1;
        case TIMESTAMP -> utc ? unit.convertedTimestamp : -1;
        case INTEGER ->
            switch (bitWidth) {
              case 8 -> 15; // INT_8
              case 16 -> 16;
              case 32 -> 17;
              default -> 18; // INT_64
            };
      };
    }

    /** Writes the LogicalType union as field {@code id} of the struct being written. */
    void write(ThriftCompactWriter out, int id) {
      out.struct(id);
      switch (kind) {
        case NONE -> throw new IllegalStateException("no LogicalType to write");
        case STRING, DATE -> out.emptyStruct(kind.fieldId);
        case DECIMAL -> out.struct(kind.fieldId).i32(1, scale).i32(2, precision).end();
        case TIME, TIMESTAMP ->
            out.struct(kind.fieldId).bool(1, utc).struct(2).emptyStruct(unit.fieldId).end().end();
        case INTEGER -> out.struct(kind.fieldId).i8(1, bitWidth).bool(2, true).end();
      }
      out.end();
    }
  }

  /**
   * The layout of {@code field}.
   *
   * @throws BuzzException UNSUPPORTED naming the column and its type for anything not in the table
   */
  static ColumnLayout of(Field field) {
    String name = field.getName();
    ArrowType type = field.getType();
    ColumnLayout layout =
        switch (type.getTypeID()) {
          case Bool ->
              new ColumnLayout(name, PhysicalType.BOOLEAN, 0, ValueSource.BITS, Annotation.NONE);
          case Int -> integer(name, (ArrowType.Int) type);
          case FloatingPoint -> floatingPoint(name, (ArrowType.FloatingPoint) type);
          case Decimal -> decimal(name, (ArrowType.Decimal) type);
          case Utf8 ->
              new ColumnLayout(
                  name,
                  PhysicalType.BYTE_ARRAY,
                  0,
                  ValueSource.BYTES,
                  Annotation.of(LogicalKind.STRING));
          case Binary ->
              new ColumnLayout(
                  name, PhysicalType.BYTE_ARRAY, 0, ValueSource.BYTES, Annotation.NONE);
          case Date ->
              ((ArrowType.Date) type).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY
                  ? new ColumnLayout(
                      name, PhysicalType.INT32, 0, ValueSource.INT, Annotation.of(LogicalKind.DATE))
                  : null;
          case Time -> time(name, (ArrowType.Time) type);
          case Timestamp -> timestamp(name, (ArrowType.Timestamp) type);
          default -> null;
        };
    if (layout == null) {
      throw BuzzException.unsupported(
          "column '" + name + "' has type " + type + ", which Parquet output does not support");
    }
    return layout;
  }

  private static ColumnLayout integer(String name, ArrowType.Int type) {
    if (!type.getIsSigned()) {
      return null;
    }
    Annotation annotation =
        new Annotation(LogicalKind.INTEGER, type.getBitWidth(), 0, 0, null, false);
    return switch (type.getBitWidth()) {
      case 8 -> new ColumnLayout(name, PhysicalType.INT32, 0, ValueSource.BYTE, annotation);
      case 16 -> new ColumnLayout(name, PhysicalType.INT32, 0, ValueSource.SHORT, annotation);
      case 32 -> new ColumnLayout(name, PhysicalType.INT32, 0, ValueSource.INT, annotation);
      case 64 -> new ColumnLayout(name, PhysicalType.INT64, 0, ValueSource.LONG, annotation);
      default -> null;
    };
  }

  private static ColumnLayout floatingPoint(String name, ArrowType.FloatingPoint type) {
    return switch (type.getPrecision()) {
      case SINGLE ->
          new ColumnLayout(name, PhysicalType.FLOAT, 0, ValueSource.INT, Annotation.NONE);
      case DOUBLE ->
          new ColumnLayout(name, PhysicalType.DOUBLE, 0, ValueSource.LONG, Annotation.NONE);
      case HALF -> null;
    };
  }

  private static ColumnLayout decimal(String name, ArrowType.Decimal type) {
    int precision = type.getPrecision();
    if (type.getBitWidth() != 128 || precision < 1 || precision > 38 || type.getScale() < 0) {
      return null;
    }
    Annotation annotation =
        new Annotation(LogicalKind.DECIMAL, 0, precision, type.getScale(), null, false);
    if (precision <= 9) {
      return new ColumnLayout(name, PhysicalType.INT32, 0, ValueSource.DECIMAL, annotation);
    }
    if (precision <= 18) {
      return new ColumnLayout(name, PhysicalType.INT64, 0, ValueSource.DECIMAL, annotation);
    }
    return new ColumnLayout(
        name,
        PhysicalType.FIXED_LEN_BYTE_ARRAY,
        decimalBytes(precision),
        ValueSource.DECIMAL,
        annotation);
  }

  /** The fewest bytes whose two's complement holds every value of {@code precision} digits. */
  static int decimalBytes(int precision) {
    BigInteger limit = BigInteger.TEN.pow(precision);
    int bytes = 1;
    while (BigInteger.ONE.shiftLeft(8 * bytes - 1).compareTo(limit) < 0) {
      bytes++;
    }
    return bytes;
  }

  private static ColumnLayout time(String name, ArrowType.Time type) {
    return switch (type.getUnit()) {
      case SECOND -> timeLayout(name, PhysicalType.INT32, ValueSource.INT_SECONDS, TimeUnit.MILLIS);
      case MILLISECOND -> timeLayout(name, PhysicalType.INT32, ValueSource.INT, TimeUnit.MILLIS);
      case MICROSECOND -> timeLayout(name, PhysicalType.INT64, ValueSource.LONG, TimeUnit.MICROS);
      case NANOSECOND -> timeLayout(name, PhysicalType.INT64, ValueSource.LONG, TimeUnit.NANOS);
    };
  }

  private static ColumnLayout timeLayout(
      String name, PhysicalType physical, ValueSource source, TimeUnit unit) {
    return new ColumnLayout(
        name, physical, 0, source, new Annotation(LogicalKind.TIME, 0, 0, 0, unit, false));
  }

  private static ColumnLayout timestamp(String name, ArrowType.Timestamp type) {
    boolean utc = type.getTimezone() != null;
    ValueSource source =
        type.getUnit() == org.apache.arrow.vector.types.TimeUnit.SECOND
            ? ValueSource.LONG_SECONDS
            : ValueSource.LONG;
    TimeUnit unit =
        switch (type.getUnit()) {
          case SECOND, MILLISECOND -> TimeUnit.MILLIS;
          case MICROSECOND -> TimeUnit.MICROS;
          case NANOSECOND -> TimeUnit.NANOS;
        };
    return new ColumnLayout(
        name,
        PhysicalType.INT64,
        0,
        source,
        new Annotation(LogicalKind.TIMESTAMP, 0, 0, 0, unit, utc));
  }

  /** Writes this column's SchemaElement (a list element of FileMetaData's schema). */
  void writeSchemaElement(ThriftCompactWriter out) {
    out.begin().i32(1, physical.id());
    if (typeLength > 0) {
      out.i32(2, typeLength);
    }
    out.i32(3, 1).string(4, name); // OPTIONAL
    int converted = annotation.convertedType();
    if (converted >= 0) {
      out.i32(6, converted);
    }
    if (annotation.kind() == LogicalKind.DECIMAL) {
      out.i32(7, annotation.scale()).i32(8, annotation.precision());
    }
    if (annotation.kind() != LogicalKind.NONE) {
      annotation.write(out, 10);
    }
    out.end();
  }
}
