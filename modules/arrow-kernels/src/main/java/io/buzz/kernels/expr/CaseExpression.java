package io.buzz.kernels.expr;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] ELSE e END}.
 *
 * <p>Lazy like SQL: condition {@code k} is evaluated only over the rows no earlier condition took
 * (a NULL condition does not take a row), and each value only over the rows its condition took, so
 * {@code CASE WHEN x = 0 THEN 0 ELSE 10 / x END} never divides by zero. Rows travel between
 * branches as {@link Selection}s of input rows plus their output positions; {@link
 * InterleaveKernel} assembles the branches' dense results in row order. When one branch takes every
 * row its result is returned as is.
 */
public final class CaseExpression implements Expression {
  private final List<Expression> conditions;
  private final List<Expression> values;
  private final Expression otherwise;
  private final ColumnType type;

  public CaseExpression(
      List<Expression> conditions, List<Expression> values, Expression otherwise) {
    this.conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
    this.values = List.copyOf(requireNonNull(values, "values is null"));
    this.otherwise = requireNonNull(otherwise, "otherwise is null");
    this.type = otherwise.type();
    if (this.conditions.isEmpty() || this.conditions.size() != this.values.size()) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "CASE needs one or more WHEN conditions, each with a value; got "
              + this.conditions.size()
              + " conditions and "
              + this.values.size()
              + " values");
    }
    for (int k = 0; k < this.conditions.size(); k++) {
      if (this.conditions.get(k).type() != ColumnType.BOOL) {
        throw new KernelException(
            KernelException.Kind.UNSUPPORTED,
            "CASE condition " + (k + 1) + " is " + this.conditions.get(k).type() + ", not BOOL");
      }
      if (!this.values.get(k).arrowType().equals(otherwise.arrowType())) {
        throw new KernelException(
            KernelException.Kind.UNSUPPORTED,
            "CASE value "
                + (k + 1)
                + " is "
                + this.values.get(k).arrowType()
                + ", ELSE is "
                + otherwise.arrowType());
      }
    }
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ArrowType arrowType() {
    return otherwise.arrowType();
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    int branches = conditions.size() + 1;
    FieldVector[] results = new FieldVector[branches];
    int[] sourceOf = new int[rows];
    int[] indexIn = new int[rows];
    Selection pending = selection;
    int[] positions = null; // output positions of pending rows; null while all rows are pending
    int pendingCount = rows;
    try {
      for (int k = 0; k < conditions.size() && pendingCount > 0; k++) {
        Selection taken = new Selection(pendingCount);
        Selection rest = new Selection(pendingCount);
        int[] takenPositions = new int[pendingCount];
        int[] restPositions = new int[pendingCount];
        try (FieldVector condition = conditions.get(k).evaluate(input, pending, allocator)) {
          ArrowBuf validity = condition.getValidityBuffer();
          ArrowBuf data = condition.getDataBuffer();
          boolean noNulls = !Vectors.hasNulls(condition);
          for (int i = 0; i < pendingCount; i++) {
            int row = pending == null ? i : pending.get(i);
            int position = positions == null ? i : positions[i];
            if ((noNulls || Vectors.bit(validity, i)) && Vectors.bit(data, i)) {
              takenPositions[taken.count()] = position;
              taken.add(row);
            } else {
              restPositions[rest.count()] = position;
              rest.add(row);
            }
          }
        }
        if (taken.count() == rows) {
          return values.get(k).evaluate(input, pending, allocator);
        }
        if (taken.count() > 0) {
          results[k] = values.get(k).evaluate(input, taken, allocator);
          for (int j = 0; j < taken.count(); j++) {
            sourceOf[takenPositions[j]] = k;
            indexIn[takenPositions[j]] = j;
          }
        }
        pending = rest;
        positions = restPositions;
        pendingCount = rest.count();
      }
      if (pendingCount == rows) {
        return otherwise.evaluate(input, selection, allocator);
      }
      if (pendingCount > 0) {
        results[branches - 1] = otherwise.evaluate(input, pending, allocator);
        for (int j = 0; j < pendingCount; j++) {
          sourceOf[positions[j]] = branches - 1;
          indexIn[positions[j]] = j;
        }
      }
      return InterleaveKernel.interleave(arrowType(), results, sourceOf, indexIn, rows, allocator);
    } finally {
      for (FieldVector result : results) {
        if (result != null) {
          result.close();
        }
      }
    }
  }

  @Override
  public List<Expression> children() {
    List<Expression> children = new ArrayList<>(conditions.size() * 2 + 1);
    for (int k = 0; k < conditions.size(); k++) {
      children.add(conditions.get(k));
      children.add(values.get(k));
    }
    children.add(otherwise);
    return children;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("CASE");
    for (int k = 0; k < conditions.size(); k++) {
      text.append(" WHEN ").append(conditions.get(k)).append(" THEN ").append(values.get(k));
    }
    return text.append(" ELSE ").append(otherwise).append(" END").toString();
  }
}
