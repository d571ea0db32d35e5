package io.buzz.kernels.function;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.function.ScalarFunction.Signature;
import java.util.List;

/**
 * The numeric functions of the registry, with DuckDB's semantics: ROUND half away from zero (with a
 * negative precision too), TRUNC toward zero, SQRT, LN and LOG10 errors outside their domain, ABS
 * of the smallest integer an overflow error. Integers keep their type where the function does (ABS,
 * SIGN, ROUND, TRUNC, FLOOR, CEIL); the others compute in DOUBLE. ROUND, TRUNC, FLOOR, CEIL and ABS
 * take a DECIMAL too and compute it exactly ({@link DecimalRoundingExpression}, whose {@code
 * resultType} gives the result's precision and scale); the other functions refuse one (the planner
 * names it) rather than compute in DOUBLE.
 */
final class NumericFunctions {
  private static final ColumnType F64 = ColumnType.FLOAT64;
  private static final ColumnType I64 = ColumnType.INT64;
  private static final ColumnType I32 = ColumnType.INT32;
  private static final ColumnType DEC = ColumnType.DECIMAL128;

  /** 1e0 … 1e22, each exactly a double: ROUND and TRUNC called Math.pow per row. */
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private NumericFunctions() {}

  static List<ScalarFunction> all() {
    return List.of(
        exact("abs", List.of("ABS"), (x, n) -> Math.abs(x), NumericFunctions::abs, "|x|"),
        exact(
            "sign",
            List.of("SIGN", "SIGNUM"),
            (x, n) -> x == 0 || Double.isNaN(x) ? x : Math.signum(x),
            (x, n) -> Long.signum(x),
            "-1, 0 or 1 as x is negative, zero or positive"),
        exact(
            "floor",
            List.of("FLOOR"),
            (x, n) -> Math.floor(x),
            (x, n) -> x,
            "the largest integer ≤ x"),
        exact(
            "ceil",
            List.of("CEIL", "CEILING"),
            (x, n) -> Math.ceil(x),
            (x, n) -> x,
            "the smallest integer ≥ x"),
        withPrecision(
            "round",
            List.of("ROUND"),
            NumericFunctions::round,
            NumericFunctions::roundInteger,
            "ROUND(x[, n]): x to n decimal places (0 by default; negative: tens, hundreds …), half"
                + " away from zero"),
        withPrecision(
            "trunc",
            List.of("TRUNC", "TRUNCATE"),
            NumericFunctions::trunc,
            NumericFunctions::truncInteger,
            "TRUNC(x[, n]): x cut to n decimal places, toward zero"),
        inDouble("sqrt", "SQRT", NumericFunctions::sqrt, "the square root"),
        inDouble("exp", "EXP", (x, n) -> Math.exp(x), "e to the power x"),
        inDouble("ln", "LN", (x, n) -> Math.log(logarithmOperand("LN", x)), "the natural log"),
        inDouble(
            "log10",
            "LOG10",
            (x, n) -> Math.log10(logarithmOperand("LOG10", x)),
            "the base-10 logarithm"),
        new ScalarFunction(
            "power",
            List.of("POWER", "POW"),
            List.of(new Signature(List.of(F64, F64), F64)),
            args -> NumericMapExpression.ofDouble("power", args, Math::pow),
            "POWER(x, y): x to the power y"));
  }

  /** A function of one number that keeps an integer's type. */
  private static ScalarFunction exact(
      String name,
      List<String> sqlNames,
      NumericMapExpression.DoubleOp inDouble,
      NumericMapExpression.LongOp inLong,
      String description) {
    return typed(name, sqlNames, false, inDouble, inLong, description);
  }

  /** ROUND and TRUNC: one number, and an optional number of decimal places. */
  private static ScalarFunction withPrecision(
      String name,
      List<String> sqlNames,
      NumericMapExpression.DoubleOp inDouble,
      NumericMapExpression.LongOp inLong,
      String description) {
    return typed(name, sqlNames, true, inDouble, inLong, description);
  }

  private static ScalarFunction typed(
      String name,
      List<String> sqlNames,
      boolean places,
      NumericMapExpression.DoubleOp inDouble,
      NumericMapExpression.LongOp inLong,
      String description) {
    List<Signature> signatures = new java.util.ArrayList<>();
    boolean decimal = DecimalRoundingExpression.Mode.of(name).isPresent();
    for (ColumnType type : decimal ? List.of(F64, I64, I32, DEC) : List.of(F64, I64, I32)) {
      signatures.add(new Signature(List.of(type), type));
      if (places) {
        signatures.add(new Signature(List.of(type, I64), type));
      }
    }
    return new ScalarFunction(
        name, sqlNames, signatures, byType(name, inDouble, inLong), description);
  }

