package io.buzz.plan.physical;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Decimal;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.ScanColumn;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The whole type of a plan value: plan.proto's {@link DataType}, and for DECIMAL128 its precision
 * and scale (plan.proto's {@link Decimal}, which every Field, Expr and ScanColumn of that type
 * carries). The planner compares and passes these instead of bare {@code DataType}s so that a
 * decimal's scale is never lost.
 *
 * @param id the data type
 * @param precision digits of a DECIMAL128, 0 for every other type
 * @param scale digits after the point of a DECIMAL128, 0 for every other type
 */
public record ValueType(DataType id, int precision, int scale) {
  /** The most digits of a DECIMAL128. */
  public static final int MAX_PRECISION = 38;

  public static final ValueType BOOL = new ValueType(DataType.BOOL, 0, 0);
  public static final ValueType INT32 = new ValueType(DataType.INT32, 0, 0);
  public static final ValueType INT64 = new ValueType(DataType.INT64, 0, 0);
  public static final ValueType FLOAT64 = new ValueType(DataType.FLOAT64, 0, 0);
  public static final ValueType UTF8 = new ValueType(DataType.UTF8, 0, 0);
  public static final ValueType DATE32 = new ValueType(DataType.DATE32, 0, 0);
  public static final ValueType TIMESTAMP_MICROS = new ValueType(DataType.TIMESTAMP_MICROS, 0, 0);
  public static final ValueType FLOAT32 = new ValueType(DataType.FLOAT32, 0, 0);
  public static final ValueType TIME_MICROS = new ValueType(DataType.TIME_MICROS, 0, 0);
  public static final ValueType VARBINARY = new ValueType(DataType.VARBINARY, 0, 0);

  public ValueType {
    requireNonNull(id, "id is null");
    if (id == DataType.DATA_TYPE_UNSPECIFIED || id == DataType.UNRECOGNIZED) {
      throw new IllegalArgumentException("data type is not set: " + id);
    }
    if (id == DataType.DECIMAL128
        ? precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision
        : precision != 0 || scale != 0) {
      throw new IllegalArgumentException(
          "invalid type " + id + "(" + precision + "," + scale + ")");
    }
  }

  /**
   * The type of a non-decimal data type.
   *
   * @throws IllegalArgumentException for DECIMAL128, which needs {@link #decimal}
   */
  public static ValueType of(DataType id) {
    return new ValueType(id, 0, 0);
  }

  public static ValueType decimal(int precision, int scale) {
    return new ValueType(DataType.DECIMAL128, precision, scale);
  }

  public static ValueType of(Expr expr) {
    return of(expr.getType(), expr.getDecimal());
  }

  public static ValueType of(Field field) {
    return of(field.getType(), field.getDecimal());
  }

  public static ValueType of(ScanColumn column) {
    return of(column.getType(), column.getDecimal());
  }

  private static ValueType of(DataType id, Decimal decimal) {
    return id == DataType.DECIMAL128 ? decimal(decimal.getPrecision(), decimal.getScale()) : of(id);
  }

  /** The kernels' Arrow type of this type (the kernels' types share plan.proto's names). */
  public ArrowType arrowType() {
    return isDecimal()
        ? ColumnType.decimal(precision, scale)
        : ColumnType.valueOf(id.name()).arrowType();
  }

  /** The plan type of one of the kernels' Arrow types. */
  public static ValueType of(ArrowType type) {
    ColumnType column = ColumnType.of(type);
    return column == ColumnType.DECIMAL128
        ? decimal(Decimal128.precision(type), Decimal128.scale(type))
        : of(DataType.valueOf(column.name()));
  }

  public boolean isDecimal() {
    return id == DataType.DECIMAL128;
  }

  /** Sets the type (and the decimal's precision and scale) of an expression. */
  public Expr.Builder applyTo(Expr.Builder expr) {
    expr.setType(id);
    return isDecimal() ? expr.setDecimal(decimalProto()) : expr.clearDecimal();
  }

  /** Sets the type (and the decimal's precision and scale) of a schema field. */
  public Field.Builder applyTo(Field.Builder field) {
    field.setType(id);
    return isDecimal() ? field.setDecimal(decimalProto()) : field.clearDecimal();
  }

  /** Sets the type (and the decimal's precision and scale) of a scanned column. */
  public ScanColumn.Builder applyTo(ScanColumn.Builder column) {
    column.setType(id);
    return isDecimal() ? column.setDecimal(decimalProto()) : column.clearDecimal();
  }

  private Decimal decimalProto() {
    return Decimal.newBuilder().setPrecision(precision).setScale(scale).build();
  }

  /** The SQL-style name: {@code DECIMAL(10,2)}, or the data type's name. */
  @Override
  public String toString() {
    return isDecimal() ? "DECIMAL(" + precision + "," + scale + ")" : id.name();
  }
}
