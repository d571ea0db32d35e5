package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.operator.Accumulator;
import io.buzz.kernels.operator.FilterOperator;
import io.buzz.kernels.operator.LimitOperator;
import io.buzz.kernels.operator.ProjectOperator;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Limit;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Project;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.Sort;
import io.buzz.protocol.plan.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A validated, compiled chain of {@link Operator} protos: expressions compiled, indices and types
 * checked against the schema flowing between operators, the output schema derived. Immutable and
 * free of buffers: compile once per plan, {@link #instantiate} once per run (HBee task, HComb
 * query).
 */
final class PipelinePlan {
  /** One compiled operator. */
  sealed interface Step {}

  record FilterStep(Expression predicate) implements Step {}

  record ProjectStep(
      List<Expression> expressions, List<org.apache.arrow.vector.types.pojo.Field> fields)
      implements Step {}

  record AggregateStep(AggregateLayout layout) implements Step {}

  record SortStep(Sort sort) implements Step {}

  record LimitStep(long offset, OptionalLong fetch) implements Step {}

  /** UNION ALL: each branch a plan of streaming steps over the same input. */
  record UnionAllStep(List<PipelinePlan> branches, Schema output) implements Step {}

  /** A scalar subquery: the left branch streaming, the right one ending in one row. */
  record ScalarJoinStep(PipelinePlan left, PipelinePlan right, Schema output, int leftKey)
      implements Step {}

  private final Schema input;
  private final List<Step> steps;
  private final Schema output;

  private PipelinePlan(Schema input, List<Step> steps, Schema output) {
    this.input = input;
    this.steps = List.copyOf(steps);
    this.output = output;
  }

  /**
   * @throws BuzzException INTERNAL (or UNSUPPORTED for a cast the kernels lack) for a broken plan
   */
  static PipelinePlan compile(List<Operator> operators, Schema input) {
    requireNonNull(operators, "operators is null");
    requireNonNull(input, "input is null");
    PlanTypes.columnTypes(input); // every input type is valid
    List<Step> steps = new ArrayList<>(operators.size());
    Schema current = input;
    for (int i = 0; i < operators.size(); i++) {
      String path = "operators[" + i + "]";
      Operator operator = operators.get(i);
      switch (operator.getKindCase()) {
        case FILTER -> {
          Expression predicate =
              ExpressionCompiler.compile(
                  operator.getFilter().getPredicate(), current, path + " (Filter).predicate");
          if (predicate.type() != ColumnType.BOOL) {
            throw invalid(path + " (Filter)", "predicate is " + predicate.type() + ", not BOOL");
          }
          steps.add(new FilterStep(predicate));
        }
        case PROJECT -> {
          ProjectStep step = project(operator.getProject(), current, path + " (Project)");
          steps.add(step);
          current =
              PlanTypes.planSchema(new org.apache.arrow.vector.types.pojo.Schema(step.fields()));
        }
        case AGGREGATE -> {
          AggregateLayout layout =
              AggregateLayout.of(operator.getAggregate(), path + " (Aggregate)");
          layout.checkInput(current, path + " (Aggregate)");
          steps.add(new AggregateStep(layout));
          current = layout.outputSchema();
        }
        case SORT -> steps.add(sort(operator.getSort(), current, path + " (Sort)"));
        case LIMIT -> steps.add(limit(operator.getLimit(), path + " (Limit)"));
        case UNION_ALL -> {
          UnionAllStep step = unionAll(operator.getUnionAll(), current, path + " (UnionAll)");
          steps.add(step);
          current = step.output();
        }
        case SCALAR_JOIN -> {
          ScalarJoinStep step =
              scalarJoin(operator.getScalarJoin(), current, path + " (ScalarJoin)");
          steps.add(step);
          current = step.output();
        }
        case KIND_NOT_SET -> throw invalid(path, "operator has no kind");
      }
    }
    return new PipelinePlan(input, steps, current);
  }

  Schema inputSchema() {
    return input;
  }

  Schema outputSchema() {
    return output;
  }

  List<Step> steps() {
    return steps;
  }

