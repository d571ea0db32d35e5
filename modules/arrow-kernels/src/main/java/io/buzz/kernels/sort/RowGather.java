package io.buzz.kernels.sort;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Copies rows picked from several batches, in a given order, into a new batch: the "then gather"
 * step of a sort. One typed loop per column copies values buffer to buffer.
 */
final class RowGather {
  private RowGather() {}

  /**
   * A new batch, allocated from {@code allocator} and owned by the caller, holding the rows {@code
   * order[from, from + count)}; rows are numbered across {@code sources} in order, source {@code s}
   * holding rows {@code [starts[s], starts[s + 1])}.
   */
  static Batch gather(
      Schema schema,
      ColumnType[] types,
      List<Batch> sources,
      int[] starts,
      int[] order,
      int from,
      int count,
      BufferAllocator allocator) {
    int[] sourceOf = new int[count];
    int[] rowOf = new int[count];
    for (int o = 0; o < count; o++) {
      int row = order[from + o];
      int source = sourceOf(starts, row);
      sourceOf[o] = source;
      rowOf[o] = row - starts[source];
    }
    List<FieldVector> columns = new ArrayList<>(types.length);
    try {
      for (int c = 0; c < types.length; c++) {
        Field field = schema.getFields().get(c);
        FieldVector[] vectors = new FieldVector[sources.size()];
        for (int s = 0; s < vectors.length; s++) {
          vectors[s] = sources.get(s).column(c);
        }
        columns.add(
            types[c] == ColumnType.UTF8
                ? gatherUtf8(field, vectors, sourceOf, rowOf, count, allocator)
                : gatherFixed(field, types[c], vectors, sourceOf, rowOf, count, allocator));
      }
      return new Batch(schema, columns, count);
    } catch (RuntimeException e) {
      for (FieldVector column : columns) {
        column.close();
      }
      throw e;
    }
  }

  /** The source holding global row {@code row}: the last start at or below it. */
  private static int sourceOf(int[] starts, int row) {
    int low = 0;
    int high = starts.length - 2;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (starts[middle] <= row) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  private static FieldVector gatherFixed(
      Field field,
      ColumnType type,
      FieldVector[] vectors,
      int[] sourceOf,
      int[] rowOf,
      int count,
      BufferAllocator allocator) {
    BaseFixedWidthVector out = (BaseFixedWidthVector) field.createVector(allocator);
    try {
      out.allocateNew(count);
      ArrowBuf outData = out.getDataBuffer();
      ArrowBuf outValidity = out.getValidityBuffer();
      ArrowBuf[] data = new ArrowBuf[vectors.length];
      ArrowBuf[] validity = new ArrowBuf[vectors.length];
      for (int s = 0; s < vectors.length; s++) {
        data[s] = vectors[s].getDataBuffer();
        validity[s] = vectors[s].getValidityBuffer();
      }
      for (int o = 0; o < count; o++) {
        int s = sourceOf[o];
        int r = rowOf[o];
        if (((validity[s].getByte(r >>> 3) >>> (r & 7)) & 1) == 0) {
          continue;
        }
        BitVectorHelper.setBit(outValidity, o);
        switch (type) {
          case BOOL -> {
            if (((data[s].getByte(r >>> 3) >>> (r & 7)) & 1) != 0) {
              BitVectorHelper.setBit(outData, o);
            }
          }
          case INT32, DATE32 -> outData.setInt((long) o << 2, data[s].getInt((long) r << 2));
          case INT64, TIMESTAMP_MICROS, FLOAT64 ->
              outData.setLong((long) o << 3, data[s].getLong((long) r << 3));
          case UTF8 -> throw new KernelException(KernelException.Kind.INTERNAL, "UTF8 as fixed");
        }
      }
      out.setValueCount(count);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static FieldVector gatherUtf8(
      Field field,
      FieldVector[] vectors,
      int[] sourceOf,
      int[] rowOf,
      int count,
      BufferAllocator allocator) {
    long total = 0;
    for (int o = 0; o < count; o++) {
      FieldVector vector = vectors[sourceOf[o]];
      ArrowBuf offsets = vector.getOffsetBuffer();
      int r = rowOf[o];
      total += offsets.getInt((long) (r + 1) << 2) - offsets.getInt((long) r << 2);
    }
    if (total > Integer.MAX_VALUE) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED,
          "more than 2 GiB of UTF8 data in one sorted batch of " + field.getName());
    }
    VarCharVector out = (VarCharVector) field.createVector(allocator);
    try {
      out.allocateNew(Math.max(total, 1), count);
      for (int o = 0; o < count; o++) {
        FieldVector vector = vectors[sourceOf[o]];
        int r = rowOf[o];
        if (!vector.isNull(r)) {
          ArrowBuf offsets = vector.getOffsetBuffer();
          int start = offsets.getInt((long) r << 2);
          int length = offsets.getInt((long) (r + 1) << 2) - start;
          out.set(o, start, length, vector.getDataBuffer());
        }
      }
      out.setValueCount(count);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
