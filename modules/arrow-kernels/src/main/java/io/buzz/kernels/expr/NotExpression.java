package io.buzz.kernels.expr;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** {@code NOT operand} of a BOOL operand; NULL stays NULL. Works on whole 64-bit words. */
public record NotExpression(Expression operand) implements Expression {
  public NotExpression {
    requireNonNull(operand, "operand is null");
    if (operand.type() != ColumnType.BOOL) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED, "NOT needs a BOOL operand, got " + operand.type());
    }
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOL;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    try (FieldVector value = operand.evaluate(input, selection, allocator)) {
      BitVector out = Vectors.allocateBool(rows, allocator);
      Vectors.copyValidity(out, value, rows);
      ArrowBuf from = value.getDataBuffer();
      ArrowBuf to = out.getDataBuffer();
      for (int w = 0, words = Vectors.words(rows); w < words; w++) {
        Vectors.putWord(to, w, ~Vectors.word(from, w), rows);
      }
      out.setValueCount(rows);
      return out;
    }
  }

  @Override
  public List<Expression> children() {
    return List.of(operand);
  }

  @Override
  public String toString() {
    return "(NOT " + operand + ")";
  }
}
