package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * The Calcite objects one planning call shares: a type factory (so that the HBee step's output type
 * and the HComb step's input type are the same objects) and a cluster. Not thread-safe; make one
 * per call.
 *
 * <p>SQL dialect: identifiers quoted with double quotes, unquoted identifiers kept as written and
 * every identifier matched case-insensitively (like DuckDB); lenient conformance (GROUP BY alias or
 * ordinal, LIMIT/OFFSET, FETCH, {@code %}, {@code !=}); NULLs sort last in both directions unless
 * the query says NULLS FIRST/LAST.
 */
final class CalciteSession {
  static final SqlParser.Config PARSER_CONFIG =
      SqlParser.config()
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.UNCHANGED)
          .withQuotedCasing(Casing.UNCHANGED)
          .withCaseSensitive(false)
          .withConformance(SqlConformanceEnum.LENIENT);

  private static final SqlValidator.Config VALIDATOR_CONFIG =
      SqlValidator.Config.DEFAULT
          .withConformance(SqlConformanceEnum.LENIENT)
          .withDefaultNullCollation(NullCollation.LAST)
          .withIdentifierExpansion(true);

  /** IN lists of any length stay comparisons instead of becoming a join with VALUES. */
  private static final SqlToRelConverter.Config CONVERTER_CONFIG =
      SqlToRelConverter.config()
          .withInSubQueryThreshold(Integer.MAX_VALUE)
          .withTrimUnusedFields(false)
          .withExpand(false);

  private static final CalciteConnectionConfigImpl CONNECTION_CONFIG = connectionConfig();

  // Character types are UTF-8, not Calcite's default ISO-8859-1 (saffron.properties in this
  // module's resources): a literal such as 'İ%' or 'ΣΊΣ' is as valid in SQL as in the files.
  final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(BuzzTypeSystem.INSTANCE);

  final RexBuilder rexBuilder = new RexBuilder(typeFactory);

  /** The instant CURRENT_DATE and CURRENT_TIMESTAMP mean in every statement of this session. */
  private final QueryClock clock = new QueryClock(java.time.Instant.now());

  final RelOptCluster cluster = RelOptCluster.create(clusterPlanner(), rexBuilder);

  /**
   * Parses one SELECT statement.
   *
   * @param context how messages name the SQL, e.g. {@code step 'nyc_taxi_map'}
   * @throws BuzzException BAD_QUERY with line and column on a syntax error
   */
  static SqlNode parseQuery(String sql, String context) {
    try {
      return SqlParser.create(sql, PARSER_CONFIG).parseQuery();
    } catch (SqlParseException e) {
      throw SqlErrors.syntax(e, context);
    }
  }

  /** Parses a standalone expression (a partition filter); positions are within {@code sql}. */
  static SqlNode parseExpression(String sql, String context) {
    try {
      return SqlParser.create(sql, PARSER_CONFIG).parseExpression();
    } catch (SqlParseException e) {
      throw SqlErrors.syntax(e, context);
    }
  }

  /** A table of the given row type, built with this session's type factory. */
  RelDataType rowType(List<String> names, List<RelDataType> types) {
    return typeFactory.createStructType(types, names);
  }

  /**
   * Validates {@code query} against a catalog holding exactly one table and converts it to
   * relational algebra. The query's nodes may be rewritten by validation; parse again to reuse it.
   *
   * @throws BuzzException BAD_QUERY, NOT_FOUND or UNSUPPORTED with the position Calcite reports
   */
  RelNode convert(
      SqlNode query, String tableName, RelDataType tableType, String context, TableHint hint) {
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    root.add(tableName, new FixedTable(tableType));
    CalciteCatalogReader catalog =
        new CalciteCatalogReader(root, List.of(), typeFactory, CONNECTION_CONFIG);
    SqlValidator validator =
        SqlValidatorUtil.newValidator(
            RegistryOperators.TABLE, catalog, typeFactory, VALIDATOR_CONFIG);
    SqlNode validated;
    try {
      validated = validator.validate(query);
    } catch (CalciteContextException e) {
      throw SqlErrors.validation(e, context, hint);
    } catch (CalciteException e) {
      throw new BuzzException(ErrorCode.BAD_QUERY, context + ": " + e.getMessage(), e);
    }
    SqlToRelConverter converter =
        new SqlToRelConverter(
            null, validator, catalog, cluster, StandardConvertletTable.INSTANCE, CONVERTER_CONFIG);
    try {
      RelNode rel = clock.fix(converter.convertQuery(validated, false, true).project(), rexBuilder);
      rel = RelOptimizer.removeSubQueries(rel); // a scalar or IN subquery becomes a join
      return TemporalCastFolder.fold(rel, rexBuilder);
    } catch (CalciteContextException e) {
      throw SqlErrors.validation(e, context, hint);
    } catch (BuzzException e) {
      throw new BuzzException(e.code(), context + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new BuzzException(
          ErrorCode.UNSUPPORTED, context + ": cannot plan this SQL: " + e.getMessage(), e);
    }
  }

  /**
   * The planner the cluster carries. Rules are run by their own {@link HepPlanner}s; this one only
   * supplies the executor that constant folding (ReduceExpressionsRule) needs, without which the
   * rule silently does nothing.
   */
  private static HepPlanner clusterPlanner() {
    HepPlanner planner = new HepPlanner(HepProgram.builder().build());
    planner.setExecutor(KernelSemanticsExecutor.INSTANCE);
    return planner;
  }

  private static CalciteConnectionConfigImpl connectionConfig() {
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    return new CalciteConnectionConfigImpl(properties);
  }

  /** A table that only has a row type: enough for validation and a LogicalTableScan. */
  private static final class FixedTable extends AbstractTable {
    private final RelDataType rowType;

    FixedTable(RelDataType rowType) {
      this.rowType = rowType;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return rowType;
    }
  }
}
