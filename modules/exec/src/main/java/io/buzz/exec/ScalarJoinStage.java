package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.expr.Literal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An uncorrelated scalar subquery over the same input as its query (plan.proto's ScalarJoin): holds
 * every input batch; at the end runs the right branch over all of them to at most one row, then
 * each batch through the left branch, appending the right branch's values as columns (NULLs when it
 * gave no row). An IN subquery instead keeps the left rows whose key is among the right branch's
 * values. The held batches count as the stage's memory.
 */
final class ScalarJoinStage implements PipelineStage.Blocking {
  private final PipelinePlan left;
  private final PipelinePlan right;
  private final Schema outputSchema;
  private final int leftKey;
  private final BufferAllocator allocator;
  private final List<Batch> held = new ArrayList<>();
  private long heldBytes;

  /**
   * @param leftKey for an IN subquery, the left column whose value must be among the right's; -1
   *     for a scalar subquery
   */
  ScalarJoinStage(
      PipelinePlan left,
      PipelinePlan right,
      Schema outputSchema,
      int leftKey,
      BufferAllocator allocator) {
    this.left = requireNonNull(left, "left is null");
    this.right = requireNonNull(right, "right is null");
    this.outputSchema = requireNonNull(outputSchema, "outputSchema is null");
    this.leftKey = leftKey;
    this.allocator = requireNonNull(allocator, "allocator is null");
  }

  @Override
  public Schema outputSchema() {
    return outputSchema;
  }

  @Override
  public void add(Batch input) {
    held.add(input);
    heldBytes += input.sizeInBytes();
  }

  @Override
  public boolean isSaturated() {
    return false;
  }

  @Override
  public long memoryBytes() {
    return heldBytes;
  }

  @Override
  public List<Batch> finish() {
    List<Batch> out = new ArrayList<>();
    try (Pipeline subquery = right.instantiate(allocator);
        Pipeline query = left.instantiate(allocator)) {
      List<Batch> row = new ArrayList<>();
      try {
        for (Batch batch : held) {
          row.addAll(subquery.push(batch.slice(0, batch.rowCount(), allocator)));
        }
        row.addAll(subquery.finish());
        List<Literal> values = leftKey < 0 ? values(row) : null;
        java.util.Set<Literal> keys = leftKey < 0 ? null : keys(row);
        for (int i = 0; i < held.size(); i++) {
          Batch batch = held.get(i);
          held.set(i, null);
          for (Batch projected : query.push(batch)) {
            out.add(values != null ? withValues(projected, values) : matching(projected, keys));
          }
        }
      } finally {
        row.forEach(Batch::close);
      }
      return out;
    } catch (RuntimeException e) {
      out.forEach(Batch::close);
      throw e;
    } finally {
      close();
    }
  }

  /** The subquery's one row as literals (NULLs for no row). */
  private List<Literal> values(List<Batch> rows) {
    int count = 0;
    for (Batch batch : rows) {
      count += batch.rowCount();
    }
    if (count > 1) {
      throw new BuzzException(
          ErrorCode.BAD_QUERY, "a scalar subquery returned " + count + " rows, not one");
    }
    List<Field> fields = outputSchema.getFields();
    int leftWidth = left.outputSchema().getFieldsCount();
    List<Literal> values = new ArrayList<>();
    for (int c = 0; c < fields.size() - leftWidth; c++) {
      Literal value = null;
      for (Batch batch : rows) {
        if (batch.rowCount() == 1) {
          value = Literal.at(batch.column(c), 0);
        }
      }
      values.add(value != null ? value : Literal.nullOf(fields.get(leftWidth + c).getType()));
    }
    return values;
  }

  /** The IN subquery's values, NULL left out (it matches nothing). */
  private static java.util.Set<Literal> keys(List<Batch> rows) {
    java.util.Set<Literal> keys = new java.util.HashSet<>();
    for (Batch batch : rows) {
      for (int r = 0; r < batch.rowCount(); r++) {
        Literal key = Literal.at(batch.column(0), r);
        if (!key.isNull()) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  /** The rows of {@code batch} whose key is in {@code keys}, then the key again. */
  private Batch matching(Batch batch, java.util.Set<Literal> keys) {
    try (batch) {
      batch.requireValues(leftKey, "a scalar join");
      FieldVector key = batch.column(leftKey);
      io.buzz.kernels.batch.Selection kept = new io.buzz.kernels.batch.Selection(batch.rowCount());
      for (int r = 0; r < batch.rowCount(); r++) {
        if (!key.isNull(r) && keys.contains(Literal.at(key, r))) {
          kept.add(r);
        }
      }
      List<io.buzz.kernels.expr.Expression> columns = new ArrayList<>();
      for (int c = 0; c < batch.columnCount(); c++) {
        columns.add(column(batch, c));
      }
      columns.add(column(batch, leftKey));
      io.buzz.kernels.operator.ProjectOperator project =
          new io.buzz.kernels.operator.ProjectOperator(
              columns, outputSchema.getFields(), allocator);
      return project.apply(batch.slice(0, batch.rowCount(), allocator), kept);
    }
  }

  private static io.buzz.kernels.expr.Expression column(Batch batch, int c) {
    return new io.buzz.kernels.expr.ColumnReference(
        c, batch.columnType(c), batch.column(c).getField().getType());
  }

  /** {@code batch}'s columns, then each value repeated; named as the output schema. */
  private Batch withValues(Batch batch, List<Literal> values) {
    try (batch) {
      int rows = batch.rowCount();
      List<FieldVector> columns = new ArrayList<>();
      try {
        for (int c = 0; c < batch.columnCount(); c++) {
          columns.add(Batch.moved(batch.column(c), outputSchema.getFields().get(c), allocator));
        }
        for (int v = 0; v < values.size(); v++) {
          try (FieldVector repeated = values.get(v).evaluate(rows, allocator)) {
            Field field = outputSchema.getFields().get(batch.columnCount() + v);
            columns.add(Batch.moved(repeated, field, allocator));
          }
        }
      } catch (RuntimeException e) {
        columns.forEach(FieldVector::close);
        throw e;
      }
      return new Batch(outputSchema, columns, rows);
    }
  }

  @Override
  public void close() {
    for (Batch batch : held) {
      if (batch != null) {
        batch.close();
      }
    }
    held.clear();
    heldBytes = 0;
  }
}
