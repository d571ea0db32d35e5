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

/**
 * {@code operand IS [NOT] NULL} (any type) and {@code operand IS [NOT] TRUE / FALSE} (BOOL). The
 * result is never NULL. Computed on whole 64-bit words of the operand's validity and values.
 */
public record BooleanTestExpression(Check check, Expression operand) implements Expression {
  /** The check, as a function of a row's validity {@code v} and value {@code x} bits. */
  public enum Check {
    IS_NULL,
    IS_NOT_NULL,
    IS_TRUE,
    IS_NOT_TRUE,
    IS_FALSE,
    IS_NOT_FALSE;

    long apply(long valid, long value) {
      return switch (this) {
        case IS_NULL -> ~valid;
        case IS_NOT_NULL -> valid;
        case IS_TRUE -> valid & value;
        case IS_NOT_TRUE -> ~(valid & value);
        case IS_FALSE -> valid & ~value;
        case IS_NOT_FALSE -> ~(valid & ~value);
      };
    }

    boolean needsBool() {
      return this != IS_NULL && this != IS_NOT_NULL;
    }
  }

  public BooleanTestExpression {
    requireNonNull(check, "check is null");
    requireNonNull(operand, "operand is null");
    if (check.needsBool() && operand.type() != ColumnType.BOOL) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED, check + " needs a BOOL operand, got " + operand.type());
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
      Vectors.setAllValid(out, rows);
      boolean noNulls = !Vectors.hasNulls(value);
      ArrowBuf validity = value.getValidityBuffer();
      ArrowBuf data = check.needsBool() ? value.getDataBuffer() : null;
      ArrowBuf to = out.getDataBuffer();
      for (int w = 0, words = Vectors.words(rows); w < words; w++) {
        long valid = noNulls ? -1L : Vectors.word(validity, w);
        long bits = data == null ? 0L : Vectors.word(data, w);
        Vectors.putWord(to, w, check.apply(valid, bits), rows);
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
    return "(" + operand + " " + check.name().replace('_', ' ') + ")";
  }
}
