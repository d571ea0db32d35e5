package io.buzz.plan.physical;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.plan.Limit;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.QueryPlan;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.Sort;
import io.buzz.protocol.plan.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a {@link QueryPlan} as indented text for {@code --explain} and logs, e.g.
 *
 * <pre>
 * partition filter: (pickup_date &lt;= '2009-01-05')
 * HBee (per file):
 *   scan: payment_type UTF8 NULL &lt;- parquet payment_type
 *   aggregate PARTIAL: group by [payment_type], calls [payment_type_count := COUNT(payment_type)]
 *   output: payment_type UTF8 NULL, payment_type_count INT64
 * HComb (per query):
 *   merge: aggregate FINAL: group by [payment_type], calls [...]
 *   output: ...
 * </pre>
 *
 * Column references are shown by the name of the column in the operator's input.
 */
public final class PlanExplainer {
  private PlanExplainer() {}

  public static String explain(
      QueryPlan plan, Optional<Expr> partitionFilter, Schema partitionSchema) {
    List<String> lines = new ArrayList<>();
    partitionFilter.ifPresent(
        f -> lines.add("partition filter: " + ExprFormatter.format(f, partitionSchema)));
    HBeePlan hbee = plan.getHbee();
    lines.add("HBee (per file):");
    List<String> scanned = new ArrayList<>();
    Schema.Builder scanSchema = Schema.newBuilder();
    for (ScanColumn column : hbee.getScan().getColumnsList()) {
      String source =
          switch (column.getSourceCase()) {
            case PARTITION_KEY -> "partition " + column.getPartitionKey();
            case ROWS_ONLY -> "row count only";
            case PARQUET_COLUMN, SOURCE_NOT_SET -> "parquet " + column.getParquetColumn();
          };
      scanned.add(
          column.getName()
              + " "
              + ValueType.of(column)
              + (column.getNullable() ? " NULL" : "")
              + " <- "
              + source);
      scanSchema.addFields(
          ValueType.of(column)
              .applyTo(Field.newBuilder().setName(column.getName()))
              .setNullable(column.getNullable()));
    }
    lines.add("  scan: " + String.join(", ", scanned));
    Schema schema = scanSchema.build();
    for (Operator operator : hbee.getOperatorsList()) {
      lines.add("  " + operator(operator, schema));
      schema = OperatorSchemas.output(operator, schema);
    }
    lines.add("  output: " + schema(hbee.getOutputSchema()));
    HCombPlan hcomb = plan.getHcomb();
    lines.add("HComb (per query):");
    schema = hcomb.getInputSchema();
    if (hcomb.hasMerge()) {
      lines.add("  merge: " + operator(hcomb.getMerge(), schema));
      schema = OperatorSchemas.output(hcomb.getMerge(), schema);
    } else {
      lines.add("  merge: collect all rows");
    }
    for (Operator operator : hcomb.getOperatorsList()) {
      lines.add("  " + operator(operator, schema));
      schema = OperatorSchemas.output(operator, schema);
    }
    lines.add("  output: " + schema(hcomb.getOutputSchema()));
    return String.join("\n", lines);
  }

  /** One operator on one line, columns named after {@code input}. */
  public static String operator(Operator operator, Schema input) {
    return switch (operator.getKindCase()) {
      case FILTER -> "filter: " + ExprFormatter.format(operator.getFilter().getPredicate(), input);
      case PROJECT -> {
        List<String> exprs = new ArrayList<>();
        for (NamedExpr expr : operator.getProject().getExprsList()) {
          String text = ExprFormatter.format(expr.getExpr(), input);
          exprs.add(text.equals(expr.getName()) ? text : expr.getName() + " := " + text);
        }
        yield "project: " + String.join(", ", exprs);
      }
      case AGGREGATE -> aggregate(operator.getAggregate());
      case SORT -> sort(operator.getSort(), input);
      case LIMIT -> limit(operator.getLimit());
      case UNION_ALL -> unionAll(operator.getUnionAll(), input);
      case SCALAR_JOIN ->
          operator.getScalarJoin().hasLeftKey()
              ? "in join: "
                  + branch(operator.getScalarJoin().getLeft(), input)
                  + " where its column "
                  + (operator.getScalarJoin().getLeftKey() + 1)
                  + " is in "
                  + branch(operator.getScalarJoin().getRight(), input)
              : "scalar join: "
                  + branch(operator.getScalarJoin().getLeft(), input)
                  + " with the one row of "
                  + branch(operator.getScalarJoin().getRight(), input);
      case KIND_NOT_SET -> "<operator without kind>";
    };
  }

