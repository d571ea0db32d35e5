package io.buzz.kernels.expr;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A subexpression that occurs several times in one projection ({@code ABS(x)} in {@code ABS(x)},
 * {@code SQRT(ABS(x))} and {@code LN(ABS(x) + 1)}): computed once per batch and selection, each use
 * getting a view that shares the result's buffers. The {@link
 * io.buzz.kernels.operator.ProjectOperator} that holds it calls {@link #release} after each batch.
 * What it keeps is per thread, so one compiled plan may run on several threads at once.
 */
public final class SharedExpression implements Expression {
  private final Expression inner;

  /**
   * The result for the batch being projected, per thread: a compiled plan may run in several
   * pipelines at once, each confined to its thread for the length of a batch.
   */
  private final ThreadLocal<Kept> kept = ThreadLocal.withInitial(Kept::new);

  private static final class Kept {
    Batch input;
    Selection selection;
    FieldVector result;
  }

  public SharedExpression(Expression inner) {
    this.inner = requireNonNull(inner, "inner is null");
  }

  @Override
  public ColumnType type() {
    return inner.type();
  }

  @Override
  public ArrowType arrowType() {
    return inner.arrowType();
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    Kept mine = kept.get();
    if (mine.result == null || input != mine.input || selection != mine.selection) {
      release();
      mine.result = inner.evaluate(input, selection, allocator);
      mine.input = input;
      mine.selection = selection;
    }
    TransferPair view = mine.result.getTransferPair(allocator);
    view.splitAndTransfer(0, mine.result.getValueCount());
    return (FieldVector) view.getTo();
  }

  /** Drops the result this thread kept for its last batch. */
  public void release() {
    Kept mine = kept.get();
    if (mine.result != null) {
      mine.result.close();
      mine.result = null;
    }
    mine.input = null;
    mine.selection = null;
  }

  @Override
  public List<Expression> children() {
    return List.of(inner);
  }

  @Override
  public String toString() {
    return inner.toString();
  }
}
