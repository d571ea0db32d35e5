package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.plan.physical.Pipeline;
import io.buzz.plan.physical.PipelineStage;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Filter;
import io.buzz.protocol.plan.Limit;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Project;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.Sort;
import io.buzz.protocol.plan.SortKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Translates an optimized, linear relational plan (a table scan, then filters, projects, aggregates
 * and sorts, each with one input) into a {@link Pipeline}.
 *
 * <p>The scan reads only the table columns the plan uses: when a Project sits right above the scan
 * (RelFieldTrimmer puts one there whenever some column is unused), the scan reads the columns that
 * Project references; otherwise every column. A plan that needs no column at all (e.g. {@code
 * COUNT(*)}) still scans one, the cheapest: a partition column if any, else a rows-only column
 * whose values are never read (HBees count the rows from the file's metadata, reading no page). An
 * empty VALUES at the bottom (Calcite's rewrite of an always-false filter) becomes that scan
 * followed by {@code Filter(FALSE)} and a Project of typed NULLs.
 *
 * <p>Aggregates are emitted in SINGLE mode; {@link io.buzz.plan.physical.PipelineSplitter} chooses
 * which one becomes PARTIAL and FINAL.
 */
final class RelToPipeline {
  private final RexBuilder rexBuilder;
  private final List<ScanColumn> tableColumns;

  /**
   * @param tableColumns how to read each column of the scanned table, in table order
   */
  private RelToPipeline(RexBuilder rexBuilder, List<ScanColumn> tableColumns) {
    this.rexBuilder = rexBuilder;
    // The table's columns, then the rows-only column (never referenced by the plan's expressions).
    List<ScanColumn> columns = new ArrayList<>(tableColumns);
    columns.add(ROWS_ONLY);
    this.tableColumns = List.copyOf(columns);
  }

  /** Scanned when the plan needs the row count only and the table has no partition column. */
  private static final ScanColumn ROWS_ONLY =
      ScanColumn.newBuilder()
          .setName("$rows")
          .setType(DataType.UTF8)
          .setNullable(true)
          .setRowsOnly(true)
          .build();

  static Pipeline translate(RelNode root, List<ScanColumn> tableColumns, RexBuilder rexBuilder) {
    return new RelToPipeline(rexBuilder, tableColumns).translate(root);
  }

  private Pipeline translate(RelNode root) {
    List<RelNode> chain = chainDown(root);
    RelNode leaf = chain.get(0);
    List<PipelineStage> stages = new ArrayList<>();
    List<Integer> scanned;
    IntUnaryOperator firstMapping = IntUnaryOperator.identity();
    if (leaf instanceof TableScan) {
      scanned = scannedColumns(chain.size() > 1 ? chain.get(1) : null);
      firstMapping = scanMapping(scanned);
    } else if (leaf instanceof LogicalUnion union) {
      scanned = new BranchTranslation(this).unionAll(union, stages);
    } else if (leaf instanceof LogicalJoin join) {
      scanned = new BranchTranslation(this).scalarJoin(join, stages);
    } else if (leaf instanceof Values values && values.getTuples().isEmpty()) {
      scanned = List.of(cheapestColumn());
      Schema scanSchema = schemaOf(scanned);
      stages.add(PipelineStage.over(scanSchema, filter(Exprs.bool(false))));
      List<NamedExpr> placeholders = new ArrayList<>();
      for (RelDataTypeField field : values.getRowType().getFieldList()) {
        ValueType type = BuzzTypes.toBuzz(field.getType(), "column '" + field.getName() + "'");
        placeholders.add(
            named(field.getName(), Exprs.placeholder(type, field.getType().isNullable())));
      }
      stages.add(PipelineStage.over(scanSchema, project(placeholders)));
    } else if (leaf instanceof org.apache.calcite.rel.core.Correlate) {
      throw BuzzException.unsupported(
          "a correlated subquery (one that refers to the outer query's columns) is not supported;"
              + " a subquery that does not is");
    } else if (!leaf.getInputs().isEmpty()) {
      throw BuzzException.unsupported(
          "relational operator " + leaf.getRelTypeName() + " with several inputs is not supported");
    } else {
      throw BuzzException.unsupported(
          describe(leaf) + " is not supported: every step reads a table");
    }
    List<ScanColumn> scan = new ArrayList<>();
    for (int column : scanned) {
      scan.add(tableColumns.get(column));
    }
    Schema input = stages.isEmpty() ? schemaOf(scanned) : stages.get(stages.size() - 1).output();
    addOperators(chain.subList(1, chain.size()), input, firstMapping, stages::add);
    return new Pipeline(scan, stages);
  }

  /**
   * {@code rel} and the single inputs below it, bottom first: the bottom one has no input (a scan)
   * or several (a union).
   */
  static List<RelNode> chainDown(RelNode rel) {
    List<RelNode> chain = new ArrayList<>();
    for (RelNode at = rel; ; at = at.getInput(0)) {
      chain.add(at);
      if (at.getInputs().size() != 1) {
        break;
      }
    }
    Collections.reverse(chain);
    return chain;
  }

  /** Table column index to scan position, for the operator right above the scan. */
  IntUnaryOperator scanMapping(List<Integer> scanned) {
    int[] positions = new int[tableColumns.size()];
    for (int i = 0; i < scanned.size(); i++) {
      positions[scanned.get(i)] = i;
    }
    return column -> positions[column];
  }

  /**
   * Translates {@code rels} (each the input of the next) over {@code input}, the first through
   * {@code firstMapping}; returns the last output schema. Identity projections are dropped.
   */
  Schema addOperators(
      List<RelNode> rels,
      Schema input,
      IntUnaryOperator firstMapping,
      java.util.function.Consumer<PipelineStage> out) {
    for (int i = 0; i < rels.size(); i++) {
      IntUnaryOperator mapping = i == 0 ? firstMapping : IntUnaryOperator.identity();
      Operator operator = operator(rels.get(i), input, mapping);
      if (operator == null) {
        continue;
      }
      PipelineStage stage = PipelineStage.over(input, operator);
      if (!isIdentityProject(operator, input)) {
        out.accept(stage);
      }
      input = stage.output();
    }
    return input;
  }

  /**
   * The table columns to read, given the operator right above the scan: those a Project or an
   * Aggregate references (RelFieldTrimmer leaves an Aggregate right on the scan when it needs no
   * column, as for {@code COUNT(*)}); every column below a Filter or Sort, which pass all columns
   * on (the trimmer puts a Project below them whenever a column is unused).
   */
  List<Integer> scannedColumns(RelNode aboveScan) {
    ImmutableBitSet used;
    if (aboveScan instanceof LogicalProject project) {
      used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    } else if (aboveScan instanceof LogicalAggregate aggregate) {
      ImmutableBitSet.Builder columns = aggregate.getGroupSet().rebuild();
      aggregate.getAggCallList().forEach(call -> columns.addAll(call.getArgList()));
      used = columns.build();
    } else {
      used = ImmutableBitSet.range(tableColumns.size() - 1); // every table column, not ROWS_ONLY
    }
    return used.isEmpty() ? List.of(cheapestColumn()) : used.asList();
  }

  private int cheapestColumn() {
    for (int i = 0; i < tableColumns.size(); i++) {
      if (tableColumns.get(i).hasPartitionKey()) {
        return i; // a constant per file: no page is read either
      }
    }
    return tableColumns.size() - 1; // ROWS_ONLY
  }

  Schema schemaOf(List<Integer> scanned) {
    List<ScanColumn> columns = new ArrayList<>();
    for (int column : scanned) {
      columns.add(tableColumns.get(column));
    }
    return new Pipeline(columns, List.of()).scanSchema();
  }

  /** The operator for {@code rel}, or null when it does nothing (a Sort without any effect). */
  private Operator operator(RelNode rel, Schema input, IntUnaryOperator mapping) {
    RexToExpr rex = new RexToExpr(rexBuilder, mapping);
    if (rel instanceof LogicalFilter filter) {
      return filter(rex.translateAs(filter.getCondition(), ValueType.BOOL));
    }
    if (rel instanceof LogicalProject project) {
      List<NamedExpr> exprs = new ArrayList<>();
      List<RelDataTypeField> fields = project.getRowType().getFieldList();
      for (int i = 0; i < fields.size(); i++) {
        exprs.add(named(fields.get(i).getName(), rex.translate(project.getProjects().get(i))));
      }
      return project(exprs);
    }
    if (rel instanceof LogicalAggregate aggregate) {
      return AggregateTranslation.aggregate(aggregate, input, mapping);
    }
    if (rel instanceof LogicalSort sort) {
      return sort(sort, mapping);
    }
    throw BuzzException.unsupported(describe(rel) + " is not supported");
  }

  private static Operator sort(LogicalSort sort, IntUnaryOperator mapping) {
    long offset = sort.offset == null ? 0 : rowCount(sort.offset, "OFFSET");
    boolean hasFetch = sort.fetch != null;
    long fetch = hasFetch ? rowCount(sort.fetch, "LIMIT") : 0;
    List<RelFieldCollation> collations = sort.getCollation().getFieldCollations();
    if (collations.isEmpty()) {
      if (offset == 0 && !hasFetch) {
        return null;
      }
      Limit.Builder limit = Limit.newBuilder().setOffset(offset);
      if (hasFetch) {
        limit.setFetch(fetch);
      }
      return Operator.newBuilder().setLimit(limit).build();
    }
    Sort.Builder out = Sort.newBuilder().setOffset(offset);
    if (hasFetch) {
      out.setFetch(fetch);
    }
    for (RelFieldCollation collation : collations) {
      out.addKeys(
          SortKey.newBuilder()
              .setColumn(mapping.applyAsInt(collation.getFieldIndex()))
              .setDescending(collation.getDirection().isDescending())
              .setNullsFirst(collation.nullDirection == RelFieldCollation.NullDirection.FIRST));
    }
    return Operator.newBuilder().setSort(out).build();
  }

  private static long rowCount(RexNode node, String clause) {
    if (node instanceof RexLiteral literal) {
      Long value = literal.getValueAs(Long.class);
      if (value != null && value >= 0) {
        return value;
      }
    }
    throw BuzzException.unsupported(clause + " " + node + " is not supported: use a number");
  }

  private static boolean isIdentityProject(Operator operator, Schema input) {
    if (operator.getKindCase() != Operator.KindCase.PROJECT) {
      return false;
    }
    List<NamedExpr> exprs = operator.getProject().getExprsList();
    if (exprs.size() != input.getFieldsCount()) {
      return false;
    }
    for (int i = 0; i < exprs.size(); i++) {
      Expr expr = exprs.get(i).getExpr();
      if (expr.getKindCase() != Expr.KindCase.COLUMN
          || expr.getColumn() != i
          || !exprs.get(i).getName().equals(input.getFields(i).getName())) {
        return false;
      }
    }
    return true;
  }

  private static Operator filter(Expr predicate) {
    return Operator.newBuilder().setFilter(Filter.newBuilder().setPredicate(predicate)).build();
  }

  static Operator project(List<NamedExpr> exprs) {
    return Operator.newBuilder().setProject(Project.newBuilder().addAllExprs(exprs)).build();
  }

  static NamedExpr named(String name, Expr expr) {
    return NamedExpr.newBuilder().setName(name).setExpr(expr).build();
  }

  static String describe(RelNode rel) {
    return "relational operator " + rel.getRelTypeName();
  }
}
