package io.buzz.kernels.function;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Utf8Cursor;
import io.buzz.kernels.expr.Vectors;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A strict function of one UTF8 operand computed value by value over its bytes: to UTF8 (LOWER,
 * UPPER) or to INT64 (CHAR_LENGTH). NULL stays NULL. One reusable byte buffer per evaluation; no
 * String is made for ASCII values by the functions that have a fast path for them.
 */
public final class Utf8MapExpression implements Expression {
  /** Maps {@code in[0, length)} into {@code out}, which holds at least 3 × length bytes. */
  @FunctionalInterface
  public interface ToUtf8 {
    /** Returns the length written. */
    int map(byte[] in, int length, byte[] out);
  }

  /** Maps {@code in[0, length)} to a number. */
  @FunctionalInterface
  public interface ToInt64 {
    long map(byte[] in, int length);
  }

  private final String name;
  private final Expression operand;
  private final ColumnType type;
  private final ToUtf8 toUtf8;
  private final ToInt64 toInt64;

  private Utf8MapExpression(
      String name, Expression operand, ColumnType type, ToUtf8 toUtf8, ToInt64 toInt64) {
    this.name = requireNonNull(name, "name is null");
    this.operand = requireNonNull(operand, "operand is null");
    this.type = type;
    this.toUtf8 = toUtf8;
    this.toInt64 = toInt64;
    if (operand.type() != ColumnType.UTF8) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED, name + " needs a UTF8 operand, got " + operand.type());
    }
  }

  /** {@code name(operand)} as UTF8. */
  public static Expression toUtf8(String name, Expression operand, ToUtf8 map) {
    return new Utf8MapExpression(name, operand, ColumnType.UTF8, requireNonNull(map), null);
  }

  /** {@code name(operand)} as INT64. */
  public static Expression toInt64(String name, Expression operand, ToInt64 map) {
    return new Utf8MapExpression(name, operand, ColumnType.INT64, null, requireNonNull(map));
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    try (FieldVector evaluated = operand.evaluate(input, selection, allocator)) {
      VarCharVector value = (VarCharVector) evaluated;
      return type == ColumnType.UTF8
          ? mapUtf8(value, rows, allocator)
          : mapInt64(value, rows, allocator);
    }
  }

  private FieldVector mapUtf8(VarCharVector value, int rows, BufferAllocator allocator) {
    ArrowBuf offsets = value.getOffsetBuffer();
    long bytes = rows == 0 ? 0 : offsets.getInt((long) rows << 2) - offsets.getInt(0);
    VarCharVector out = Vectors.allocateUtf8(rows, bytes, allocator);
    try {
      Utf8Cursor cursor = new Utf8Cursor(value);
      for (int i = 0; i < rows; i++) {
        if (!value.isNull(i)) {
          int length = cursor.load(i);
          out.setSafe(i, cursor.scratch(), 0, toUtf8.map(cursor.bytes(), length, cursor.scratch()));
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private FieldVector mapInt64(VarCharVector value, int rows, BufferAllocator allocator) {
    FieldVector out = Vectors.allocate(ColumnType.INT64, rows, allocator);
    try {
      Vectors.copyValidity(out, value, rows);
      ArrowBuf result = out.getDataBuffer();
      Utf8Cursor cursor = new Utf8Cursor(value);
      for (int i = 0; i < rows; i++) {
        if (!value.isNull(i)) {
          int length = cursor.load(i);
          result.setLong((long) i << 3, toInt64.map(cursor.bytes(), length));
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  @Override
  public List<Expression> children() {
    return List.of(operand);
  }

  @Override
  public String toString() {
    return name + "(" + operand + ")";
  }
}