  /**
   * Creates the running pipeline; its accumulators allocate from {@code allocator}. A filter
   * directly followed by a project or an aggregation is fused with it (selection, no copy).
   */
  Pipeline instantiate(BufferAllocator allocator) {
    requireNonNull(allocator, "allocator is null");
    List<PipelineStage> stages = new ArrayList<>(steps.size());
    org.apache.arrow.vector.types.pojo.Schema current = PlanTypes.arrowSchema(input);
    try {
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        Step next = i + 1 < steps.size() ? steps.get(i + 1) : null;
        PipelineStage stage;
        if (step instanceof FilterStep filter) {
          FilterOperator operator = new FilterOperator(current, filter.predicate(), allocator);
          if (next instanceof ProjectStep project) {
            stage = new PipelineStage.ProjectStage(operator, projectOperator(project, allocator));
            i++;
          } else if (next instanceof AggregateStep aggregate) {
            stage = AggregateBinding.stage(aggregate.layout(), current, operator, allocator);
            i++;
          } else {
            stage = new PipelineStage.FilterStage(operator);
          }
        } else if (step instanceof ProjectStep project) {
          stage = new PipelineStage.ProjectStage(null, projectOperator(project, allocator));
        } else if (step instanceof AggregateStep aggregate) {
          stage = AggregateBinding.stage(aggregate.layout(), current, null, allocator);
        } else if (step instanceof UnionAllStep union) {
          stage = unionStage(union, allocator);
        } else if (step instanceof ScalarJoinStep join) {
          stage =
              new ScalarJoinStage(
                  join.left(),
                  join.right(),
                  PlanTypes.arrowSchema(join.output()),
                  join.leftKey(),
                  allocator);
        } else {
          stage = new PipelineStage.AccumulatorStage(accumulator(step, current, allocator));
        }
        stages.add(stage);
        current = stage.outputSchema();
      }
    } catch (RuntimeException e) {
      for (PipelineStage stage : stages) {
        stage.close();
      }
      throw e;
    }
    DictionaryKeys keys = new DictionaryKeys(input, steps);
    return new Pipeline(stages, current, keys.dictionaryKeyColumns(), keys.idsOnlyKeyColumns());
  }

  /** The accumulator of a blocking step (Aggregate, Sort or Limit) reading {@code input}. */
  static Accumulator accumulator(
      Step step, org.apache.arrow.vector.types.pojo.Schema input, BufferAllocator allocator) {
    if (step instanceof AggregateStep aggregate) {
      return AggregateBinding.accumulator(aggregate.layout(), allocator);
    }
    if (step instanceof SortStep sort) {
      return SortBinding.accumulator(sort.sort(), input, allocator);
    }
    if (step instanceof LimitStep limit) {
      return new LimitOperator(input, limit.offset(), limit.fetch(), allocator);
    }
    throw new IllegalArgumentException("not a blocking step: " + step);
  }

  private static ProjectOperator projectOperator(ProjectStep step, BufferAllocator allocator) {
    return new ProjectOperator(step.expressions(), step.fields(), allocator);
  }

  private static ProjectStep project(Project project, Schema current, String path) {
    List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
    List<Expr> exprs = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < project.getExprsCount(); i++) {
      exprs.add(project.getExprs(i).getExpr());
      paths.add(path + ".exprs[" + i + "] (" + project.getExprs(i).getName() + ")");
    }
    // subexpressions the columns share are computed once per batch
    List<Expression> expressions = ExpressionCompiler.compileAll(exprs, current, paths);
    for (int i = 0; i < project.getExprsCount(); i++) {
      NamedExpr named = project.getExprs(i);
      Expression expression = expressions.get(i);
      fields.add(
          new org.apache.arrow.vector.types.pojo.Field(
              named.getName(),
              new org.apache.arrow.vector.types.pojo.FieldType(
                  named.getExpr().getNullable(), expression.arrowType(), null),
              null));
    }
    return new ProjectStep(expressions, fields);
  }

  /**
   * The branches compiled over {@code current}: streaming steps only, the same column types out of
   * each; the output is the first branch's columns, nullable where any branch's is.
   */
  private static UnionAllStep unionAll(
      io.buzz.protocol.plan.UnionAll union, Schema current, String path) {
    if (union.getBranchesCount() < 2) {
      throw invalid(path, "has " + union.getBranchesCount() + " branches, not two or more");
    }
    List<PipelinePlan> branches = new ArrayList<>();
    Schema output = null;
    for (int b = 0; b < union.getBranchesCount(); b++) {
      String where = path + ".branches[" + b + "]";
      PipelinePlan branch = compile(union.getBranches(b).getOperatorsList(), current);
      for (Step step : branch.steps()) {
        if (!(step instanceof FilterStep) && !(step instanceof ProjectStep)) {
          throw invalid(where, "holds " + step.getClass().getSimpleName() + ", not only streaming");
        }
      }
      Schema out = branch.outputSchema();
      if (output == null) {
        output = out;
      } else if (!PlanTypes.arrowTypes(out).equals(PlanTypes.arrowTypes(output))) {
        throw invalid(
            where,
            "outputs " + PlanTypes.arrowTypes(out) + ", not " + PlanTypes.arrowTypes(output));
      } else {
        Schema.Builder merged = output.toBuilder();
        for (int i = 0; i < out.getFieldsCount(); i++) {
          boolean nullable = output.getFields(i).getNullable() || out.getFields(i).getNullable();
          merged.setFields(i, output.getFields(i).toBuilder().setNullable(nullable));
        }
        output = merged.build();
      }
      branches.add(branch);
    }
    return new UnionAllStep(branches, output);
  }

  /** The two branches over {@code current}; the output is the left's columns then the right's. */
  private static ScalarJoinStep scalarJoin(
      io.buzz.protocol.plan.ScalarJoin join, Schema current, String path) {
    PipelinePlan left = compile(join.getLeft().getOperatorsList(), current);
    for (Step step : left.steps()) {
      if (!(step instanceof FilterStep) && !(step instanceof ProjectStep)) {
        throw invalid(path + ".left", "holds " + step.getClass().getSimpleName());
      }
    }
    PipelinePlan right = compile(join.getRight().getOperatorsList(), current);
    Schema.Builder output = Schema.newBuilder();
    output.addAllFields(left.outputSchema().getFieldsList());
    for (Field field : right.outputSchema().getFieldsList()) {
      // a scalar subquery's value is NULL when it has no row
      output.addFields(field.toBuilder().setNullable(!join.hasLeftKey() || field.getNullable()));
    }
    int leftKey = join.hasLeftKey() ? join.getLeftKey() : -1;
    if (join.hasLeftKey()) {
      Schema leftOut = left.outputSchema();
      Schema rightOut = right.outputSchema();
      if (rightOut.getFieldsCount() != 1
          || leftKey < 0
          || leftKey >= leftOut.getFieldsCount()
          || !PlanTypes.arrowTypes(leftOut)
              .get(leftKey)
              .equals(PlanTypes.arrowTypes(rightOut).get(0))) {
        throw invalid(path, "left_key " + leftKey + " does not match the right's one column");
      }
    }
    return new ScalarJoinStep(left, right, output.build(), leftKey);
  }

  private static PipelineStage unionStage(UnionAllStep union, BufferAllocator allocator) {
    List<Pipeline> branches = new ArrayList<>();
    try {
      for (PipelinePlan branch : union.branches()) {
        branches.add(branch.instantiate(allocator));
      }
    } catch (RuntimeException e) {
      branches.forEach(Pipeline::close);
      throw e;
    }
    return new PipelineStage.UnionStage(branches, PlanTypes.arrowSchema(union.output()), allocator);
  }

  static SortStep sort(Sort sort, Schema current, String path) {
    if (sort.getKeysCount() == 0) {
      throw invalid(path, "has no keys");
    }
    for (int k = 0; k < sort.getKeysCount(); k++) {
      SortKey key = sort.getKeys(k);
      if (key.getColumn() < 0 || key.getColumn() >= current.getFieldsCount()) {
        throw invalid(
            path,
            "keys["
                + k
                + "] column "
                + key.getColumn()
                + " is out of range for "
                + current.getFieldsCount()
                + " columns");
      }
    }
    if (sort.getOffset() < 0 || (sort.hasFetch() && sort.getFetch() < 0)) {
      throw invalid(path, "negative offset " + sort.getOffset() + " or fetch " + sort.getFetch());
    }
    return new SortStep(sort);
  }

  static LimitStep limit(Limit limit, String path) {
    if (limit.getOffset() < 0 || (limit.hasFetch() && limit.getFetch() < 0)) {
      throw invalid(path, "negative offset " + limit.getOffset() + " or fetch " + limit.getFetch());
    }
    return new LimitStep(
        limit.getOffset(),
        limit.hasFetch() ? OptionalLong.of(limit.getFetch()) : OptionalLong.empty());
  }

  /** True when two plan schemas have the same column types in the same order. */
  static boolean sameTypes(Schema a, Schema b) {
    if (a.getFieldsCount() != b.getFieldsCount()) {
      return false;
    }
    for (int i = 0; i < a.getFieldsCount(); i++) {
      Field x = a.getFields(i);
      Field y = b.getFields(i);
      if (x.getType() != y.getType()) {
        return false;
      }
    }
    return true;
  }

  static BuzzException invalid(String path, String problem) {
    return new BuzzException(ErrorCode.INTERNAL, "invalid plan: " + path + ": " + problem);
  }
}
