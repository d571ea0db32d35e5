package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import io.buzz.kernels.batch.DictionaryIds;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies the rows of one chunk of a batch (all rows or selected ones) into reusable {@link
 * DenseColumn}s, once per column per chunk however many readers ask for it. This is the only place
 * that reads Arrow buffers on the aggregation's input side: one tight loop per type, with a
 * no-nulls path (the validity buffer is not read) and a nulls path.
 *
 * <p>Call order: {@link #bind}, then for each chunk {@link #chunk} followed by any number of {@link
 * #values} / {@link #nulls}, then {@link #unbind}. Not thread-safe.
 */
final class ColumnGatherer {
  private final List<ColumnType> types;
  private final DenseColumn[] columns;
  private final int[] valuesEpoch;
  private final int[] nullsEpoch;
  private final int[] nullCounts;
  private int epoch;
  private Batch batch;
  private int[] rows;
  private int from;
  private int count;

  ColumnGatherer(List<ColumnType> types) {
    this.types = List.copyOf(types);
    this.columns = new DenseColumn[types.size()];
    this.valuesEpoch = new int[types.size()];
    this.nullsEpoch = new int[types.size()];
    this.nullCounts = new int[types.size()];
  }

  /**
   * Reads from {@code batch}; {@code rows} holds {@code count} ascending selected row indices, or
   * is null for all rows.
   *
   * @throws IllegalArgumentException when a selected row is outside the batch
   */
  void bind(Batch batch, int[] rows, int count) {
    if (rows != null && count > 0 && (rows[0] < 0 || rows[count - 1] >= batch.rowCount())) {
      throw new IllegalArgumentException(
          "selection [" + rows[0] + " .. " + rows[count - 1] + "] outside " + batch);
    }
    if (rows == null && count > batch.rowCount()) {
      throw new IllegalArgumentException(count + " rows requested from " + batch);
    }
    this.batch = batch;
    this.rows = rows;
    Arrays.fill(nullCounts, -1);
  }

  /** Moves to chunk {@code [from, from + count)} of the selection (or of the rows). */
  void chunk(int from, int count) {
    this.from = from;
    this.count = count;
    epoch++;
  }

  void unbind() {
    batch = null;
    rows = null;
  }

  /**
   * The values and nulls of {@code column} for the current chunk; a string column's from its
   * dictionary when the batch carries its ids.
   */
  DenseColumn values(int column) {
    DenseColumn dense = nulls(column);
    if (valuesEpoch[column] != epoch) {
      valuesEpoch[column] = epoch;
      DictionaryIds ids = dense.type.isVariableWidth() ? batch.dictionary(column) : null;
      if (ids != null) {
        // the same bytes, without reading the vector (which may hold none: Batch.withIdsOnly)
        gatherUtf8(ids, dense);
      } else {
        gatherValues(batch.column(column), dense);
      }
    }
    return dense;
  }

  /** Only the nulls of {@code column} for the current chunk (values are stale). */
  DenseColumn nulls(int column) {
    DenseColumn dense = columns[column];
    if (dense == null) {
      dense = new DenseColumn(types.get(column));
      columns[column] = dense;
    }
    if (nullsEpoch[column] != epoch) {
      nullsEpoch[column] = epoch;
      if (nullCounts[column] < 0) {
        nullCounts[column] = batch.column(column).getNullCount();
      }
      gatherNulls(batch.column(column), nullCounts[column] > 0, dense);
    }
    return dense;
  }

  long memoryBytes() {
    long bytes = 0;
    for (DenseColumn column : columns) {
      if (column != null) {
        bytes += column.memoryBytes();
      }
    }
    return bytes;
  }

  void release() {
    Arrays.fill(columns, null);
  }

  private void gatherNulls(FieldVector vector, boolean vectorHasNulls, DenseColumn dense) {
    dense.count = count;
    dense.hasNulls = vectorHasNulls;
    if (!dense.hasNulls) {
      return;
    }
    if (dense.nulls.length < count) {
      dense.nulls = new boolean[capacity(count)];
    }
    boolean[] nulls = dense.nulls;
    long validity = address(vector.getValidityBuffer(), (vector.getValueCount() + 7) >>> 3);
    boolean any = false;
    for (int i = 0; i < count; i++) {
      int row = rows == null ? from + i : rows[from + i];
      boolean isNull = ((MemoryUtil.getByte(validity + (row >>> 3)) >>> (row & 7)) & 1) == 0;
      nulls[i] = isNull;
      any |= isNull;
    }
    dense.hasNulls = any;
  }

  private void gatherValues(FieldVector vector, DenseColumn dense) {
    int values = vector.getValueCount();
    switch (dense.type) {
      case BOOL -> gatherBits(address(vector.getDataBuffer(), (values + 7) >>> 3), dense);
      case INT32, DATE32 -> gatherInts(address(vector.getDataBuffer(), 4L * values), dense);
      case INT64, TIMESTAMP_MICROS, TIME_MICROS ->
          gatherLongs(address(vector.getDataBuffer(), 8L * values), dense);
      case FLOAT64 -> gatherDoubles(address(vector.getDataBuffer(), 8L * values), dense, false);
      case FLOAT32 -> gatherDoubles(address(vector.getDataBuffer(), 4L * values), dense, true);
      case DECIMAL128 ->
          gatherDecimals(address(vector.getDataBuffer(), (long) Decimal128.WIDTH * values), dense);
      case UTF8, VARBINARY ->
          gatherUtf8(
              address(vector.getOffsetBuffer(), 4L * (values + 1)), vector.getDataBuffer(), dense);
    }
  }

  /**
   * The address of {@code buffer} after checking that it holds {@code bytes} bytes, so that the
   * loops below may read it without per-value bounds checks: every row they read is below the
   * vector's value count ({@link #bind} checks the selection).
   */
  private static long address(ArrowBuf buffer, long bytes) {
    if (bytes > 0 && buffer.capacity() < bytes) {
      throw new IllegalArgumentException(
          "Arrow buffer of " + buffer.capacity() + " bytes, expected at least " + bytes);
    }
    return buffer.memoryAddress();
  }

  private long[] longs(DenseColumn dense) {
    if (dense.longs.length < count) {
      dense.longs = new long[capacity(count)];
    }
    return dense.longs;
  }

  private void gatherBits(long data, DenseColumn dense) {
    long[] out = longs(dense);
    for (int i = 0; i < count; i++) {
      int row = rows == null ? from + i : rows[from + i];
      out[i] = (MemoryUtil.getByte(data + (row >>> 3)) >>> (row & 7)) & 1;
    }
    zeroNulls(dense, out);
  }

  private void gatherInts(long data, DenseColumn dense) {
    long[] out = longs(dense);
    if (rows == null) {
      long base = data + ((long) from << 2);
      for (int i = 0; i < count; i++) {
        out[i] = MemoryUtil.getInt(base + ((long) i << 2));
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = MemoryUtil.getInt(data + ((long) rows[from + i] << 2));
      }
    }
    zeroNulls(dense, out);
  }

  private void gatherLongs(long data, DenseColumn dense) {
    long[] out = longs(dense);
    if (rows == null) {
      long base = data + ((long) from << 3);
      for (int i = 0; i < count; i++) {
        out[i] = MemoryUtil.getLong(base + ((long) i << 3));
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = MemoryUtil.getLong(data + ((long) rows[from + i] << 3));
      }
    }
    zeroNulls(dense, out);
  }

  /** Low words into {@code longs}, high words into {@code highs}. */
  private void gatherDecimals(long data, DenseColumn dense) {
    long[] lows = longs(dense);
    if (dense.highs.length < count) {
      dense.highs = new long[capacity(count)];
    }
    long[] highs = dense.highs;
    for (int i = 0; i < count; i++) {
      int row = rows == null ? from + i : rows[from + i];
      long at = data + (long) row * Decimal128.WIDTH;
      lows[i] = MemoryUtil.getLong(at);
      highs[i] = MemoryUtil.getLong(at + 8);
    }
    zeroNulls(dense, lows);
    zeroNulls(dense, highs);
  }

  /** FLOAT64 values, or FLOAT32 values ({@code single}) widened exactly, into {@code doubles}. */
  private void gatherDoubles(long data, DenseColumn dense, boolean single) {
    if (dense.doubles.length < count) {
      dense.doubles = new double[capacity(count)];
    }
    double[] out = dense.doubles;
    if (single) {
      for (int i = 0; i < count; i++) {
        int row = rows == null ? from + i : rows[from + i];
        out[i] = Float.intBitsToFloat(MemoryUtil.getInt(data + ((long) row << 2)));
      }
    } else if (rows == null) {
      long base = data + ((long) from << 3);
      for (int i = 0; i < count; i++) {
        out[i] = Double.longBitsToDouble(MemoryUtil.getLong(base + ((long) i << 3)));
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = Double.longBitsToDouble(MemoryUtil.getLong(data + ((long) rows[from + i] << 3)));
      }
    }
    if (dense.hasNulls) {
      boolean[] nulls = dense.nulls;
      for (int i = 0; i < count; i++) {
        if (nulls[i]) {
          out[i] = 0;
        }
      }
    }
  }

  private void gatherUtf8(long offsetBuffer, ArrowBuf data, DenseColumn dense) {
    if (dense.offsets.length < count + 1) {
      dense.offsets = new int[capacity(count + 1)];
    }
    int[] offsets = dense.offsets;
    boolean[] nulls = dense.nulls;
    boolean hasNulls = dense.hasNulls;
    offsets[0] = 0;
    long total = 0;
    for (int i = 0; i < count; i++) {
      int row = rows == null ? from + i : rows[from + i];
      int length =
          hasNulls && nulls[i]
              ? 0
              : MemoryUtil.getInt(offsetBuffer + ((long) (row + 1) << 2))
                  - MemoryUtil.getInt(offsetBuffer + ((long) row << 2));
      total = endValue(offsets, i, total + length);
    }
    byte[] bytes = utf8Bytes(dense, total);
    if (rows == null && !hasNulls) {
      int start = MemoryUtil.getInt(offsetBuffer + ((long) from << 2));
      data.getBytes(start, bytes, 0, (int) total);
      return;
    }
    for (int i = 0; i < count; i++) {
      int length = offsets[i + 1] - offsets[i];
      if (length > 0) {
        int row = rows == null ? from + i : rows[from + i];
        data.getBytes(
            MemoryUtil.getInt(offsetBuffer + ((long) row << 2)), bytes, offsets[i], length);
      }
    }
  }

  /** A string column's values from its dictionary: row {@code r}'s is entry {@code ids[r]}. */
  private void gatherUtf8(DictionaryIds ids, DenseColumn dense) {
    if (dense.offsets.length < count + 1) {
      dense.offsets = new int[capacity(count + 1)];
    }
    int[] offsets = dense.offsets;
    int[] rowIds = ids.ids();
    int[] starts = ids.dictionary().offsets();
    byte[] entries = ids.dictionary().bytes();
    offsets[0] = 0;
    long total = 0;
    for (int i = 0; i < count; i++) {
      int id = rowIds[rows == null ? from + i : rows[from + i]];
      total = endValue(offsets, i, total + (id < 0 ? 0 : starts[id + 1] - starts[id]));
    }
    byte[] bytes = utf8Bytes(dense, total);
    for (int i = 0; i < count; i++) {
      int id = rowIds[rows == null ? from + i : rows[from + i]];
      if (id >= 0) {
        System.arraycopy(entries, starts[id], bytes, offsets[i], offsets[i + 1] - offsets[i]);
      }
    }
  }

  /** Ends value {@code i} at byte {@code total}; returns it. */
  private static long endValue(int[] offsets, int i, long total) {
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("more than 2 GiB of UTF8 data in one chunk");
    }
    offsets[i + 1] = (int) total;
    return total;
  }

  /** The column's byte array, grown to hold {@code total} bytes. */
  private byte[] utf8Bytes(DenseColumn dense, long total) {
    if (dense.bytes.length < total) {
      dense.bytes = new byte[capacity((int) total)];
    }
    return dense.bytes;
  }

  private void zeroNulls(DenseColumn dense, long[] out) {
    if (dense.hasNulls) {
      boolean[] nulls = dense.nulls;
      for (int i = 0; i < count; i++) {
        if (nulls[i]) {
          out[i] = 0;
        }
      }
    }
  }

  private static int capacity(int needed) {
    return Math.max(needed, 1024);
  }
}
