package io.buzz.kernels.function;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.DictionaryComparison;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Literal;
import io.buzz.kernels.expr.Utf8Cursor;
import io.buzz.kernels.expr.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * {@code value LIKE pattern [ESCAPE escape]} and ILIKE, as BOOL; NULL in any operand gives NULL. A
 * constant pattern (the usual case) is compiled once, when the expression is built, so a bad one
 * fails before any row is read; a pattern that varies by row is compiled when it changes. A
 * constant pattern over a dictionary-encoded column is matched once per dictionary entry.
 */
public final class LikeExpression implements Expression {
  private final Expression value;
  private final Expression pattern;
  private final Expression escape;
  private final boolean caseInsensitive;
  private final LikePattern constant;

  /**
   * @param escape the ESCAPE operand, or null for none
   * @throws KernelException for a constant pattern or escape that is not valid
   */
  public LikeExpression(
      Expression value, Expression pattern, Expression escape, boolean caseInsensitive) {
    this.value = requireNonNull(value, "value is null");
    this.pattern = requireNonNull(pattern, "pattern is null");
    this.escape = escape;
    this.caseInsensitive = caseInsensitive;
    for (Expression operand : operands()) {
      if (operand.type() != ColumnType.UTF8) {
        throw new KernelException(
            KernelException.Kind.UNSUPPORTED,
            name() + " needs UTF8 operands, got " + operand.type());
      }
    }
    this.constant =
        pattern instanceof Literal p
                && !p.isNull()
                && (escape == null || escape instanceof Literal e && !e.isNull())
            ? LikePattern.compile(
                p.utf8Value(),
                escape == null ? null : ((Literal) escape).utf8Value(),
                caseInsensitive)
            : null;
  }

  private String name() {
    return caseInsensitive ? "ILIKE" : "LIKE";
  }

  private List<Expression> operands() {
    List<Expression> operands = new ArrayList<>(List.of(value, pattern));
    if (escape != null) {
      operands.add(escape);
    }
    return operands;
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOL;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    DictionaryIds ids =
        constant == null ? null : DictionaryComparison.usable(value, input, selection);
    if (ids != null) { // each dictionary entry matched once
      LikePattern compiled = constant;
      byte[][] scratch = {new byte[64], new byte[192]}; // the value, and 3x for lower-casing
      return DictionaryComparison.byEntry(
          ids,
          selection,
          rows,
          (bytes, from, to) -> {
            int length = to - from;
            if (scratch[0].length < length) {
              scratch[0] = new byte[2 * length];
              scratch[1] = new byte[6 * length];
            }
            System.arraycopy(bytes, from, scratch[0], 0, length);
            return compiled.matches(scratch[0], length, scratch[1]);
          },
          allocator);
    }
    // A constant pattern is compiled already: only the values are evaluated.
    List<Expression> operands = constant != null ? List.of(value) : operands();
    try (EvaluatedOperands evaluated =
        EvaluatedOperands.of(operands, input, selection, allocator)) {
      BitVector out = Vectors.allocateBool(rows, allocator);
      try {
        Vectors.andValidity(out, evaluated.vectors, rows);
        match((VarCharVector) evaluated.vectors[0], evaluated.vectors, out, rows);
        out.setValueCount(rows);
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }
  }

  private void match(VarCharVector values, FieldVector[] operands, BitVector out, int rows) {
    ArrowBuf valid = out.getValidityBuffer();
    ArrowBuf result = out.getDataBuffer();
    Utf8Cursor cursor = new Utf8Cursor(values);
    LikePattern compiled = constant;
    String lastPattern = null;
    String lastEscape = null;
    for (int i = 0; i < rows; i++) {
      if (!Vectors.bit(valid, i)) {
        continue;
      }
      if (constant == null) {
        String p = text((VarCharVector) operands[1], i);
        String e = escape == null ? null : text((VarCharVector) operands[2], i);
        if (compiled == null || !p.equals(lastPattern) || !Objects.equals(e, lastEscape)) {
          compiled = LikePattern.compile(p, e, caseInsensitive);
          lastPattern = p;
          lastEscape = e;
        }
      }
      int length = cursor.load(i);
      Vectors.putBit(result, i, compiled.matches(cursor.bytes(), length, cursor.scratch()));
    }
  }

  private static String text(VarCharVector vector, int row) {
    return new String(vector.get(row), StandardCharsets.UTF_8);
  }

  @Override
  public List<Expression> children() {
    return operands();
  }

  @Override
  public String toString() {
    return "("
        + value
        + " "
        + name()
        + " "
        + pattern
        + (escape == null ? "" : " ESCAPE " + escape)
        + ")";
  }
}
