package io.buzz.kernels.sort;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The sort keys of a set of rows (the rows of some batches, numbered across them in order), copied
 * into primitive arrays, plus a normalised {@code long} prefix of the first key per row. Comparing
 * two rows compares prefixes and only on a tie (that the prefix cannot settle) walks the typed key
 * columns. Immutable; not tied to the batches' lifetime once built.
 */
final class SortKeys {
  private final KeyColumn[] columns;
  private final long[] prefixes;
  private final boolean exact;
  private final int rowCount;

  private SortKeys(KeyColumn[] columns, int rowCount) {
    this.columns = columns;
    this.rowCount = rowCount;
    this.prefixes = new long[rowCount];
    KeyColumn first = columns[0];
    for (int row = 0; row < rowCount; row++) {
      prefixes[row] = first.prefix(row, 0);
    }
    this.exact = columns.length == 1 && first.prefixIsExact();
  }

  /**
   * Extracts {@code keys} from the rows of {@code batches} (whose layout is {@code schema}),
   * numbered in order.
   */
  static SortKeys extract(List<Batch> batches, List<SortKey> keys, Schema schema) {
    long total = 0;
    for (Batch batch : batches) {
      total += batch.rowCount();
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED, "cannot sort more than 2^31 rows, got " + total);
    }
    int rows = (int) total;
    KeyColumn[] columns = new KeyColumn[keys.size()];
    for (int k = 0; k < columns.length; k++) {
      SortKey key = keys.get(k);
      ArrowType arrowType = schema.getFields().get(key.column()).getType();
      ColumnType type = ColumnType.of(arrowType);
      boolean[] nulls = new boolean[rows];
      boolean hasNulls = false;
      int base = 0;
      for (Batch batch : batches) {
        FieldVector vector = batch.column(key.column());
        if (vector.getNullCount() > 0) {
          hasNulls = true;
          int n = batch.rowCount();
          long validity = address(vector.getValidityBuffer(), (n + 7L) >>> 3);
          for (int r = 0; r < n; r++) {
            nulls[base + r] = ((MemoryUtil.getByte(validity + (r >>> 3)) >>> (r & 7)) & 1) == 0;
          }
        }
        base += batch.rowCount();
      }
      columns[k] =
          switch (type) {
            case UTF8, VARBINARY -> utf8Column(key, batches, nulls, hasNulls, rows);
            case DECIMAL128 ->
                Decimal128.fitsLong(arrowType)
                    ? longColumn(key, type, batches, nulls, hasNulls, rows)
                    : decimalColumn(key, batches, nulls, hasNulls, rows);
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
                longColumn(key, type, batches, nulls, hasNulls, rows);
          };
    }
    return new SortKeys(columns, rows);
  }

  private static KeyColumn longColumn(
      SortKey key,
      ColumnType type,
      List<Batch> batches,
      boolean[] nulls,
      boolean hasNulls,
      int rows) {
    return new LongKeyColumn(key, type, longs(batches, key.column(), type, rows), nulls, hasNulls);
  }

  /** A wide decimal key: both words of every value. */
  private static KeyColumn decimalColumn(
      SortKey key, List<Batch> batches, boolean[] nulls, boolean hasNulls, int rows) {
    long[] highs = new long[rows];
    long[] lows = new long[rows];
    int base = 0;
    for (Batch batch : batches) {
      int n = batch.rowCount();
      long data = address(batch.column(key.column()).getDataBuffer(), (long) Decimal128.WIDTH * n);
      for (int r = 0; r < n; r++) {
        long at = data + (long) r * Decimal128.WIDTH;
        lows[base + r] = MemoryUtil.getLong(at);
        highs[base + r] = MemoryUtil.getLong(at + 8);
      }
      base += n;
    }
    return new DecimalKeyColumn(key, highs, lows, nulls, hasNulls);
  }

  /**
   * The values of a key that fit a long ({@link LongKeyColumn}); a decimal's unscaled value is its
   * low word.
   */
  private static long[] longs(List<Batch> batches, int column, ColumnType type, int rows) {
    long[] values = new long[rows];
    int base = 0;
    for (Batch batch : batches) {
      int n = batch.rowCount();
      ArrowBuf buffer = batch.column(column).getDataBuffer();
      int width = Math.max(type.byteWidth(), 0);
      long data = address(buffer, width == 0 ? (n + 7L) >>> 3 : (long) width * n);
      switch (type) {
        case BOOL -> {
          for (int r = 0; r < n; r++) {
            values[base + r] = (MemoryUtil.getByte(data + (r >>> 3)) >>> (r & 7)) & 1;
          }
        }
        case INT32, DATE32 -> {
          for (int r = 0; r < n; r++) {
            values[base + r] = MemoryUtil.getInt(data + ((long) r << 2));
          }
        }
        case INT64, TIMESTAMP_MICROS, TIME_MICROS -> {
          for (int r = 0; r < n; r++) {
            values[base + r] = MemoryUtil.getLong(data + ((long) r << 3));
          }
        }
        case FLOAT64 -> {
          for (int r = 0; r < n; r++) {
            double value = Double.longBitsToDouble(MemoryUtil.getLong(data + ((long) r << 3)));
            values[base + r] = LongKeyColumn.sortableBits(value);
          }
        }
        case FLOAT32 -> {
          for (int r = 0; r < n; r++) {
            float value = Float.intBitsToFloat(MemoryUtil.getInt(data + ((long) r << 2)));
            values[base + r] = LongKeyColumn.sortableBits(value);
          }
        }
        case DECIMAL128 -> {
          for (int r = 0; r < n; r++) {
            values[base + r] = MemoryUtil.getLong(data + (long) r * Decimal128.WIDTH);
          }
        }
        case UTF8, VARBINARY ->
            throw new KernelException(KernelException.Kind.INTERNAL, type + " as long key");
      }
      base += n;
    }
    return values;
  }

  private static KeyColumn utf8Column(
      SortKey key, List<Batch> batches, boolean[] nulls, boolean hasNulls, int rows) {
    long total = 0;
    for (Batch batch : batches) {
      if (batch.rowCount() > 0) {
        ArrowBuf offsets = batch.column(key.column()).getOffsetBuffer();
        total += offsets.getInt((long) batch.rowCount() << 2) - offsets.getInt(0);
      }
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED, "more than 2 GiB of UTF8 sort keys");
    }
    byte[] bytes = new byte[(int) total];
    int[] offsets = new int[rows + 1];
    int base = 0;
    int position = 0;
    for (Batch batch : batches) {
      int n = batch.rowCount();
      if (n == 0) {
        continue;
      }
      FieldVector vector = batch.column(key.column());
      ArrowBuf source = vector.getOffsetBuffer();
      int start = source.getInt(0);
      int end = source.getInt((long) n << 2);
      vector.getDataBuffer().getBytes(start, bytes, position, end - start);
      for (int r = 0; r < n; r++) {
        offsets[base + r + 1] = position + source.getInt((long) (r + 1) << 2) - start;
      }
      position += end - start;
      base += n;
    }
    return new Utf8KeyColumn(key, bytes, offsets, nulls, hasNulls);
  }

  /**
   * The address of {@code buffer} after checking that it holds {@code bytes} bytes, so that the
   * extraction loops read it without per-value bounds checks.
   */
  private static long address(ArrowBuf buffer, long bytes) {
    if (bytes > 0 && buffer.capacity() < bytes) {
      throw new IllegalArgumentException(
          "Arrow buffer of " + buffer.capacity() + " bytes, expected at least " + bytes);
    }
    return buffer.memoryAddress();
  }

  int rowCount() {
    return rowCount;
  }

  long prefix(int row) {
    return prefixes[row];
  }

  int keyCount() {
    return columns.length;
  }

  KeyColumn column(int key) {
    return columns[key];
  }

  /** True when equal prefixes within this set (and with another exact set) mean equal keys. */
  boolean exact() {
    return exact;
  }

  /** Orders row {@code a} of this set against row {@code b} of {@code other}. */
  int compare(int a, SortKeys other, int b) {
    int c = Long.compare(prefixes[a], other.prefixes[b]);
    if (c != 0 || (exact && other.exact)) {
      return c;
    }
    return compareColumns(a, other, b);
  }

  /** Orders two rows key by key, ignoring the prefix. */
  int compareColumns(int a, SortKeys other, int b) {
    for (int k = 0; k < columns.length; k++) {
      int c = columns[k].compare(a, other.columns[k], b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  long memoryBytes() {
    long bytes = 8L * prefixes.length;
    for (KeyColumn column : columns) {
      bytes += column.memoryBytes();
    }
    return bytes;
  }
}
