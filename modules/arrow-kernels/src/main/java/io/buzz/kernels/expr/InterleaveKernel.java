package io.buzz.kernels.expr;

import io.buzz.kernels.batch.ColumnType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Builds one vector whose row {@code i} is row {@code indexIn[i]} of {@code sources[sourceOf[i]]}:
 * how CASE assembles the values its branches computed for disjoint sets of rows. Sources may be
 * null when no row refers to them. Per row it is an array lookup and one copy, never a virtual
 * call.
 *
 * <p>Stateless and thread-safe; the result is owned by the caller, sources are only read.
 */
final class InterleaveKernel {
  private InterleaveKernel() {}

  static FieldVector interleave(
      ArrowType arrowType,
      FieldVector[] sources,
      int[] sourceOf,
      int[] indexIn,
      int rows,
      BufferAllocator allocator) {
    ColumnType type = ColumnType.of(arrowType);
    int n = sources.length;
    ArrowBuf[] validity = new ArrowBuf[n];
    ArrowBuf[] data = new ArrowBuf[n];
    ArrowBuf[] offsets = new ArrowBuf[n];
    boolean[] noNulls = new boolean[n];
    long bytes = 0;
    for (int s = 0; s < n; s++) {
      if (sources[s] != null) {
        validity[s] = sources[s].getValidityBuffer();
        data[s] = sources[s].getDataBuffer();
        noNulls[s] = !Vectors.hasNulls(sources[s]);
        if (type.isVariableWidth()) {
          offsets[s] = sources[s].getOffsetBuffer();
        }
      }
    }
    if (type.isVariableWidth()) {
      for (int i = 0; i < rows; i++) {
        long at = (long) indexIn[i] << 2;
        ArrowBuf o = offsets[sourceOf[i]];
        bytes += o.getInt(at + 4) - o.getInt(at);
      }
    }
    FieldVector out =
        type.isVariableWidth()
            ? Vectors.allocateVariableWidth(type.field("interleaved", true), rows, bytes, allocator)
            : Vectors.allocate(arrowType, rows, allocator);
    try {
      ArrowBuf outValidity = out.getValidityBuffer();
      for (int w = 0, words = Vectors.words(rows); w < words; w++) {
        int base = w << 6;
        int end = Math.min(64, rows - base);
        long word = 0;
        for (int j = 0; j < end; j++) {
          int s = sourceOf[base + j];
          boolean valid = noNulls[s] || Vectors.bit(validity[s], indexIn[base + j]);
          word |= (valid ? 1L : 0L) << j;
        }
        Vectors.putWord(outValidity, w, word, rows);
      }
      ArrowBuf to = out.getDataBuffer();
      switch (type) {
        case BOOL -> {
          for (int i = 0; i < rows; i++) {
            Vectors.putBit(to, i, Vectors.bit(data[sourceOf[i]], indexIn[i]));
          }
        }
        case INT32, DATE32, FLOAT32 -> {
          for (int i = 0; i < rows; i++) {
            to.setInt((long) i << 2, data[sourceOf[i]].getInt((long) indexIn[i] << 2));
          }
        }
        case INT64, FLOAT64, TIMESTAMP_MICROS, TIME_MICROS -> {
          for (int i = 0; i < rows; i++) {
            to.setLong((long) i << 3, data[sourceOf[i]].getLong((long) indexIn[i] << 3));
          }
        }
        case DECIMAL128 -> {
          for (int i = 0; i < rows; i++) {
            ArrowBuf from = data[sourceOf[i]];
            long at = (long) indexIn[i] << 4;
            to.setLong((long) i << 4, from.getLong(at));
            to.setLong(((long) i << 4) + 8, from.getLong(at + 8));
          }
        }
        case UTF8, VARBINARY -> {
          ArrowBuf outOffsets = out.getOffsetBuffer();
          int position = 0;
          outOffsets.setInt(0, 0);
          for (int i = 0; i < rows; i++) {
            long at = (long) indexIn[i] << 2;
            ArrowBuf o = offsets[sourceOf[i]];
            int start = o.getInt(at);
            int length = o.getInt(at + 4) - start;
            if (length > 0) {
              to.setBytes(position, data[sourceOf[i]], start, length);
            }
            position += length;
            outOffsets.setInt((long) (i + 1) << 2, position);
          }
          ((BaseVariableWidthVector) out).setLastSet(rows - 1);
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
