package io.buzz.plan.sql;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.model.Query;
import io.buzz.plan.model.QueryValidator;
import io.buzz.plan.model.Step;
import io.buzz.plan.model.StepType;
import io.buzz.plan.physical.Pipeline;
import io.buzz.plan.physical.PipelineSplitter;
import io.buzz.plan.physical.PlanExplainer;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.QueryPlan;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.plan.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * Plans a query — one SQL statement, or two SQL steps — into one Buzz {@link QueryPlan}. Runs in
 * the Fuse; stateless and thread-safe (each call builds its own Calcite objects).
 *
 * <pre>
 *   HBee SQL  --parse, check--> validate against the catalog table --> RelNode ─┐
 *   HComb SQL --parse, check--> validate against the HBee step's output -> RelNode (scan replaced)
 *                                                                               │
 *   simplify, trim unused columns (RelOptimizer) <──────────────────────────────┘
 *     --> Pipeline: scan + operators (RelToPipeline) --> HBee plan | HComb plan (PipelineSplitter)
 * </pre>
 *
 * <p>Semantics: the result equals running the HBee step over the whole table (after the partition
 * filter) and the HComb step over that output; the HComb step reads a table named like the HBee
 * step whose columns are the HBee step's output columns. Both steps are therefore planned as one
 * chain and cut at its first blocking operator, wherever the user put the step boundary. A
 * statement is that chain already: it is planned over the table alone and cut the same way, so a
 * statement and the same query split by hand get the same plan. A statement starting with {@code
 * EXPLAIN} is planned as usual and marked {@link PlannedQuery#explainOnly()}.
 *
 * <p>The partition filter the Fuse applies is the step's {@code partition_filter} ANDed with the
 * conditions of the scan's WHERE that read only partition columns ({@link PartitionPruning}).
 *
 * <p>Usage: {@link #tablesRead} tells the Fuse which catalog to load; {@link #plan} needs that
 * table's schema. Both validate the query first ({@link QueryValidator}).
 */
public final class QueryPlanner {
  private final PlanCache cache;

  /** A planner without plan cache: every call plans. */
  public QueryPlanner() {
    this(0);
  }

  /**
   * @param cachedPlans how many recent plans to keep and reuse for identical steps over an
   *     identical table schema (see {@link PlanCache}); 0 keeps none
   */
  public QueryPlanner(int cachedPlans) {
    this.cache = new PlanCache(cachedPlans);
  }

  /** Plans served from the cache since this planner was made. */
  public long cacheHits() {
    return cache.hits();
  }

  /** Plans made by Calcite since this planner was made (cache misses). */
  public long cacheMisses() {
    return cache.misses();
  }

  /**
   * The catalogs the statement or the HBee step reads (one, since joins are not supported), spelled
   * as declared in the query.
   *
   * @throws BuzzException BAD_QUERY for an invalid query or SQL, NOT_FOUND naming a table that is
   *     not a catalog (with its position and the catalogs available), UNSUPPORTED for SQL Buzz
   *     cannot run, BAD_QUERY when the HComb step reads anything but the HBee step
   */
  public Set<String> tablesRead(Query query) {
    QueryValidator.validate(requireNonNull(query, "query is null"));
    List<String> catalogs = new ArrayList<>();
    for (CatalogSpec catalog : query.catalogs()) {
      catalogs.add(catalog.name());
    }
    return cache.tablesRead(query.steps(), catalogs, () -> ParsedSteps.parse(query).catalogs());
  }

  /**
   * Plans a small query once, so that Calcite's one-time initialisation (class loading and code
   * generation, about a second in a fresh JVM) is paid when the Fuse starts rather than by the
   * first query. Later plans take milliseconds.
   */
  public void warmUp() {
    Query query =
        new Query(
            List.of(
                new Step(
                    "SELECT k, COUNT(*) AS n, SUM(v) AS s FROM warm_up WHERE v > 1.5 GROUP BY k",
                    "warm_up_map",
                    StepType.HBEE,
                    Optional.of("p IN ('a', 'b')")),
                new Step(
                    "SELECT k, SUM(n) FROM warm_up_map GROUP BY k ORDER BY 2 DESC LIMIT 3",
                    "warm_up_reduce",
                    StepType.HCOMB)),
            Capacity.DEFAULT,
            List.of(new CatalogSpec("warm_up", CatalogType.STATIC, "file:warm_up")));
    plan(
        query,
        new TableSchema(
            "warm_up",
            List.of(
                TableColumn.data("k", DataType.UTF8, true),
                TableColumn.data("v", DataType.FLOAT64, true),
                TableColumn.partition("p"))));
  }

  /**
   * Plans {@code query} over {@code table}, the schema of the catalog {@link #tablesRead} named.
   *
   * @throws BuzzException with the step, and the SQL line and column where Calcite reports one
   * @throws IllegalArgumentException if {@code table} is not the catalog the HBee step reads
   */
  public PlannedQuery plan(Query query, TableSchema table) {
    QueryValidator.validate(requireNonNull(query, "query is null"));
    requireNonNull(table, "table is null");
    List<String> catalogs = new ArrayList<>();
    for (CatalogSpec catalog : query.catalogs()) {
      catalogs.add(catalog.name().toLowerCase(Locale.ROOT));
    }
    return cache.get(query.steps(), query.capacity(), catalogs, table, () -> planNow(query, table));
  }

  private PlannedQuery planNow(Query query, TableSchema table) {
    ParsedSteps parsed = ParsedSteps.parse(query);
    if (parsed.catalogs().stream().noneMatch(c -> c.equalsIgnoreCase(table.name()))) {
      throw new IllegalArgumentException(
          "table schema is for '" + table.name() + "' but the query reads " + parsed.catalogs());
    }
    Step first = query.isStatement() ? query.statement() : query.hbeeStep();
    CalciteSession session = new CalciteSession();

    Optional<Expr> partitionFilter = PartitionFilterPlanner.plan(session, first, table);

    List<String> names = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    List<ScanColumn> scanColumns = new ArrayList<>();
    for (TableColumn column : table.columns()) {
      names.add(column.name());
      types.add(BuzzTypes.toCalcite(session.typeFactory, column.type(), column.nullable()));
      scanColumns.add(scanColumn(column));
    }
    TableHint tableHint =
        new TableHint("catalog '" + table.name() + "'", names, table.unsupportedColumns());
    RelNode hbee =
        session.convert(
            parsed.hbee(),
            table.name(),
            session.rowType(names, types),
            first.describe(),
            tableHint);
    RelNode combined;
    RelNode last;
    String context;
    if (query.isStatement()) {
      combined = hbee;
      last = hbee;
      context = first.describe();
    } else {
      checkTranslatable(hbee, scanColumns, session, first);
      Step hcombStep = query.hcombStep();
      RelDataType hbeeOutput = hbee.getRowType();
      List<String> hbeeNames = hbeeOutput.getFieldNames();
      TableHint stepHint =
          new TableHint("the output of HBee step '" + first.name() + "'", hbeeNames, Map.of());
      RelNode hcomb =
          session.convert(parsed.hcomb(), first.name(), hbeeOutput, hcombStep.describe(), stepHint);
      checkTranslatable(hcomb, stepColumns(hbeeOutput, first), session, hcombStep);
      combined = replaceScan(hcomb, hbee);
      last = hcomb;
      context = "steps '" + first.name() + "' and '" + hcombStep.name() + "'";
    }
    RelNode optimized = RelOptimizer.optimize(combined);
    Pipeline pipeline;
    try {
      pipeline = RelToPipeline.translate(optimized, scanColumns, session.rexBuilder);
    } catch (BuzzException e) {
      throw new BuzzException(e.code(), context + ": " + e.getMessage(), e);
    }
    List<String> resultNames =
        ResultNames.names(last.getRowType().getFieldNames(), parsed.resultExpressionTexts());
    pipeline = ResultNames.rename(pipeline, resultNames);
    QueryPlan plan = PipelineSplitter.split(pipeline);

    Schema.Builder partitionSchema = Schema.newBuilder();
    List<String> partitionNames = new ArrayList<>();
    for (TableColumn column : table.partitionColumns()) {
      partitionNames.add(column.name());
      partitionSchema.addFields(
          column
              .type()
              .applyTo(Field.newBuilder().setName(column.name()))
              .setNullable(column.nullable()));
    }
    partitionFilter = withDerived(partitionFilter, plan, partitionNames);
    String explain = PlanExplainer.explain(plan, partitionFilter, partitionSchema.build());
    return new PlannedQuery(
        plan,
        partitionFilter,
        partitionSchema.build(),
        plan.getHcomb().getOutputSchema(),
        explain,
        parsed.explainOnly());
  }

  /** The query's partition filter ANDed with what its WHERE says about partition columns. */
  private static Optional<Expr> withDerived(
      Optional<Expr> given, QueryPlan plan, List<String> partitionNames) {
    Optional<Expr> derived = PartitionPruning.derive(plan.getHbee(), partitionNames);
    if (derived.isEmpty()) {
      return given;
    }
    if (given.isEmpty()) {
      return derived;
    }
    return Optional.of(PartitionPruning.and(List.of(given.get(), derived.get())));
  }

  private static ScanColumn scanColumn(TableColumn column) {
    ScanColumn.Builder scan =
        column
            .type()
            .applyTo(ScanColumn.newBuilder().setName(column.name()))
            .setNullable(column.nullable());
    return column.partition()
        ? scan.setPartitionKey(column.name()).build()
        : scan.setParquetColumn(column.fileColumn())
            .setNullIfMissing(column.nullIfMissing())
            .setParquetFieldId(column.fieldId())
            .build();
  }

  /** Stand-in scan columns for the HBee step's output, to check the HComb step on its own. */
  private static List<ScanColumn> stepColumns(RelDataType output, Step hbeeStep) {
    List<ScanColumn> columns = new ArrayList<>();
    for (RelDataTypeField field : output.getFieldList()) {
      ValueType type =
          BuzzTypes.toBuzz(
              field.getType(), "column '" + field.getName() + "' of " + hbeeStep.describe());
      columns.add(
          type.applyTo(ScanColumn.newBuilder().setName(field.getName()))
              .setNullable(field.getType().isNullable())
              .setParquetColumn(field.getName())
              .build());
    }
    return columns;
  }

  /**
   * Translates one step on its own, so that whatever it uses that Buzz cannot run is reported
   * against that step.
   */
  private static void checkTranslatable(
      RelNode rel, List<ScanColumn> scanColumns, CalciteSession session, Step step) {
    try {
      RelToPipeline.translate(rel, scanColumns, session.rexBuilder);
    } catch (BuzzException e) {
      throw new BuzzException(e.code(), step.describe() + ": " + e.getMessage(), e);
    }
  }

  /** The HComb plan with its scan of the HBee step's output replaced by the HBee plan. */
  private static RelNode replaceScan(RelNode hcomb, RelNode hbee) {
    return hcomb.accept(
        new RelShuttleImpl() {
          @Override
          public RelNode visit(TableScan scan) {
            if (!scan.getRowType().equals(hbee.getRowType())) {
              throw new IllegalStateException(
                  "HComb scan type " + scan.getRowType() + " differs from " + hbee.getRowType());
            }
            return hbee;
          }
        });
  }

  /**
   * The query's SQL parsed and checked — the statement, or both steps — with the catalogs it reads.
   *
   * @param hcomb the HComb step's SQL; null for a statement
   * @param resultExpressionTexts the texts of the last SELECT's unaliased expressions
   * @param explainOnly true for a statement starting with {@code EXPLAIN}
   */
  private record ParsedSteps(
      SqlNode hbee,
      SqlNode hcomb,
      Set<String> catalogs,
      List<Optional<String>> resultExpressionTexts,
      boolean explainOnly) {

    static ParsedSteps parse(Query query) {
      if (query.isStatement()) {
        Step statement = query.statement();
        ExplainPrefix text = ExplainPrefix.of(statement.sql());
        SqlNode node = parse(text.sql(), statement);
        Set<String> catalogs = new LinkedHashSet<>();
        for (SqlIdentifier table : SqlSupportChecker.checkQuery(node, statement.describe())) {
          catalogs.add(catalogOf(table, query, statement));
        }
        return new ParsedSteps(
            node, null, catalogs, ResultNames.expressionTexts(node, text.sql()), text.explain());
      }
      Step hbeeStep = query.hbeeStep();
      Step hcombStep = query.hcombStep();
      SqlNode hbee = parse(hbeeStep.sql(), hbeeStep);
      List<SqlIdentifier> hbeeTables = SqlSupportChecker.checkQuery(hbee, hbeeStep.describe());
      SqlNode hcomb = parse(hcombStep.sql(), hcombStep);
      List<SqlIdentifier> hcombTables = SqlSupportChecker.checkQuery(hcomb, hcombStep.describe());

      Set<String> catalogs = new LinkedHashSet<>();
      for (SqlIdentifier table : hbeeTables) {
        catalogs.add(catalogOf(table, query, hbeeStep));
      }
      for (SqlIdentifier table : hcombTables) {
        if (table.names.size() != 1 || !table.names.get(0).equalsIgnoreCase(hbeeStep.name())) {
          throw BuzzException.badQuery(
              hcombStep.describe()
                  + " reads table '"
                  + table
                  + "'"
                  + SqlPositions.inParens(table.getParserPosition())
                  + "; an HComb step may only read the output of the HBee step, table '"
                  + hbeeStep.name()
                  + "'");
        }
      }
      return new ParsedSteps(
          hbee, hcomb, catalogs, ResultNames.expressionTexts(hcomb, hcombStep.sql()), false);
    }

    /** Parses a statement or step, GROUP BY ALL expanded (positions stay the user's). */
    private static SqlNode parse(String sql, Step step) {
      GroupByAll groupByAll = GroupByAll.of(SqlText.respell(sql));
      SqlNode node = CalciteSession.parseQuery(groupByAll.sql(), step.describe());
      groupByAll.expand(node);
      return node;
    }

    private static String catalogOf(SqlIdentifier table, Query query, Step step) {
      if (table.names.size() == 1) {
        String name = table.names.get(0).toLowerCase(Locale.ROOT);
        for (CatalogSpec catalog : query.catalogs()) {
          if (catalog.name().toLowerCase(Locale.ROOT).equals(name)) {
            return catalog.name();
          }
        }
      }
      List<String> available = query.catalogs().stream().map(CatalogSpec::name).toList();
      throw new BuzzException(
          ErrorCode.NOT_FOUND,
          step.describe()
              + ": table '"
              + table
              + "'"
              + SqlPositions.inParens(table.getParserPosition())
              + " is not a catalog of this query; available catalogs: "
              + String.join(", ", available));
    }
  }
}
