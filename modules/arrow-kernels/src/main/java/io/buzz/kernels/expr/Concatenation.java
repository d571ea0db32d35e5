package io.buzz.kernels.expr;

import io.buzz.kernels.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

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
        return renamed(only == null ? parts.get(0) : only, schema, allocator);
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
            sources[p] = parts.get(p).column(c);
          }
          FieldVector joined =
              InterleaveKernel.interleave(
                  sources[0].getField().getType(), sources, sourceOf, indexIn, rows, allocator);
          columns.add(withField(joined, schema.getFields().get(c), allocator));
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

  /** {@code batch}'s columns under {@code schema}'s names and nullability, without copying. */
  private static Batch renamed(Batch batch, Schema schema, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>(batch.columnCount());
    try {
      for (int c = 0; c < batch.columnCount(); c++) {
        columns.add(withField(batch.column(c), schema.getFields().get(c), allocator));
      }
    } catch (RuntimeException e) {
      columns.forEach(FieldVector::close);
      throw e;
    }
    return new Batch(schema, columns, batch.rowCount());
  }

  /** The vector's buffers moved to a vector named and nullable as {@code wanted}. */
  private static FieldVector withField(
      FieldVector vector, Field wanted, BufferAllocator allocator) {
    int count = vector.getValueCount();
    Field field =
        new Field(
            wanted.getName(),
            new FieldType(wanted.isNullable(), vector.getField().getType(), null),
            null);
    TransferPair pair = vector.getTransferPair(field, allocator);
    pair.transfer();
    FieldVector moved = (FieldVector) pair.getTo();
    moved.setValueCount(count);
    return moved;
  }
}
