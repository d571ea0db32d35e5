package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Encodes multi-column group keys as byte rows and decodes stored rows back into vectors. Two rows
 * are byte-equal exactly when their keys are equal (with FLOAT64 and FLOAT32 normalised as in
 * {@link KeyHashing#normalizedBits}), so the hash table compares keys with one {@code
 * Arrays.equals}.
 *
 * <p>Row layout: first every fixed-width column at a fixed offset, as a marker byte (1 = value, 0 =
 * NULL) followed by the little-endian value (zero when NULL: BOOL 1 byte, INT32/DATE32/FLOAT32 4,
 * INT64/FLOAT64/TIMESTAMP_MICROS/TIME_MICROS 8, DECIMAL128 16: low word, then high word); then
 * every UTF8 column in key order as a marker byte, a 4-byte length and the bytes. Encoding runs one
 * loop per column over the chunk.
 *
 * <p>Owns reusable scratch: {@link #rows()} and {@link #rowStarts()} are valid until the next
 * {@link #encode}. Not thread-safe.
 */
final class KeyRowCodec {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final ColumnType[] types;

  /** Offset of each fixed-width column's marker within a row; -1 for UTF8 columns. */
  private final int[] fixedOffsets;

  private final int fixedWidth;
  private final int utf8Count;
  private byte[] rows = new byte[0];
  private int[] rowStarts = new int[1];
  private int[] cursors = new int[0];

  KeyRowCodec(List<ColumnType> keyTypes) {
    this.types = keyTypes.toArray(new ColumnType[0]);
    this.fixedOffsets = new int[types.length];
    int width = 0;
    int utf8 = 0;
    for (int k = 0; k < types.length; k++) {
      if (types[k].isVariableWidth()) {
        fixedOffsets[k] = -1;
        utf8++;
      } else {
        fixedOffsets[k] = width;
        width += 1 + Math.max(types[k].byteWidth(), 1);
      }
    }
    this.fixedWidth = width;
    this.utf8Count = utf8;
  }

  /** The encoded rows of the last {@link #encode}: row i is {@code rows[rowStarts[i], [i+1])}. */
  byte[] rows() {
    return rows;
  }

  int[] rowStarts() {
    return rowStarts;
  }

  /** Encodes the first {@code n} rows of the key columns. */
  void encode(DenseColumn[] keys, int n) {
    if (rowStarts.length < n + 1) {
      rowStarts = new int[Math.max(n + 1, 1025)];
      cursors = new int[rowStarts.length];
    }
    int[] starts = rowStarts;
    starts[0] = 0;
    if (utf8Count == 0) {
      for (int i = 0; i < n; i++) {
        starts[i + 1] = (i + 1) * fixedWidth;
      }
    } else {
      int[] lengths = cursors;
      int base = fixedWidth + 5 * utf8Count;
      for (int i = 0; i < n; i++) {
        lengths[i] = base;
      }
      for (int k = 0; k < types.length; k++) {
        if (types[k].isVariableWidth()) {
          int[] offsets = keys[k].offsets;
          for (int i = 0; i < n; i++) {
            lengths[i] += offsets[i + 1] - offsets[i];
          }
        }
      }
      long total = 0;
      for (int i = 0; i < n; i++) {
        total += lengths[i];
        if (total > Integer.MAX_VALUE - 16) {
          throw new KernelException(
              KernelException.Kind.LIMIT_EXCEEDED, "group keys of one chunk exceed 2 GiB");
        }
        starts[i + 1] = (int) total;
      }
    }
    if (rows.length < starts[n]) {
      rows = new byte[Math.max(starts[n], 2 * rows.length)];
    }
    for (int k = 0; k < types.length; k++) {
      if (fixedOffsets[k] >= 0) {
        encodeFixed(keys[k], fixedOffsets[k], n);
      }
    }
    if (utf8Count > 0) {
      for (int i = 0; i < n; i++) {
        cursors[i] = starts[i] + fixedWidth;
      }
      for (int k = 0; k < types.length; k++) {
        if (fixedOffsets[k] < 0) {
          encodeUtf8(keys[k], n);
        }
      }
    }
  }

  private void encodeFixed(DenseColumn column, int offset, int n) {
    byte[] out = rows;
    int[] starts = rowStarts;
    boolean hasNulls = column.hasNulls;
    boolean[] nulls = column.nulls;
    switch (column.type) {
      case BOOL -> {
        long[] values = column.longs;
        for (int i = 0; i < n; i++) {
          int p = starts[i] + offset;
          out[p] = (byte) (hasNulls && nulls[i] ? 0 : 1);
          out[p + 1] = (byte) values[i];
        }
      }
      case INT32, DATE32 -> {
        long[] values = column.longs;
        for (int i = 0; i < n; i++) {
          int p = starts[i] + offset;
          out[p] = (byte) (hasNulls && nulls[i] ? 0 : 1);
          INT_LE.set(out, p + 1, (int) values[i]);
        }
      }
      case INT64, TIMESTAMP_MICROS, TIME_MICROS -> {
        long[] values = column.longs;
        for (int i = 0; i < n; i++) {
          int p = starts[i] + offset;
          out[p] = (byte) (hasNulls && nulls[i] ? 0 : 1);
          LONG_LE.set(out, p + 1, values[i]);
        }
      }
      case FLOAT64 -> {
        double[] values = column.doubles;
        for (int i = 0; i < n; i++) {
          int p = starts[i] + offset;
          out[p] = (byte) (hasNulls && nulls[i] ? 0 : 1);
          LONG_LE.set(out, p + 1, KeyHashing.normalizedBits(values[i]));
        }
      }
      case FLOAT32 -> {
        double[] values = column.doubles;
        for (int i = 0; i < n; i++) {
          int p = starts[i] + offset;
          out[p] = (byte) (hasNulls && nulls[i] ? 0 : 1);
          INT_LE.set(out, p + 1, KeyHashing.normalizedFloatBits(values[i]));
        }
      }
      case DECIMAL128 -> {
        long[] lows = column.longs;
        long[] highs = column.highs;
        for (int i = 0; i < n; i++) {
          int p = starts[i] + offset;
          out[p] = (byte) (hasNulls && nulls[i] ? 0 : 1);
          LONG_LE.set(out, p + 1, lows[i]);
          LONG_LE.set(out, p + 9, highs[i]);
        }
      }
      case UTF8, VARBINARY ->
          throw new KernelException(KernelException.Kind.INTERNAL, column.type + " as fixed key");
    }
  }

  private void encodeUtf8(DenseColumn column, int n) {
    byte[] out = rows;
    int[] cur = cursors;
    byte[] bytes = column.bytes;
    int[] offsets = column.offsets;
    boolean hasNulls = column.hasNulls;
    boolean[] nulls = column.nulls;
    for (int i = 0; i < n; i++) {
      int p = cur[i];
      int start = offsets[i];
      int length = offsets[i + 1] - start;
      out[p] = (byte) (hasNulls && nulls[i] ? 0 : 1);
      INT_LE.set(out, p + 1, length);
      System.arraycopy(bytes, start, out, p + 5, length);
      cur[i] = p + 5 + length;
    }
  }

  /**
   * Appends one vector per key column with the keys of the rows {@code [from, to)} stored in {@code
   * arena} at {@code starts}. On failure, vectors already appended to {@code out} are the caller's
   * to close.
   */
  void decode(
      byte[] arena,
      int[] starts,
      int from,
      int to,
      List<Field> keyFields,
      BufferAllocator allocator,
      List<FieldVector> out) {
    int count = to - from;
    int[] cursor = new int[count];
    for (int i = 0; i < count; i++) {
      cursor[i] = starts[from + i] + fixedWidth;
    }
    long[] valid = new long[(count + 63) >>> 6];
    for (int k = 0; k < types.length; k++) {
      Arrays.fill(valid, 0);
      int offset = fixedOffsets[k];
      if (offset < 0) {
        int[] valueStarts = new int[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
          int p = cursor[i];
          int length = (int) INT_LE.get(arena, p + 1);
          if (arena[p] != 0) {
            GroupBits.set(valid, i);
          }
          valueStarts[i] = p + 5;
          lengths[i] = length;
          cursor[i] = p + 5 + length;
        }
        out.add(
            StateVectors.fromUtf8(
                keyFields.get(k), arena, valueStarts, lengths, valid, 0, count, allocator));
        continue;
      }
      ColumnType type = types[k];
      if (type == ColumnType.DECIMAL128) {
        out.add(decodeDecimals(arena, starts, from, count, offset, keyFields.get(k), allocator));
        continue;
      }
      long[] values = new long[count];
      for (int i = 0; i < count; i++) {
        int p = starts[from + i] + offset;
        if (arena[p] != 0) {
          GroupBits.set(valid, i);
        }
        values[i] =
            switch (type) {
              case BOOL -> arena[p + 1];
              case INT32, DATE32 -> (int) INT_LE.get(arena, p + 1);
              case INT64, TIMESTAMP_MICROS, TIME_MICROS, FLOAT64 ->
                  (long) LONG_LE.get(arena, p + 1);
              case FLOAT32 ->
                  Double.doubleToRawLongBits(Float.intBitsToFloat((int) INT_LE.get(arena, p + 1)));
              case UTF8, VARBINARY, DECIMAL128 ->
                  throw new KernelException(KernelException.Kind.INTERNAL, type + " as long key");
            };
      }
      out.add(StateVectors.fromLongs(keyFields.get(k), type, values, valid, 0, count, allocator));
    }
  }

  /** The DECIMAL128 key at {@code offset} of rows {@code [from, from + count)}. */
  private static FieldVector decodeDecimals(
      byte[] arena,
      int[] starts,
      int from,
      int count,
      int offset,
      Field field,
      BufferAllocator allocator) {
    long[] lows = new long[count];
    long[] highs = new long[count];
    long[] valid = new long[(count + 63) >>> 6];
    for (int i = 0; i < count; i++) {
      int p = starts[from + i] + offset;
      if (arena[p] != 0) {
        GroupBits.set(valid, i);
      }
      lows[i] = (long) LONG_LE.get(arena, p + 1);
      highs[i] = (long) LONG_LE.get(arena, p + 9);
    }
    return StateVectors.fromDecimals(field, highs, lows, valid, 0, count, allocator);
  }

  long memoryBytes() {
    return rows.length + 4L * rowStarts.length + 4L * cursors.length;
  }

  void release() {
    rows = new byte[0];
    rowStarts = new int[1];
    cursors = new int[0];
  }
}
