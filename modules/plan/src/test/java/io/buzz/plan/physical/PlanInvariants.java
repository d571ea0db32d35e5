package io.buzz.plan.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.QueryPlan;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.SortKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what plan.proto promises the runtimes: every column reference is in range and typed like
 * the input column, operands of arithmetic, comparisons and CASE share one type, aggregates
 * describe their real input, schemas chain from the scan to the HComb output, and the merge is one
 * of the operators plan.proto allows there.
 */
public final class PlanInvariants {
  private PlanInvariants() {}

  public static void check(QueryPlan plan) {
    HBeePlan hbee = plan.getHbee();
    Set<String> scanned = new HashSet<>();
    Schema.Builder scan = Schema.newBuilder();
    for (ScanColumn column : hbee.getScan().getColumnsList()) {
      assertThat(scanned.add(column.getName())).as("scan column %s twice", column).isTrue();
      assertThat(column.hasParquetColumn() || column.hasPartitionKey()).isTrue();
      scan.addFields(
          Field.newBuilder()
              .setName(column.getName())
              .setType(column.getType())
              .setNullable(column.getNullable()));
    }
    assertThat(hbee.getScan().getColumnsCount()).as("scan reads at least one column").isPositive();
    Schema schema = scan.build();
    List<Operator> hbeeOps = hbee.getOperatorsList();
    for (int i = 0; i < hbeeOps.size(); i++) {
      Operator operator = hbeeOps.get(i);
      if (i < hbeeOps.size() - 1) {
        assertThat(StageRole.of(operator).blocking())
            .as("only the last HBee operator may block: %s", operator)
            .isFalse();
      }
      if (operator.hasAggregate()) {
        assertThat(operator.getAggregate().getMode()).isEqualTo(AggregateMode.PARTIAL);
      }
      schema = checkOperator(operator, schema);
    }
    assertThat(hbee.getOutputSchema()).isEqualTo(schema);
    HCombPlan hcomb = plan.getHcomb();
    assertThat(hcomb.getInputSchema()).isEqualTo(hbee.getOutputSchema());
    schema = hcomb.getInputSchema();
    if (hcomb.hasMerge()) {
      Operator merge = hcomb.getMerge();
      switch (StageRole.of(merge)) {
        case AGGREGATE -> {
          assertThat(merge.getAggregate().getMode()).isEqualTo(AggregateMode.FINAL);
          Operator partial = hbeeOps.get(hbeeOps.size() - 1);
          assertThat(partial.getAggregate().toBuilder().setMode(AggregateMode.FINAL).build())
              .isEqualTo(merge.getAggregate());
          schema = AggregateStateLayout.resultSchema(merge.getAggregate());
        }
        case TOP_N, LIMIT -> schema = checkOperator(merge, schema);
        case SORT, STREAMING -> throw new AssertionError("merge cannot be " + merge);
      }
    }
    for (Operator operator : hcomb.getOperatorsList()) {
      if (operator.hasAggregate()) {
        assertThat(operator.getAggregate().getMode()).isEqualTo(AggregateMode.SINGLE);
      }
      schema = checkOperator(operator, schema);
    }
    assertThat(hcomb.getOutputSchema()).isEqualTo(schema);
  }

  private static Schema checkOperator(Operator operator, Schema input) {
    switch (operator.getKindCase()) {
      case FILTER -> {
        Expr predicate = operator.getFilter().getPredicate();
        checkExpr(predicate, input);
        assertThat(predicate.getType()).isEqualTo(DataType.BOOL);
      }
      case PROJECT -> {
        for (NamedExpr expr : operator.getProject().getExprsList()) {
          assertThat(expr.getName()).isNotEmpty();
          checkExpr(expr.getExpr(), input);
        }
      }
      case AGGREGATE -> {
        Aggregate aggregate = operator.getAggregate();
        assertThat(aggregate.getInputSchema()).isEqualTo(input);
        for (int column : aggregate.getGroupByList()) {
          assertThat(column).isBetween(0, input.getFieldsCount() - 1);
        }
        for (AggregateCall call : aggregate.getCallsList()) {
          assertThat(call.getName()).isNotEmpty();
          if (call.getFunction() != AggregateFunction.COUNT_STAR) {
            assertThat(call.getArgument()).isBetween(0, input.getFieldsCount() - 1);
          }
        }
      }
      case SORT -> {
        for (SortKey key : operator.getSort().getKeysList()) {
          assertThat(key.getColumn()).isBetween(0, input.getFieldsCount() - 1);
        }
      }
      case LIMIT -> assertThat(operator.getLimit().getOffset()).isNotNegative();
      case KIND_NOT_SET -> throw new AssertionError("operator without kind");
    }
    return OperatorSchemas.output(operator, input);
  }

