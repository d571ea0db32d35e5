package io.buzz.plan.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's type rules bent to the types Buzz computes with (plan.proto's {@code DataType}).
 *
 * <ul>
 *   <li>SUM of an integer is BIGINT (the kernels sum integers in 64 bits and fail on overflow); SUM
 *       of a DOUBLE or a REAL is DOUBLE (as DuckDB); SUM of a DECIMAL(p, s) is DECIMAL(38, s),
 *       exact (as DuckDB).
 *   <li>AVG is always DOUBLE (the partial state is a FLOAT64 sum and an INT64 count).
 *   <li>DECIMAL has up to 38 digits; a bare {@code DECIMAL} is DECIMAL(18,3), as in DuckDB.
 *       Addition, subtraction and multiplication of decimals (and of a decimal with an integer)
 *       follow SQL's precision and scale rules (Calcite's defaults, which DuckDB shares); division
 *       and modulo involving a decimal are DOUBLE (as DuckDB divides).
 *   <li>Integer divided by integer stays an integer and truncates (Calcite's default, like Trino).
 *   <li>Timestamps and times carry microseconds: precision 6 by default and at most.
 *   <li>CASE over CHAR literals of different lengths is VARCHAR, so strings are never blank-padded.
 * </ul>
 */
final class BuzzTypeSystem extends RelDataTypeSystemImpl {
  static final BuzzTypeSystem INSTANCE = new BuzzTypeSystem();

  private static final int MICROS = 6;
  private static final int DECIMAL_DIGITS = 38;
  private static final int DEFAULT_DECIMAL_PRECISION = 18;
  private static final int DEFAULT_DECIMAL_SCALE = 3;

  private BuzzTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case TIMESTAMP, TIME -> MICROS;
      case DECIMAL -> DECIMAL_DIGITS;
      default -> super.getMaxPrecision(typeName);
    };
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? DECIMAL_DIGITS : super.getMaxScale(typeName);
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case TIMESTAMP, TIME -> MICROS;
      case DECIMAL -> DEFAULT_DECIMAL_PRECISION;
      default -> super.getDefaultPrecision(typeName);
    };
  }

  @Override
  public int getDefaultScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL
        ? DEFAULT_DECIMAL_SCALE
        : super.getDefaultScale(typeName);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (SqlTypeUtil.isDecimal(argumentType)) {
      return typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.DECIMAL, DECIMAL_DIGITS, argumentType.getScale()),
          argumentType.isNullable());
    }
    SqlTypeName result =
        SqlTypeUtil.isExactNumeric(argumentType) && !SqlTypeUtil.isDecimal(argumentType)
            ? SqlTypeName.BIGINT
            : SqlTypeName.DOUBLE;
    if (!SqlTypeUtil.isNumeric(argumentType)) {
      return super.deriveSumType(typeFactory, argumentType);
    }
    return typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(result), argumentType.isNullable());
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (!SqlTypeUtil.isNumeric(argumentType)) {
      return super.deriveAvgAggType(typeFactory, argumentType);
    }
    return typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
  }

  @Override
  public @Nullable RelDataType deriveDecimalDivideType(
      RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
    return doubleIfDecimal(typeFactory, type1, type2);
  }

  @Override
  public @Nullable RelDataType deriveDecimalModType(
      RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
    return doubleIfDecimal(typeFactory, type1, type2);
  }

  private static @Nullable RelDataType doubleIfDecimal(
      RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
    if (SqlTypeUtil.isDecimal(type1) || SqlTypeUtil.isDecimal(type2)) {
      return typeFactory.createSqlType(SqlTypeName.DOUBLE);
    }
    return null;
  }
}
