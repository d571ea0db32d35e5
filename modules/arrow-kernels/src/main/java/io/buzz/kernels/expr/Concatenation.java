package io.buzz.kernels.expr;

import io.buzz.kernels.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows of several batches of the same column types, one batch after another, as one batch
 * (UNION ALL): one copy per column through {@link InterleaveKernel}. A single non-empty part is
 * handed on without copying.
 */
public final class Concatenation {
  private Concatenation() {}

  /**
   * One batch of {@code schema} (names and nullability; the parts' column types) holding the rows
   * of {@code parts} in order. Takes ownership of the parts; the result is owned by the caller.
   */
  public static Batch concat(Schema schema, List<Batch> parts, BufferAllocator allocator) {
    try {
      int rows = 0;
      Batch only = null;
      int nonEmpty = 0;
      for (Batch part : parts) {
        rows += part.rowCount();
        if (part.rowCount() > 0) {
          only = part;
          nonEmpty++;
        }
      }
      if (nonEmpty <= 1) {
        // handed on without a copy (closing it again below does nothing)
        return (only == null ? parts.get(0) : only).renamedTo(schema, allocator);
      }
      int[] sourceOf = new int[rows];
      int[] indexIn = new int[rows];
      int at = 0;
      for (int p = 0; p < parts.size(); p++) {
        for (int r = 0; r < parts.get(p).rowCount(); r++, at++) {
          sourceOf[at] = p;
          indexIn[at] = r;
        }
      }
      List<FieldVector> columns = new ArrayList<>(schema.getFields().size());
      try {
        for (int c = 0; c < schema.getFields().size(); c++) {
          FieldVector[] sources = new FieldVector[parts.size()];
          for (int p = 0; p < parts.size(); p++) {
            parts.get(p).requireValues(c, "a concatenation");
            sources[p] = parts.get(p).column(c);
          }
          FieldVector joined =
              InterleaveKernel.interleave(
                  sources[0].getField().getType(), sources, sourceOf, indexIn, rows, allocator);
          try (joined) {
            columns.add(Batch.moved(joined, schema.getFields().get(c), allocator));
          }
        }
      } catch (RuntimeException e) {
        columns.forEach(FieldVector::close);
        throw e;
      }
      return new Batch(schema, columns, rows);
    } finally {
      parts.forEach(Batch::close);
    }
  }
}
