package io.buzz.kernels.expr;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Casts to UTF8 from every type ({@link Utf8Formatter}) and from UTF8 to INT32, INT64, FLOAT32,
 * FLOAT64, BOOL, DATE32, TIMESTAMP_MICROS and TIME_MICROS ({@link Utf8Parser}). Text that is not a
 * value of the target type throws {@link KernelException.Kind#INVALID_CAST} naming the text; NULL
 * rows are skipped.
 *
 * <p>Stateless and thread-safe; results are owned by the caller.
 */
final class Utf8CastKernels {
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private Utf8CastKernels() {}

  /** Not VARBINARY: bytes are not text, and text has no single byte form DuckDB would agree on. */
  static boolean supports(ColumnType from, ColumnType to) {
    return from != ColumnType.VARBINARY
        && to != ColumnType.VARBINARY
        && (to == ColumnType.UTF8 || from == ColumnType.UTF8);
  }

  static FieldVector toUtf8(FieldVector value, ColumnType from, int rows, BufferAllocator alloc) {
    VarCharVector out = Vectors.allocateUtf8(rows, rows * 12L, alloc);
    try {
      boolean noNulls = !Vectors.hasNulls(value);
      ArrowBuf valid = value.getValidityBuffer();
      ArrowBuf data = value.getDataBuffer();
      byte[] text = new byte[Utf8Formatter.MAX_LENGTH];
      for (int i = 0; i < rows; i++) {
        if (!noNulls && !Vectors.bit(valid, i)) {
          continue;
        }
        switch (from) {
          case BOOL -> {
            byte[] word = Vectors.bit(data, i) ? TRUE : FALSE;
            out.setSafe(i, word, 0, word.length);
          }
          case INT32 ->
              out.setSafe(
                  i, text, 0, Utf8Formatter.formatLong(data.getInt((long) i << 2), text, 0));
          case INT64 ->
              out.setSafe(
                  i, text, 0, Utf8Formatter.formatLong(data.getLong((long) i << 3), text, 0));
          case FLOAT64 -> {
            byte[] formatted =
                Utf8Formatter.formatDouble(data.getDouble((long) i << 3))
                    .getBytes(StandardCharsets.US_ASCII);
            out.setSafe(i, formatted, 0, formatted.length);
          }
          case FLOAT32 -> {
            byte[] formatted =
                Utf8Formatter.formatFloat(data.getFloat((long) i << 2))
                    .getBytes(StandardCharsets.US_ASCII);
            out.setSafe(i, formatted, 0, formatted.length);
          }
          case DATE32 ->
              out.setSafe(
                  i, text, 0, Utf8Formatter.formatDate(data.getInt((long) i << 2), text, 0));
          case TIMESTAMP_MICROS ->
              out.setSafe(
                  i, text, 0, Utf8Formatter.formatTimestamp(data.getLong((long) i << 3), text, 0));
          case TIME_MICROS ->
              out.setSafe(
                  i, text, 0, Utf8Formatter.formatTime(data.getLong((long) i << 3), text, 0));
          case UTF8, VARBINARY, DECIMAL128 -> throw new IllegalStateException("not here: " + from);
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  static FieldVector fromUtf8(FieldVector value, ColumnType to, int rows, BufferAllocator alloc) {
    FieldVector out = Vectors.allocate(to, rows, alloc);
    try {
      Vectors.copyValidity(out, value, rows);
      boolean noNulls = !Vectors.hasNulls(value);
      ArrowBuf valid = value.getValidityBuffer();
      ArrowBuf result = out.getDataBuffer();
      Utf8Parser parser = new Utf8Parser();
      Utf8Cursor cursor = new Utf8Cursor((org.apache.arrow.vector.BaseVariableWidthVector) value);
      for (int i = 0; i < rows; i++) {
        if (!noNulls && !Vectors.bit(valid, i)) {
          continue;
        }
        int length = cursor.load(i);
        byte[] text = cursor.bytes();
        boolean parsed =
            switch (to) {
              case INT32 ->
                  parser.parseInteger(text, 0, length, Integer.MIN_VALUE, Integer.MAX_VALUE);
              case INT64 -> parser.parseInteger(text, 0, length, Long.MIN_VALUE, Long.MAX_VALUE);
              case FLOAT64 -> parser.parseDouble(text, 0, length);
              case FLOAT32 -> parser.parseFloat(text, 0, length);
              case BOOL -> parser.parseBool(text, 0, length);
              case DATE32 -> parser.parseDate(text, 0, length);
              case TIMESTAMP_MICROS -> parser.parseTimestamp(text, 0, length);
              case TIME_MICROS -> parser.parseTime(text, 0, length);
              case UTF8, VARBINARY, DECIMAL128 ->
                  throw new IllegalStateException("not here: " + to);
            };
        if (!parsed) {
          throw new KernelException(
              KernelException.Kind.INVALID_CAST,
              "could not convert string '"
                  + new String(text, 0, length, StandardCharsets.UTF_8)
                  + "' to "
                  + to);
        }
        switch (to) {
          case INT32, DATE32 -> result.setInt((long) i << 2, (int) parser.longValue);
          case INT64, TIMESTAMP_MICROS, TIME_MICROS ->
              result.setLong((long) i << 3, parser.longValue);
          case FLOAT64 -> result.setDouble((long) i << 3, parser.doubleValue);
          case FLOAT32 -> result.setFloat((long) i << 2, (float) parser.doubleValue);
          case BOOL -> Vectors.putBit(result, i, parser.longValue != 0);
          case UTF8, VARBINARY, DECIMAL128 -> throw new IllegalStateException("unreachable");
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