  /** The kernel in DOUBLE for a DOUBLE first operand, else in the integer's type. */
  private static java.util.function.Function<
          List<io.buzz.kernels.expr.Expression>, io.buzz.kernels.expr.Expression>
      byType(
          String name, NumericMapExpression.DoubleOp inDouble, NumericMapExpression.LongOp inLong) {
    return args ->
        switch (args.get(0).type()) {
          case FLOAT64 -> NumericMapExpression.ofDouble(name, args, inDouble);
          case DECIMAL128 ->
              DecimalRoundingExpression.of(
                  DecimalRoundingExpression.Mode.of(name).orElseThrow(), args);
          default -> NumericMapExpression.ofLong(name, args, inLong);
        };
  }

  private static ScalarFunction inDouble(
      String name, String sqlName, NumericMapExpression.DoubleOp op, String description) {
    return new ScalarFunction(
        name,
        List.of(sqlName),
        List.of(new Signature(List.of(F64), F64)),
        args -> NumericMapExpression.ofDouble(name, args, op),
        description);
  }

  static long abs(long x, long unused) {
    if (x == Long.MIN_VALUE) {
      throw new KernelException(KernelException.Kind.ARITHMETIC, "ABS(" + x + ") overflows");
    }
    return Math.abs(x);
  }

  /** C's {@code round}: the nearest integer, halves away from zero; exact for every double. */
  static double roundHalfAway(double x) {
    double magnitude = Math.abs(x);
    double whole = Math.floor(magnitude);
    if (magnitude - whole >= 0.5) {
      whole += 1;
    }
    return Math.copySign(whole, x);
  }

  /** DuckDB's ROUND(x, n): round(x·10ⁿ)/10ⁿ, or x itself where that is not finite. */
  static double round(double x, double places) {
    if (places == 0) {
      return roundHalfAway(x);
    }
    double scale = powerOfTen(places);
    double rounded = roundHalfAway(x * scale) / scale;
    return Double.isInfinite(rounded) || Double.isNaN(rounded) ? x : rounded;
  }

  static double trunc(double x, double places) {
    if (places == 0) {
      return x < 0 ? Math.ceil(x) : Math.floor(x);
    }
    double scale = powerOfTen(places);
    double scaled = x * scale;
    double cut = (scaled < 0 ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
    return Double.isInfinite(cut) || Double.isNaN(cut) ? x : cut;
  }

  /** 10 to the power {@code places} exactly for whole places 0 to 22, else {@link Math#pow}. */
  private static double powerOfTen(double places) {
    int whole = (int) places;
    return whole == places && whole >= 0 && whole < POWERS_OF_TEN.length
        ? POWERS_OF_TEN[whole]
        : Math.pow(10, places);
  }

  /** ROUND of an integer to a negative number of places: to tens, hundreds …; halves away. */
  static long roundInteger(long x, long places) {
    if (places >= 0) {
      return x;
    }
    if (places < -18) {
      return 0;
    }
    long unit = powerOfTen(-places);
    long remainder = x % unit;
    long down = x - remainder;
    if (Math.abs(remainder) * 2 < unit) {
      return down;
    }
    try {
      return Math.addExact(down, x < 0 ? -unit : unit);
    } catch (ArithmeticException e) {
      throw new KernelException(
          KernelException.Kind.ARITHMETIC, "ROUND(" + x + ", " + places + ") overflows");
    }
  }

  static long truncInteger(long x, long places) {
    if (places >= 0) {
      return x;
    }
    return places < -18 ? 0 : x - x % powerOfTen(-places);
  }

  private static long powerOfTen(long exponent) {
    long power = 1;
    for (long i = 0; i < exponent; i++) {
      power *= 10;
    }
    return power;
  }

  private static double sqrt(double x, double unused) {
    if (x < 0) {
      throw new KernelException(
          KernelException.Kind.ARITHMETIC, "cannot take the square root of a negative number");
    }
    return Math.sqrt(x);
  }

  private static double logarithmOperand(String name, double x) {
    if (x == 0) {
      throw new KernelException(
          KernelException.Kind.ARITHMETIC, name + ": cannot take the logarithm of zero");
    }
    if (x < 0) {
      throw new KernelException(
          KernelException.Kind.ARITHMETIC,
          name + ": cannot take the logarithm of a negative number");
    }
    return x;
  }
}
