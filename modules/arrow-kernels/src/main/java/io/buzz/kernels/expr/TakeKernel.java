package io.buzz.kernels.expr;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Gather ("take"): copies the rows a {@link Selection} lists into a new dense vector, for every
 * {@link ColumnType}. This is how a filter's selection becomes a compact batch, and how an
 * expression reads a column under a selection.
 *
 * <p>Fixed widths copy 4, 8 or 16 bytes per row; BOOL and validity bitmaps are gathered 64 rows per
 * output word; UTF8 sizes the output exactly in a first pass, then copies each value's bytes. A
 * source without NULLs takes the fast path that sets the whole output bitmap valid.
 *
 * <p>Stateless and thread-safe. Results are owned by the caller; sources are only read.
 */
public final class TakeKernel {
  private TakeKernel() {}

  /**
   * The selected rows of every column of {@code input}, as a new batch with the same schema owned
   * by the caller. {@code input} is only read.
   */
  public static Batch take(Batch input, Selection selection, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>(input.columnCount());
    try {
      for (int c = 0; c < input.columnCount(); c++) {
        input.requireValues(c, "TakeKernel.take");
        columns.add(take(input.column(c), selection, allocator));
      }
    } catch (RuntimeException e) {
      for (FieldVector column : columns) {
        column.close();
      }
      throw e;
    }
    return new Batch(input.schema(), columns, selection.count());
  }

  /**
   * The rows {@code selection} lists of {@code source}, as a new vector with the source's field,
   * owned by the caller.
   */
  public static FieldVector take(
      FieldVector source, Selection selection, BufferAllocator allocator) {
    ColumnType type = ColumnType.of(source.getField().getType());
    int rows = selection.count();
    int[] indices = selection.indices();
    if (type.isVariableWidth()) {
      return takeUtf8((BaseVariableWidthVector) source, indices, rows, allocator);
    }
    FieldVector out = Vectors.allocate(source.getField(), rows, allocator);
    try {
      if (!Vectors.hasNulls(source)) {
        Vectors.setAllValid(out, rows);
      } else {
        gatherBits(source.getValidityBuffer(), indices, rows, out.getValidityBuffer());
      }
      ArrowBuf from = source.getDataBuffer();
      ArrowBuf to = out.getDataBuffer();
      switch (type) {
        case BOOL -> gatherBits(from, indices, rows, to);
        case INT32, DATE32, FLOAT32 -> {
          for (int i = 0; i < rows; i++) {
            to.setInt((long) i << 2, from.getInt((long) indices[i] << 2));
          }
        }
        case INT64, FLOAT64, TIMESTAMP_MICROS, TIME_MICROS -> {
          for (int i = 0; i < rows; i++) {
            to.setLong((long) i << 3, from.getLong((long) indices[i] << 3));
          }
        }
        case DECIMAL128 -> {
          for (int i = 0; i < rows; i++) {
            long at = (long) indices[i] << 4;
            to.setLong((long) i << 4, from.getLong(at));
            to.setLong(((long) i << 4) + 8, from.getLong(at + 8));
          }
        }
        case UTF8, VARBINARY -> throw new IllegalStateException("unreachable");
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * Gathers bits {@code indices[0..rows)} of {@code from} into bits {@code 0..rows} of {@code to}.
   */
  static void gatherBits(ArrowBuf from, int[] indices, int rows, ArrowBuf to) {
    int words = Vectors.words(rows);
    for (int w = 0; w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long word = 0;
      for (int j = 0; j < end; j++) {
        int row = indices[base + j];
        word |= (long) ((from.getByte(row >>> 3) >>> (row & 7)) & 1) << j;
      }
      Vectors.putWord(to, w, word, rows);
    }
  }

  private static FieldVector takeUtf8(
      BaseVariableWidthVector source, int[] indices, int rows, BufferAllocator allocator) {
    ArrowBuf offsets = source.getOffsetBuffer();
    long bytes = 0;
    for (int i = 0; i < rows; i++) {
      long at = (long) indices[i] << 2;
      bytes += offsets.getInt(at + 4) - offsets.getInt(at);
    }
    BaseVariableWidthVector out =
        Vectors.allocateVariableWidth(source.getField(), rows, bytes, allocator);
    try {
      if (!Vectors.hasNulls(source)) {
        Vectors.setAllValid(out, rows);
      } else {
        gatherBits(source.getValidityBuffer(), indices, rows, out.getValidityBuffer());
      }
      ArrowBuf data = source.getDataBuffer();
      ArrowBuf outOffsets = out.getOffsetBuffer();
      ArrowBuf outData = out.getDataBuffer();
      int position = 0;
      outOffsets.setInt(0, 0);
      for (int i = 0; i < rows; i++) {
        long at = (long) indices[i] << 2;
        int start = offsets.getInt(at);
        int length = offsets.getInt(at + 4) - start;
        if (length > 0) {
          outData.setBytes(position, data, start, length);
        }
        position += length;
        outOffsets.setInt((long) (i + 1) << 2, position);
      }
      out.setLastSet(rows - 1);
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
