package io.buzz.plan.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Optionality;

/**
 * {@code APPROX_QUANTILE(x, fraction)} (DuckDB's name) and {@code APPROX_PERCENTILE(x, fraction)}
 * (Trino's), which Calcite lacks: numeric {@code x}, a constant fraction from 0 to 1 (checked when
 * the call is planned), a DOUBLE result, NULL where a group can lack values — as the kernels type
 * it, so the planner's type check holds.
 */
final class ApproxQuantileOperator extends SqlAggFunction {
  static final ApproxQuantileOperator APPROX_QUANTILE =
      new ApproxQuantileOperator("APPROX_QUANTILE");
  static final ApproxQuantileOperator APPROX_PERCENTILE =
      new ApproxQuantileOperator("APPROX_PERCENTILE");

  private ApproxQuantileOperator(String name) {
    super(
        name,
        null,
        SqlKind.OTHER_FUNCTION,
        ApproxQuantileOperator::returnType,
        null,
        OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC),
        SqlFunctionCategory.NUMERIC,
        false,
        false,
        Optionality.FORBIDDEN);
  }

  private static RelDataType returnType(SqlOperatorBinding binding) {
    boolean mayLackValue =
        binding.getOperandType(0).isNullable()
            || binding.getGroupCount() == 0
            || binding.hasFilter();
    return binding
        .getTypeFactory()
        .createTypeWithNullability(
            binding.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), mayLackValue);
  }
}
