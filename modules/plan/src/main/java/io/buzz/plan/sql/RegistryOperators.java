package io.buzz.plan.sql;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.function.FunctionRegistry;
import io.buzz.kernels.function.ScalarFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * The operators Calcite validates SQL with: its standard table, plus one operator per name of the
 * {@link FunctionRegistry} that the standard table does not know (LENGTH, LCASE, …), typed by the
 * registry's signatures. So a function registered in the kernels is callable from SQL with no other
 * change; names Calcite knows keep Calcite's own operator (and syntax, e.g. {@code TRIM(x FROM
 * y)}).
 */
final class RegistryOperators {
  /**
   * Names Calcite's parser turns into calls of its own library operators (DATE_TRUNC's Redshift and
   * BigQuery forms): validation finds a replacement only of the same kind and category.
   */
  private static final java.util.Map<String, SqlKind> PARSED_KINDS =
      java.util.Map.of("DATE_TRUNC", SqlKind.DATE_TRUNC);

  /** Registered names that SQL writes as operators with their own syntax, not as functions. */
  private static final java.util.Set<String> OPERATOR_SYNTAX = java.util.Set.of("LIKE", "ILIKE");

  /** The table every validation uses. */
  static final SqlOperatorTable TABLE = table();

  private RegistryOperators() {}

  private static SqlOperatorTable table() {
    SqlStdOperatorTable standard = SqlStdOperatorTable.instance();
    // ILIKE is parsed into Calcite's library operators, which validation must find in the table.
    // BOOL_AND and BOOL_OR are PostgreSQL's (and DuckDB's) names of MIN and MAX over booleans.
    List<SqlOperator> added =
        new ArrayList<>(
            List.of(
                SqlLibraryOperators.ILIKE,
                SqlLibraryOperators.NOT_ILIKE,
                SqlLibraryOperators.BOOL_AND,
                SqlLibraryOperators.BOOL_OR,
                SqlLibraryOperators.CONCAT_FUNCTION,
                SqlLibraryOperators.GREATEST_PG,
                SqlLibraryOperators.LEAST_PG,
                ApproxQuantileOperator.APPROX_QUANTILE,
                ApproxQuantileOperator.APPROX_PERCENTILE));
    for (ScalarFunction function : FunctionRegistry.STANDARD.functions()) {
      for (String name : function.sqlNames()) {
        if (Character.isLetter(name.charAt(0)) && !known(standard, name)) { // not "||"
          added.add(operator(name, function));
        }
      }
    }
    return SqlOperatorTables.chain(withoutReplaced(standard), SqlOperatorTables.of(added));
  }

  /**
   * Calcite's standard table without the operators the registry replaces: ROUND and TRUNCATE type a
   * DECIMAL result as their operand's type, where the kernels (and DuckDB) give {@code ROUND(x, n)}
   * of a {@code DECIMAL(p, s)} the scale {@code n}.
   */
  private static SqlOperatorTable withoutReplaced(SqlStdOperatorTable standard) {
    return new SqlOperatorTable() {
      @Override
      public void lookupOperatorOverloads(
          org.apache.calcite.sql.SqlIdentifier name,
          SqlFunctionCategory category,
          SqlSyntax syntax,
          List<SqlOperator> operators,
          org.apache.calcite.sql.validate.SqlNameMatcher matcher) {
        List<SqlOperator> found = new ArrayList<>();
        standard.lookupOperatorOverloads(name, category, syntax, found, matcher);
        found.removeIf(RegistryOperators::replaced);
        operators.addAll(found);
      }

      @Override
      public List<SqlOperator> getOperatorList() {
        List<SqlOperator> all = new ArrayList<>(standard.getOperatorList());
        all.removeIf(RegistryOperators::replaced);
        return all;
      }
    };
  }

  private static boolean replaced(SqlOperator operator) {
    return operator == SqlStdOperatorTable.ROUND || operator == SqlStdOperatorTable.TRUNCATE;
  }

  /**
   * Whether Calcite has {@code name} already: a standard function, or an operator of its syntax.
   */
  private static boolean known(SqlStdOperatorTable standard, String name) {
    if (OPERATOR_SYNTAX.contains(name)) {
      return true;
    }
    if (name.equals("ROUND") || name.equals("TRUNCATE")) {
      return false; // replaced (withoutReplaced)
    }
    List<SqlOperator> found = new ArrayList<>();
    standard.lookupOperatorOverloads(
        new org.apache.calcite.sql.SqlIdentifier(
            name, org.apache.calcite.sql.parser.SqlParserPos.ZERO),
        null,
        SqlSyntax.FUNCTION,
        found,
        SqlNameMatchers.withCaseSensitive(false));
    return !found.isEmpty();
  }

