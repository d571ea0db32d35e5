package io.buzz.kernels.function;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A strict function of UTF8, INT32 and INT64 operands computed row by row on Java values (String,
 * Long), giving UTF8, INT64 or BOOL: the simplest way to write a function whose work per value is
 * far above the cost of the boxing (SUBSTRING, REPLACE, STRPOS, …). NULL in any operand gives NULL.
 * A function that runs over millions of short values and shows in a profile deserves its own kernel
 * over bytes, as LIKE, LOWER and LENGTH have.
 */
public final class RowWiseExpression implements Expression {
  /** The function of one row's operand values, none of them null. */
  @FunctionalInterface
  public interface RowFunction {
    /**
     * @param args Strings for UTF8 operands, Longs for integer ones
     * @return a String, Long or Boolean as the result type says; null for a NULL result
     */
    Object apply(Object[] args);
  }

  private final String name;
  private final List<Expression> operands;
  private final ColumnType type;
  private final RowFunction function;

  public RowWiseExpression(
      String name, List<Expression> operands, ColumnType type, RowFunction function) {
    this.name = requireNonNull(name, "name is null");
    this.operands = List.copyOf(operands);
    this.type = requireNonNull(type, "type is null");
    this.function = requireNonNull(function, "function is null");
    for (Expression operand : this.operands) {
      if (operand.type() != ColumnType.UTF8
          && operand.type() != ColumnType.INT64
          && operand.type() != ColumnType.INT32) {
        throw new KernelException(
            KernelException.Kind.UNSUPPORTED,
            name + " needs UTF8 or integer operands, got " + operand.type());
      }
    }
    if (type != ColumnType.UTF8 && type != ColumnType.INT64 && type != ColumnType.BOOL) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED, name + " cannot return " + type + " row by row");
    }
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    try (EvaluatedOperands values = EvaluatedOperands.of(operands, input, selection, allocator)) {
      FieldVector out =
          type == ColumnType.UTF8
              ? Vectors.allocateUtf8(rows, rows * 16L, allocator)
              : Vectors.allocate(type, rows, allocator);
      try {
        fill(values.vectors, out, rows);
        out.setValueCount(rows);
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }
  }

  private void fill(FieldVector[] values, FieldVector out, int rows) {
    Object[] args = new Object[values.length];
    ArrowBuf data = type == ColumnType.UTF8 ? null : out.getDataBuffer();
    rowLoop:
    for (int row = 0; row < rows; row++) {
      for (int i = 0; i < values.length; i++) {
        if (values[i].isNull(row)) {
          continue rowLoop; // the output stays NULL
        }
        args[i] = value(values[i], row);
      }
      Object result = function.apply(args);
      if (result == null) {
        continue;
      }
      switch (type) {
        case UTF8 -> {
          byte[] bytes = ((String) result).getBytes(StandardCharsets.UTF_8);
          ((VarCharVector) out).setSafe(row, bytes, 0, bytes.length);
        }
        case INT64 -> {
          data.setLong((long) row << 3, (Long) result);
          ((BigIntVector) out).setIndexDefined(row);
        }
        case BOOL -> ((BitVector) out).set(row, (Boolean) result ? 1 : 0);
        default -> throw new IllegalStateException("checked in the constructor: " + type);
      }
    }
  }

  private static Object value(FieldVector vector, int row) {
    if (vector instanceof VarCharVector text) {
      return new String(text.get(row), StandardCharsets.UTF_8);
    }
    if (vector instanceof IntVector ints) {
      return (long) ints.get(row);
    }
    return ((BigIntVector) vector).get(row);
  }

  @Override
  public List<Expression> children() {
    return operands;
  }

  @Override
  public String toString() {
    return name + operands;
  }
}
