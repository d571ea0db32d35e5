package io.buzz.kernels.function;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Literal;
import io.buzz.kernels.expr.Vectors;
import java.math.BigInteger;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * ROUND, TRUNC, FLOOR, CEIL and ABS of a DECIMAL, exactly, with DuckDB's types: {@code ROUND(x, n)}
 * and {@code TRUNC(x, n)} of a {@code DECIMAL(p, s)} are {@code DECIMAL(p, min(max(n, 0), s))}
 * ({@code n} a constant; a negative {@code n} rounds to tens, hundreds … at scale 0), FLOOR and
 * CEIL are {@code DECIMAL(p, 0)}, ABS keeps the type. Rounding is half away from zero. A result
 * that needs more than {@code p} digits (ROUND(95, -2) of a DECIMAL(2, 0)) is an overflow error.
 */
public final class DecimalRoundingExpression implements Expression {
  /** How the dropped digits move the kept ones. */
  public enum Mode {
    ROUND,
    TRUNC,
    FLOOR,
    CEIL,
    ABS;

    /** The mode of the registry's function {@code name} ("round" …), if it has one. */
    public static java.util.Optional<Mode> of(String name) {
      for (Mode mode : values()) {
        if (mode.name().equalsIgnoreCase(name)) {
          return java.util.Optional.of(mode);
        }
      }
      return java.util.Optional.empty();
    }
  }

  /**
   * The type of {@code function(x, places)} for {@code x} of type {@code DECIMAL(precision,
   * scale)}: what the planner types the call as. {@code function} is a registry name with a {@link
   * Mode}.
   */
  public static ArrowType.Decimal resultType(
      String function, int precision, int scale, long places) {
    Mode mode =
        Mode.of(function)
            .orElseThrow(() -> new IllegalArgumentException(function + " takes no DECIMAL"));
    int resultScale =
        switch (mode) {
          case ROUND, TRUNC -> (int) Math.min(Math.max(places, 0), scale);
          case FLOOR, CEIL -> 0;
          case ABS -> scale;
        };
    return (ArrowType.Decimal) ColumnType.decimal(precision, resultScale);
  }

  private final Mode mode;
  private final Expression operand;
  private final int places;
  private final ArrowType.Decimal from;
  private final ArrowType.Decimal to;

  private DecimalRoundingExpression(Mode mode, Expression operand, int places) {
    this.mode = mode;
    this.operand = operand;
    this.places = places;
    this.from = (ArrowType.Decimal) operand.arrowType();
    this.to = resultType(mode.name(), from.getPrecision(), from.getScale(), places);
  }

  /**
   * {@code mode(operands)}: a DECIMAL128 and, for ROUND and TRUNC, an optional constant number of
   * places.
   *
   * @throws KernelException UNSUPPORTED when the places are not a constant
   */
  public static Expression of(Mode mode, List<Expression> operands) {
    Expression operand = operands.get(0);
    if (operand.type() != ColumnType.DECIMAL128) {
      throw new KernelException(KernelException.Kind.INTERNAL, mode + " of " + operand.type());
    }
    int places = 0;
    if (operands.size() > 1) {
      if (!(operands.get(1) instanceof Literal literal) || literal.isNull()) {
        throw new KernelException(
            KernelException.Kind.UNSUPPORTED,
            mode + " of a DECIMAL needs a constant number of places, not " + operands.get(1));
      }
      places = (int) Math.max(-40, Math.min(40, literal.longValue()));
    }
    return new DecimalRoundingExpression(requireNonNull(mode), operand, places);
  }

  @Override
  public ColumnType type() {
    return ColumnType.DECIMAL128;
  }

  @Override
  public ArrowType arrowType() {
    return to;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    try (FieldVector value = operand.evaluate(input, selection, allocator)) {
      FieldVector out = Vectors.allocate(to, rows, allocator);
      try {
        boolean hasNulls = Vectors.copyValidity(out, value, rows);
        ArrowBuf valid = out.getValidityBuffer();
        ArrowBuf data = value.getDataBuffer();
        ArrowBuf result = out.getDataBuffer();
        for (int i = 0; i < rows; i++) {
          if (hasNulls && !Vectors.bit(valid, i)) {
            continue;
          }
          BigInteger x = Decimal128.toBigInteger(Decimal128.high(data, i), Decimal128.low(data, i));
          BigInteger y = apply(x);
          if (!Decimal128.fits(y, to.getPrecision())) {
            throw Decimal128.overflow(toString(), to.getPrecision(), to.getScale());
          }
          Decimal128.put(result, i, y);
        }
        out.setValueCount(rows);
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }
  }

  /** The unscaled result at the output scale for the unscaled input {@code x}. */
  private BigInteger apply(BigInteger x) {
    if (mode == Mode.ABS) {
      return x.abs();
    }
    int keep = mode == Mode.ROUND || mode == Mode.TRUNC ? places : 0;
    int drop = from.getScale() - keep; // digits removed below the kept ones
    if (drop <= 0) {
      return x; // ROUND(x, n) with n ≥ s: nothing to do
    }
    BigInteger unit = powerOfTen(drop);
    BigInteger[] qr = x.divideAndRemainder(unit); // toward zero
    BigInteger q = qr[0];
    int sign = qr[1].signum();
    if (sign != 0) {
      switch (mode) {
        case ROUND -> {
          if (qr[1].abs().shiftLeft(1).compareTo(unit) >= 0) {
            q = q.add(BigInteger.valueOf(sign));
          }
        }
        case FLOOR -> q = sign < 0 ? q.subtract(BigInteger.ONE) : q;
        case CEIL -> q = sign > 0 ? q.add(BigInteger.ONE) : q;
        case TRUNC, ABS -> {}
      }
    }
    // q counts units of 10^-keep; the output scale is max(keep, 0)
    return keep < 0 ? q.multiply(powerOfTen(-keep)) : q;
  }

  private static BigInteger powerOfTen(int exponent) {
    return exponent <= ColumnType.MAX_DECIMAL_PRECISION
        ? Decimal128.power(exponent)
        : BigInteger.TEN.pow(exponent);
  }

  @Override
  public List<Expression> children() {
    return List.of(operand);
  }

  @Override
  public String toString() {
    String name = mode.name();
    return mode == Mode.ROUND || mode == Mode.TRUNC
        ? name + "(" + operand + ", " + places + ")"
        : name + "(" + operand + ")";
  }
}
