package io.buzz.kernels.operator;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.TakeKernel;
import io.buzz.kernels.expr.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Keeps the rows for which a BOOL predicate is TRUE (not FALSE, not NULL).
 *
 * <p>Two ways to use it. {@link #select} returns the kept rows as a {@link Selection} without
 * copying anything, for an operator that reads only selected rows (a project, an aggregation).
 * {@link #apply} compacts them into a dense batch with {@link TakeKernel}, and returns its input
 * unchanged when every row passes.
 *
 * <p>Runs on the calling thread; not thread-safe. Result buffers come from the allocator given at
 * construction.
 */
public final class FilterOperator implements StreamingOperator {
  private final Schema schema;
  private final Expression predicate;
  private final BufferAllocator allocator;

  public FilterOperator(Schema schema, Expression predicate, BufferAllocator allocator) {
    this.schema = requireNonNull(schema, "schema is null");
    this.predicate = requireNonNull(predicate, "predicate is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (predicate.type() != ColumnType.BOOL) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "filter predicate is " + predicate.type() + ", not BOOL");
    }
  }

  public Expression predicate() {
    return predicate;
  }

  @Override
  public Schema outputSchema() {
    return schema;
  }

  /**
   * The rows of {@code input} where the predicate is TRUE, among those {@code inputSelection} lists
   * (all rows when null), as ascending row indices of {@code input}. Reads {@code input} without
   * taking ownership.
   */
  public Selection select(Batch input, Selection inputSelection) {
    try (FieldVector result = predicate.evaluate(input, inputSelection, allocator)) {
      return selectTrue(result, inputSelection);
    }
  }

  /**
   * Takes ownership of {@code input}; returns the kept rows as a dense batch owned by the caller:
   * {@code input} itself when every row passes, else a compacted copy.
   */
  @Override
  public Batch apply(Batch input) {
    Selection selection;
    try {
      selection = select(input, null);
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
    if (selection.count() == input.rowCount()) {
      return input;
    }
    try (input) {
      return TakeKernel.take(input, selection, allocator);
    }
  }

  /**
   * The positions where a BOOL vector is TRUE, mapped through {@code selection} when it is not null
   * (value {@code i} of the vector belongs to row {@code selection.get(i)}). Scans 64 rows per step
   * and visits only the set bits.
   */
  public static Selection selectTrue(FieldVector predicate, Selection selection) {
    int rows = predicate.getValueCount();
    Selection out = new Selection(rows);
    ArrowBuf validity = predicate.getValidityBuffer();
    ArrowBuf data = predicate.getDataBuffer();
    boolean noNulls = !Vectors.hasNulls(predicate);
    int[] mapping = selection == null ? null : selection.indices();
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      long word = Vectors.word(data, w);
      if (!noNulls) {
        word &= Vectors.word(validity, w);
      }
      int base = w << 6;
      int tail = rows - base;
      if (tail < 64) {
        word &= (1L << tail) - 1;
      }
      while (word != 0) {
        int row = base + Long.numberOfTrailingZeros(word);
        out.add(mapping == null ? row : mapping[row]);
        word &= word - 1;
      }
    }
    return out;
  }
}
