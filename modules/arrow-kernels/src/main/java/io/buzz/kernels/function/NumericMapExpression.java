package io.buzz.kernels.function;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A strict numeric function of one or two operands, computed a batch at a time over the operands'
 * primitive buffers: in FLOAT64 ({@code SQRT}, {@code ROUND(x, n)}, {@code POWER}) or in integers
 * ({@code ABS}, {@code ROUND(i, n)}), the result of the first operand's type. A NULL operand gives
 * NULL; a value outside the function's domain is an ARITHMETIC error (as DuckDB's are errors).
 */
public final class NumericMapExpression implements Expression {
  /** The function in FLOAT64: {@code b} is the second operand (0 when there is none). */
  @FunctionalInterface
  public interface DoubleOp {
    double apply(double a, double b);
  }

  /** The function in integers: {@code b} is the second operand (0 when there is none). */
  @FunctionalInterface
  public interface LongOp {
    long apply(long a, long b);
  }

  private final String name;
  private final List<Expression> operands;
  private final ColumnType type;
  private final DoubleOp doubleOp;
  private final LongOp longOp;

  private NumericMapExpression(
      String name, List<Expression> operands, ColumnType type, DoubleOp d, LongOp l) {
    this.name = requireNonNull(name, "name is null");
    this.operands = List.copyOf(operands);
    this.type = type;
    this.doubleOp = d;
    this.longOp = l;
    if (operands.isEmpty() || operands.size() > 2) {
      throw new KernelException(KernelException.Kind.INTERNAL, name + " takes one or two operands");
    }
    for (Expression operand : operands) {
      ColumnType t = operand.type();
      if (t != ColumnType.FLOAT64 && t != ColumnType.INT64 && t != ColumnType.INT32) {
        throw new KernelException(
            KernelException.Kind.UNSUPPORTED, name + " takes numbers, got " + t);
      }
    }
  }

  /** {@code name(operands)} as FLOAT64; integer operands are read as doubles. */
  public static Expression ofDouble(String name, List<Expression> operands, DoubleOp op) {
    return new NumericMapExpression(name, operands, ColumnType.FLOAT64, requireNonNull(op), null);
  }

  /** {@code name(operands)} in the first operand's integer type (INT32 or INT64). */
  public static Expression ofLong(String name, List<Expression> operands, LongOp op) {
    ColumnType type = operands.get(0).type();
    if (type != ColumnType.INT32 && type != ColumnType.INT64) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED, name + " in integers needs an integer, got " + type);
    }
    return new NumericMapExpression(name, operands, type, null, requireNonNull(op));
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    List<FieldVector> values = new ArrayList<>(operands.size());
    try {
      for (Expression operand : operands) {
        values.add(operand.evaluate(input, selection, allocator));
      }
      FieldVector out = Vectors.allocate(type, rows, allocator);
      try {
        boolean nulls = Vectors.andValidity(out, values.toArray(FieldVector[]::new), rows);
        compute(values, out, rows, nulls);
        out.setValueCount(rows);
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    } finally {
      values.forEach(FieldVector::close);
    }
  }

  private void compute(List<FieldVector> values, FieldVector out, int rows, boolean nulls) {
    FieldVector a = values.get(0);
    FieldVector b = values.size() > 1 ? values.get(1) : null;
    ColumnType aType = operands.get(0).type();
    ColumnType bType = b == null ? null : operands.get(1).type();
    ArrowBuf aData = a.getDataBuffer();
    ArrowBuf bData = b == null ? null : b.getDataBuffer();
    ArrowBuf result = out.getDataBuffer();
    ArrowBuf validity = out.getValidityBuffer();
    for (int i = 0; i < rows; i++) {
      if (nulls && !Vectors.bit(validity, i)) {
        continue;
      }
      if (type == ColumnType.FLOAT64) {
        double x = asDouble(aData, aType, i);
        double y = b == null ? 0 : asDouble(bData, bType, i);
        result.setDouble((long) i << 3, doubleOp.apply(x, y));
      } else {
        long x = asLong(aData, aType, i);
        long y = b == null ? 0 : asLong(bData, bType, i);
        long z = longOp.apply(x, y);
        if (type == ColumnType.INT32) {
          if ((int) z != z) {
            throw new KernelException(
                KernelException.Kind.ARITHMETIC, name + " is out of the range of INTEGER: " + z);
          }
          result.setInt((long) i << 2, (int) z);
        } else {
          result.setLong((long) i << 3, z);
        }
      }
    }
  }

  private static double asDouble(ArrowBuf data, ColumnType type, int i) {
    return switch (type) {
      case FLOAT64 -> data.getDouble((long) i << 3);
      case INT64 -> data.getLong((long) i << 3);
      default -> data.getInt((long) i << 2);
    };
  }

  private static long asLong(ArrowBuf data, ColumnType type, int i) {
    return type == ColumnType.INT64 ? data.getLong((long) i << 3) : data.getInt((long) i << 2);
  }

  @Override
  public List<Expression> children() {
    return operands;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(name).append('(');
    for (int i = 0; i < operands.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(operands.get(i));
    }
    return text.append(')').toString();
  }
}