  private static SqlFunction operator(String name, ScalarFunction function) {
    List<SqlOperandTypeChecker> forms = new ArrayList<>();
    for (ScalarFunction.Signature signature : function.signatures()) {
      List<SqlTypeFamily> families = new ArrayList<>();
      for (ColumnType operand : signature.operands()) {
        families.add(family(operand));
      }
      forms.add(OperandTypes.family(families));
    }
    SqlOperandTypeChecker checker =
        forms.size() == 1
            ? forms.get(0)
            : OperandTypes.or(forms.toArray(SqlOperandTypeChecker[]::new));
    return new SqlFunction(
        name,
        PARSED_KINDS.getOrDefault(name, SqlKind.OTHER_FUNCTION),
        binding -> returnType(binding, function),
        null,
        checker,
        PARSED_KINDS.containsKey(name)
            ? SqlFunctionCategory.TIMEDATE
            : SqlFunctionCategory.USER_DEFINED_FUNCTION);
  }

  private static RelDataType returnType(SqlOperatorBinding binding, ScalarFunction function) {
    List<ColumnType> types = new ArrayList<>();
    boolean nullable = false;
    for (int i = 0; i < binding.getOperandCount(); i++) {
      RelDataType operand = binding.getOperandType(i);
      nullable |= operand.isNullable();
      types.add(
          operand.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL
              ? null
              : ColumnType.valueOf(BuzzTypes.toBuzz(operand, name(function)).id().name()));
    }
    ScalarFunction.Signature signature =
        types.contains(null)
            ? function.forArity(types.size()).orElseThrow()
            : RegisteredCalls.choose(function, types).orElseThrow();
    if (signature.result() == ColumnType.DECIMAL128) {
      return decimalResult(binding, function, nullable);
    }
    if (types.size() > 0 && types.get(0) == ColumnType.FLOAT32 && keepsNumericType(function)) {
      // ROUND and TRUNC of a REAL are REAL (computed in DOUBLE, cast back), as in DuckDB
      RelDataTypeFactory factory = binding.getTypeFactory();
      return factory.createTypeWithNullability(
          factory.createSqlType(org.apache.calcite.sql.type.SqlTypeName.REAL), nullable);
    }
    return BuzzTypes.toCalcite(
        binding.getTypeFactory(), RegisteredCalls.valueType(signature.result()), nullable);
  }

  /** Whether every numeric form of {@code function} returns its first operand's type. */
  private static boolean keepsNumericType(ScalarFunction function) {
    boolean any = false;
    for (ScalarFunction.Signature signature : function.signatures()) {
      ColumnType first = signature.operands().isEmpty() ? null : signature.operands().get(0);
      if (first != null && first.isNumeric()) {
        if (signature.result() != first) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /** The DECIMAL a decimal form returns, as its kernel derives it (places: a constant, or 0). */
  private static RelDataType decimalResult(
      SqlOperatorBinding binding, ScalarFunction function, boolean nullable) {
    RelDataType operand = binding.getOperandType(0);
    long places = 0;
    if (binding.getOperandCount() > 1 && binding.isOperandLiteral(1, false)) {
      Long constant = binding.getOperandLiteralValue(1, Long.class);
      places = constant == null ? 0 : constant;
    }
    org.apache.arrow.vector.types.pojo.ArrowType.Decimal type =
        FunctionRegistry.decimalResult(
            function, operand.getPrecision(), operand.getScale(), places);
    RelDataTypeFactory factory = binding.getTypeFactory();
    return factory.createTypeWithNullability(
        factory.createSqlType(
            org.apache.calcite.sql.type.SqlTypeName.DECIMAL, type.getPrecision(), type.getScale()),
        nullable);
  }

  private static String name(ScalarFunction function) {
    return "an operand of " + function.displayName();
  }

  private static SqlTypeFamily family(ColumnType type) {
    return switch (type) {
      case BOOL -> SqlTypeFamily.BOOLEAN;
      case INT32, INT64, FLOAT64, FLOAT32, DECIMAL128 -> SqlTypeFamily.NUMERIC;
      case UTF8 -> SqlTypeFamily.CHARACTER;
      case DATE32 -> SqlTypeFamily.DATE;
      case TIMESTAMP_MICROS -> SqlTypeFamily.TIMESTAMP;
      case TIME_MICROS -> SqlTypeFamily.TIME;
      case VARBINARY -> SqlTypeFamily.BINARY;
    };
  }
}