  /** {@code union all: [filter: …; project: …] + [project: …]}, a bracket per branch. */
  private static String unionAll(io.buzz.protocol.plan.UnionAll union, Schema input) {
    List<String> branches = new ArrayList<>();
    for (io.buzz.protocol.plan.UnionBranch branch : union.getBranchesList()) {
      branches.add(branch(branch, input));
    }
    return "union all: " + String.join(" + ", branches);
  }

  /** A branch's operators over {@code input}, as {@code [op; op]}. */
  private static String branch(io.buzz.protocol.plan.UnionBranch branch, Schema input) {
    List<String> operators = new ArrayList<>();
    Schema schema = input;
    for (Operator operator : branch.getOperatorsList()) {
      operators.add(operator(operator, schema));
      schema = OperatorSchemas.output(operator, schema);
    }
    return "[" + String.join("; ", operators) + "]";
  }

  private static String aggregate(Aggregate aggregate) {
    Schema input = aggregate.getInputSchema();
    List<String> groups = new ArrayList<>();
    for (int column : aggregate.getGroupByList()) {
      groups.add(ExprFormatter.columnName(column, input));
    }
    List<String> calls = new ArrayList<>();
    for (AggregateCall call : aggregate.getCallsList()) {
      boolean star = call.getFunction() == AggregateFunction.COUNT_STAR;
      String argument = star ? "*" : ExprFormatter.columnName(call.getArgument(), input);
      String function = star ? "COUNT" : call.getFunction().name();
      String distinct = call.getDistinct() ? "DISTINCT " : "";
      String filter =
          call.hasFilter()
              ? " FILTER (WHERE " + ExprFormatter.columnName(call.getFilter(), input) + ")"
              : "";
      String fraction =
          call.getFunction() == AggregateFunction.APPROX_QUANTILE ? ", " + call.getFraction() : "";
      calls.add(
          call.getName() + " := " + function + "(" + distinct + argument + fraction + ")" + filter);
    }
    return "aggregate "
        + aggregate.getMode()
        + ": group by ["
        + String.join(", ", groups)
        + "], calls ["
        + String.join(", ", calls)
        + "]";
  }

  private static String sort(Sort sort, Schema input) {
    List<String> keys = new ArrayList<>();
    for (SortKey key : sort.getKeysList()) {
      keys.add(
          ExprFormatter.columnName(key.getColumn(), input)
              + (key.getDescending() ? " DESC" : " ASC")
              + (key.getNullsFirst() ? " NULLS FIRST" : " NULLS LAST"));
    }
    String text = "sort: " + String.join(", ", keys);
    if (sort.getOffset() != 0) {
      text += " offset " + sort.getOffset();
    }
    if (sort.hasFetch()) {
      text += " fetch " + sort.getFetch();
    }
    return text;
  }

  private static String limit(Limit limit) {
    return "limit: offset "
        + limit.getOffset()
        + (limit.hasFetch() ? " fetch " + limit.getFetch() : " fetch all");
  }

  private static String schema(Schema schema) {
    List<String> fields = new ArrayList<>();
    for (Field field : schema.getFieldsList()) {
      fields.add(
          field.getName() + " " + ValueType.of(field) + (field.getNullable() ? " NULL" : ""));
    }
    return String.join(", ", fields);
  }
}
