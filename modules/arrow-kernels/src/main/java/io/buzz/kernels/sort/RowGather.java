package io.buzz.kernels.sort;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Copies rows picked from several batches, in a given order, into a new batch: the "then gather"
 * step of a sort. One typed loop per column copies values buffer to buffer: bits, or 4, 8 or 16
 * bytes per fixed-width value (DECIMAL128 whatever its precision), offsets and bytes for UTF8.
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
            types[c].isVariableWidth()
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
      long[] data = new long[vectors.length];
      long[] validity = new long[vectors.length];
      int width = Math.max(type.byteWidth(), 0);
      for (int s = 0; s < vectors.length; s++) {
        int values = vectors[s].getValueCount();
        long dataBytes = width == 0 ? (values + 7L) >>> 3 : (long) width * values;
        data[s] = address(vectors[s].getDataBuffer(), dataBytes);
        validity[s] = address(vectors[s].getValidityBuffer(), (values + 7L) >>> 3);
      }
      boolean anyNulls = false;
      for (FieldVector vector : vectors) {
        anyNulls |= vector.getNullCount() > 0;
      }
      // Rows come from SortKeys over these very batches, so every (source, row) is in range.
      long outAddress = address(outData, width == 0 ? (count + 7L) >>> 3 : (long) width * count);
      long outValid = address(outValidity, (count + 7L) >>> 3);
      if (!anyNulls && count > 0) {
        outValidity.setOne(0L, (count + 7L) >>> 3);
      }
      for (int o = 0; o < count; o++) {
        int s = sourceOf[o];
        int r = rowOf[o];
        if (anyNulls) {
          if (((MemoryUtil.getByte(validity[s] + (r >>> 3)) >>> (r & 7)) & 1) == 0) {
            continue;
          }
          long at = outValid + (o >>> 3);
          MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (o & 7))));
        }
        switch (width) {
          case 0 -> {
            if (((MemoryUtil.getByte(data[s] + (r >>> 3)) >>> (r & 7)) & 1) != 0) {
              BitVectorHelper.setBit(outData, o);
            }
          }
          case 4 ->
              MemoryUtil.putInt(
                  outAddress + ((long) o << 2), MemoryUtil.getInt(data[s] + ((long) r << 2)));
          case 8 ->
              MemoryUtil.putLong(
                  outAddress + ((long) o << 3), MemoryUtil.getLong(data[s] + ((long) r << 3)));
          case 16 -> {
            long to = outAddress + ((long) o << 4);
            long at = data[s] + ((long) r << 4);
            MemoryUtil.putLong(to, MemoryUtil.getLong(at));
            MemoryUtil.putLong(to + 8, MemoryUtil.getLong(at + 8));
          }
          default ->
              throw new KernelException(
                  KernelException.Kind.INTERNAL, type + " has no gather for width " + width);
        }
      }
      out.setValueCount(count);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** The address of {@code buffer} after checking that it holds {@code bytes} bytes. */
  private static long address(ArrowBuf buffer, long bytes) {
    if (bytes > 0 && buffer.capacity() < bytes) {
      throw new IllegalArgumentException(
          "Arrow buffer of " + buffer.capacity() + " bytes, expected at least " + bytes);
    }
    return buffer.memoryAddress();
  }

  private static FieldVector gatherUtf8(
      Field field,
      FieldVector[] vectors,
      int[] sourceOf,
      int[] rowOf,
      int count,
      BufferAllocator allocator) {
    long[] offsets = new long[vectors.length];
    long[] data = new long[vectors.length];
    long[] validity = new long[vectors.length];
    for (int s = 0; s < vectors.length; s++) {
      int values = vectors[s].getValueCount();
      offsets[s] = address(vectors[s].getOffsetBuffer(), 4L * (values + 1));
      validity[s] = address(vectors[s].getValidityBuffer(), (values + 7L) >>> 3);
      ArrowBuf buffer = vectors[s].getDataBuffer();
      long bytes = values == 0 ? 0 : MemoryUtil.getInt(offsets[s] + 4L * values);
      data[s] = address(buffer, bytes);
    }
    long total = 0;
    for (int o = 0; o < count; o++) {
      long at = offsets[sourceOf[o]] + ((long) rowOf[o] << 2);
      total += MemoryUtil.getInt(at + 4) - MemoryUtil.getInt(at);
    }
    if (total > Integer.MAX_VALUE) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED,
          "more than 2 GiB of UTF8 data in one sorted batch of " + field.getName());
    }
    BaseVariableWidthVector out = (BaseVariableWidthVector) field.createVector(allocator);
    try {
      out.allocateNew(Math.max(total, 1), count);
      long outOffsets = address(out.getOffsetBuffer(), 4L * (count + 1));
      long outValidity = address(out.getValidityBuffer(), (count + 7L) >>> 3);
      long outData = address(out.getDataBuffer(), total);
      int position = 0;
      MemoryUtil.putInt(outOffsets, 0);
      for (int o = 0; o < count; o++) {
        int s = sourceOf[o];
        int r = rowOf[o];
        if (((MemoryUtil.getByte(validity[s] + (r >>> 3)) >>> (r & 7)) & 1) != 0) {
          long at = offsets[s] + ((long) r << 2);
          int start = MemoryUtil.getInt(at);
          int length = MemoryUtil.getInt(at + 4) - start;
          MemoryUtil.copyMemory(data[s] + start, outData + position, length);
          position += length;
          long bits = outValidity + (o >>> 3);
          MemoryUtil.putByte(bits, (byte) (MemoryUtil.getByte(bits) | (1 << (o & 7))));
        }
        MemoryUtil.putInt(outOffsets + ((long) (o + 1) << 2), position);
      }
      out.setLastSet(count - 1);
      out.setValueCount(count);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