  /** Checks an expression over {@code input}; public for partition filters. */
  public static void checkExpr(Expr expr, Schema input) {
    assertThat(expr.getType()).isNotEqualTo(DataType.DATA_TYPE_UNSPECIFIED);
    switch (expr.getKindCase()) {
      case COLUMN -> {
        assertThat(expr.getColumn()).isBetween(0, input.getFieldsCount() - 1);
        Field field = input.getFields(expr.getColumn());
        assertThat(ValueType.of(expr))
            .as("type of column %s", field.getName())
            .isEqualTo(ValueType.of(field));
        assertThat(expr.getNullable() || !field.getNullable())
            .as("column %s is nullable", field.getName())
            .isTrue();
      }
      case LITERAL -> {}
      case CALL -> checkCall(expr, expr.getCall(), input);
      case KIND_NOT_SET -> throw new AssertionError("expression without kind");
    }
  }

  /** Operands and result share one type (for decimals, one precision and scale). */
  private static void checkArithmetic(Expr expr, Call call) {
    for (Expr arg : call.getArgsList()) {
      assertThat(ValueType.of(arg))
          .as("operand of %s", call.getFunction())
          .isEqualTo(ValueType.of(expr));
    }
    assertThat(expr.getType())
        .isIn(DataType.INT32, DataType.INT64, DataType.FLOAT64, DataType.DECIMAL128);
  }

  private static void checkCall(Expr expr, Call call, Schema input) {
    call.getArgsList().forEach(arg -> checkExpr(arg, input));
    List<Expr> args = call.getArgsList();
    switch (call.getFunction()) {
      case MULTIPLY -> {
        if (expr.getType() == DataType.DECIMAL128) {
          // decimal operands keep their scales, which add up to the product's
          int scale = 0;
          for (Expr arg : args) {
            assertThat(arg.getType()).isEqualTo(DataType.DECIMAL128);
            scale += ValueType.of(arg).scale();
          }
          assertThat(scale).isEqualTo(ValueType.of(expr).scale());
        } else {
          checkArithmetic(expr, call);
        }
      }
      case ADD, SUBTRACT, DIVIDE, MODULO, NEGATE -> checkArithmetic(expr, call);

      case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
        assertThat(args).hasSize(2);
        assertThat(ValueType.of(args.get(0)))
            .as("operands of %s", call.getFunction())
            .isEqualTo(ValueType.of(args.get(1)));
        assertThat(expr.getType()).isEqualTo(DataType.BOOL);
      }
      case AND, OR -> {
        assertThat(args).hasSizeGreaterThanOrEqualTo(2);
        args.forEach(a -> assertThat(a.getType()).isEqualTo(DataType.BOOL));
      }
      case NOT, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> {
        assertThat(args).hasSize(1);
        assertThat(args.get(0).getType()).isEqualTo(DataType.BOOL);
      }
      case IS_NULL, IS_NOT_NULL -> {
        assertThat(args).hasSize(1);
        assertThat(expr.getNullable()).isFalse();
      }
      case CAST -> {
        assertThat(args).hasSize(1);
        assertThat(ValueType.of(args.get(0))).isNotEqualTo(ValueType.of(expr));
      }
      case CASE -> {
        assertThat(args.size() % 2).as("CASE has an ELSE").isEqualTo(1);
        for (int i = 0; i + 1 < args.size(); i += 2) {
          assertThat(args.get(i).getType()).isEqualTo(DataType.BOOL);
          assertThat(ValueType.of(args.get(i + 1))).isEqualTo(ValueType.of(expr));
        }
        assertThat(ValueType.of(args.get(args.size() - 1))).isEqualTo(ValueType.of(expr));
      }
      case EXTRACT_YEAR, EXTRACT_MONTH, EXTRACT_DAY -> {
        assertThat(args.get(0).getType()).isIn(DataType.DATE32, DataType.TIMESTAMP_MICROS);
        assertThat(expr.getType()).isEqualTo(DataType.INT64);
      }
      case EXTRACT_HOUR, EXTRACT_MINUTE, EXTRACT_SECOND -> {
        assertThat(args.get(0).getType())
            .isIn(DataType.DATE32, DataType.TIMESTAMP_MICROS, DataType.TIME_MICROS);
        assertThat(expr.getType()).isEqualTo(DataType.INT64);
      }
      case FUNCTION_UNSPECIFIED, UNRECOGNIZED -> throw new AssertionError("call without function");
    }
  }
}
