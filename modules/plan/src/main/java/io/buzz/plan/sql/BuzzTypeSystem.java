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
 *       of a floating or decimal value is DOUBLE.
 *   <li>AVG is always DOUBLE (the partial state is a FLOAT64 sum and an INT64 count).
 *   <li>Buzz has no DECIMAL: any arithmetic involving a DECIMAL (e.g. the literal {@code 10.5}) is
 *       typed DOUBLE here, and the remaining DECIMAL types (literals, casts) map to FLOAT64.
 *   <li>Integer divided by integer stays an integer and truncates (Calcite's default, like Trino).
 *   <li>Timestamps carry microseconds: precision 6 by default and at most.
 *   <li>CASE over CHAR literals of different lengths is VARCHAR, so strings are never blank-padded.
 * </ul>
 */
final class BuzzTypeSystem extends RelDataTypeSystemImpl {
  static final BuzzTypeSystem INSTANCE = new BuzzTypeSystem();

  private static final int MICROS = 6;

  private BuzzTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.TIMESTAMP ? MICROS : super.getMaxPrecision(typeName);
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.TIMESTAMP ? MICROS : super.getDefaultPrecision(typeName);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
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
  public @Nullable RelDataType deriveDecimalPlusType(
      RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
    return doubleIfDecimal(typeFactory, type1, type2);
  }

  @Override
  public @Nullable RelDataType deriveDecimalMultiplyType(
      RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
    return doubleIfDecimal(typeFactory, type1, type2);
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
