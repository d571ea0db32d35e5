package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.plan.physical.ValueType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The correspondence between Buzz {@link ValueType}s and Calcite types.
 *
 * <p>Buzz to Calcite: BOOL = BOOLEAN, INT32 = INTEGER, INT64 = BIGINT, FLOAT32 = REAL, FLOAT64 =
 * DOUBLE, UTF8 = VARCHAR, DATE32 = DATE, TIMESTAMP_MICROS = TIMESTAMP(6), TIME_MICROS = TIME(6),
 * DECIMAL128(p, s) = DECIMAL(p, s), VARBINARY = VARBINARY.
 *
 * <p>Calcite to Buzz also folds the types SQL can produce but Buzz does not have: TINYINT and
 * SMALLINT become INT32, FLOAT (4 bytes, as in DuckDB and PostgreSQL's {@code float4}) becomes
 * FLOAT32, a TIME of any precision TIME_MICROS, CHAR becomes UTF8 (never padded), BINARY becomes
 * VARBINARY (never padded), and the type of an untyped NULL becomes INT32. Anything else (INTERVAL,
 * TIME WITH TIME ZONE, ...) is UNSUPPORTED.
 */
final class BuzzTypes {
  private BuzzTypes() {}

  static RelDataType toCalcite(RelDataTypeFactory factory, ValueType type, boolean nullable) {
    RelDataType base =
        switch (type.id()) {
          case BOOL -> factory.createSqlType(SqlTypeName.BOOLEAN);
          case INT32 -> factory.createSqlType(SqlTypeName.INTEGER);
          case INT64 -> factory.createSqlType(SqlTypeName.BIGINT);
          case FLOAT64 -> factory.createSqlType(SqlTypeName.DOUBLE);
          case FLOAT32 -> factory.createSqlType(SqlTypeName.REAL);
          case UTF8 -> factory.createSqlType(SqlTypeName.VARCHAR);
          case VARBINARY -> factory.createSqlType(SqlTypeName.VARBINARY);
          case DATE32 -> factory.createSqlType(SqlTypeName.DATE);
          case TIMESTAMP_MICROS -> factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
          case TIME_MICROS -> factory.createSqlType(SqlTypeName.TIME, 6);
          case DECIMAL128 ->
              factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
          case DATA_TYPE_UNSPECIFIED, UNRECOGNIZED ->
              throw new IllegalArgumentException("column type is not set: " + type);
        };
    return factory.createTypeWithNullability(base, nullable);
  }

  /**
   * The Buzz type of a Calcite type.
   *
   * @param where what has this type, for the message (e.g. {@code column 'x' of step 'y'})
   * @throws BuzzException UNSUPPORTED for types Buzz cannot compute with
   */
  static ValueType toBuzz(RelDataType type, String where) {
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> ValueType.BOOL;
      case TINYINT, SMALLINT, INTEGER, NULL -> ValueType.INT32;
      case BIGINT -> ValueType.INT64;
      case REAL, FLOAT -> ValueType.FLOAT32;
      case DOUBLE -> ValueType.FLOAT64;
      case DECIMAL -> decimal(type, where);
      case CHAR, VARCHAR -> ValueType.UTF8;
      case BINARY, VARBINARY -> ValueType.VARBINARY;
      case DATE -> ValueType.DATE32;
      case TIMESTAMP -> ValueType.TIMESTAMP_MICROS;
      case TIME -> ValueType.TIME_MICROS;
      default ->
          throw BuzzException.unsupported(
              where
                  + " has SQL type "
                  + type.getFullTypeString()
                  + ", which Buzz does not support");
    };
  }

  private static ValueType decimal(RelDataType type, String where) {
    int precision = type.getPrecision();
    int scale = type.getScale();
    if (precision > ValueType.MAX_PRECISION || scale < 0 || scale > precision) {
      throw BuzzException.unsupported(
          where
              + " has SQL type "
              + type.getFullTypeString()
              + ": DECIMAL needs 1 to "
              + ValueType.MAX_PRECISION
              + " digits and a scale from 0 to the precision");
    }
    return ValueType.decimal(precision, scale);
  }
}
