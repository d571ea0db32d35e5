package io.buzz.kernels.expr;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A typed scalar expression evaluated a whole batch at a time: a node evaluates its children into
 * vectors, runs one kernel loop over them, closes them and returns its own vector. Nothing is
 * interpreted row by row.
 *
 * <p>Expressions are immutable plan-time objects: build once, evaluate from any number of threads
 * (each call allocates its own buffers).
 */
public interface Expression {
  /** The type of the values {@link #evaluate} returns. */
  ColumnType type();

  /**
   * The Arrow type of the values {@link #evaluate} returns: {@code type().arrowType()}, except for
   * DECIMAL128, whose precision and scale each decimal-valued expression states.
   */
  default ArrowType arrowType() {
    return type().arrowType();
  }

  /**
   * Evaluates the expression over the rows of {@code input} listed by {@code selection}, or over
   * every row when {@code selection} is null.
   *
   * <p>Returns a dense vector with one value per selected row, in selection order: value {@code i}
   * belongs to row {@code selection.get(i)}. The vector is owned by the caller and allocated from
   * {@code allocator}; it may share buffers with {@code input} (reference counted), so the caller
   * may close {@code input} first. {@code input} and {@code selection} are only read.
   *
   * @throws io.buzz.kernels.KernelException for arithmetic errors, invalid casts and limits
   */
  FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator);

  /** The direct operands, for planning and printing. */
  List<Expression> children();
}
