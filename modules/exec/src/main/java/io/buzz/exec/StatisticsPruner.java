package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.Literal;
import io.buzz.protocol.plan.Operator;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Skips row groups (or any unit with column statistics) that an HBee plan's leading filter rejects
 * entirely, before their bytes are fetched: Parquet's min/max/null-count against {@code column op
 * literal} comparisons, {@code IS [NOT] NULL}, and their {@code AND}/{@code OR}.
 *
 * <p>Conservative by construction: {@link #mayMatch} answers false only when no row can make the
 * predicate TRUE. Anything it does not understand (other functions, casts on the column, a missing
 * bound) may match. FLOAT64 and FLOAT32 columns are never pruned on their bounds, because NaN is
 * absent from Parquet's bounds but not from the data; strings compare as unsigned UTF-8 bytes, the
 * order of both Parquet's {@code min_value}/{@code max_value} and Buzz's comparison kernels. A
 * comparison with a NULL literal, or over a column whose values are all NULL, is never TRUE.
 */
public final class StatisticsPruner {
  /** Statistics of one row group, by the index of a scan column (the filter's input column). */
  public interface Bounds {
    /** Rows in the unit. */
    long rows();

    /** The column's statistics; empty when unknown (e.g. a partition key). */
    Optional<ColumnBounds> column(int index);
  }

  /**
   * One column's statistics in Buzz's value classes (see {@code ColumnStatistics}): Boolean,
   * Integer (INT32, DATE32), Long (INT64, TIMESTAMP_MICROS, TIME_MICROS), Double, Float, String.
   */
  public record ColumnBounds(OptionalLong nullCount, Optional<Object> min, Optional<Object> max) {
    public ColumnBounds {
      requireNonNull(nullCount, "nullCount is null");
      requireNonNull(min, "min is null");
      requireNonNull(max, "max is null");
    }
  }

  private static final StatisticsPruner NONE = new StatisticsPruner(null);

  private final Expr predicate;

  private StatisticsPruner(Expr predicate) {
    this.predicate = predicate;
  }

  /** The pruner of {@code plan}: its first operator's predicate when that is a filter. */
  public static StatisticsPruner of(HBeePlan plan) {
    if (plan.getOperatorsCount() == 0) {
      return NONE;
    }
    Operator first = plan.getOperators(0);
    return first.hasFilter() ? new StatisticsPruner(first.getFilter().getPredicate()) : NONE;
  }

  /** Whether there is a filter to prune with at all. */
  public boolean active() {
    return predicate != null;
  }

  /** False only when no row described by {@code bounds} can satisfy the filter. */
  public boolean mayMatch(Bounds bounds) {
    return predicate == null || mayBeTrue(predicate, bounds);
  }

  private static boolean mayBeTrue(Expr expr, Bounds bounds) {
    if (expr.hasLiteral()) {
      Literal literal = expr.getLiteral();
      return literal.getValueCase() != Literal.ValueCase.BOOL_VALUE || literal.getBoolValue();
    }
    if (!expr.hasCall()) {
      return true;
    }
    Call call = expr.getCall();
    return switch (call.getFunction()) {
      case AND -> {
        for (Expr arg : call.getArgsList()) {
          if (!mayBeTrue(arg, bounds)) {
            yield false;
          }
        }
        yield true;
      }
      case OR -> {
        for (Expr arg : call.getArgsList()) {
          if (mayBeTrue(arg, bounds)) {
            yield true;
          }
        }
        yield false;
      }
      case IS_TRUE -> call.getArgsCount() != 1 || mayBeTrue(call.getArgs(0), bounds);
      case IS_NULL -> nullsPossible(call, bounds);
      case IS_NOT_NULL -> nonNullsPossible(call, bounds);
      case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
          comparisonMayBeTrue(call, bounds);
      default -> true;
    };
  }

  private static boolean nullsPossible(Call call, Bounds bounds) {
    Optional<ColumnBounds> column = singleColumn(call, bounds);
    return column.isEmpty()
        || column.get().nullCount().isEmpty()
        || column.get().nullCount().getAsLong() > 0;
  }

  private static boolean nonNullsPossible(Call call, Bounds bounds) {
    Optional<ColumnBounds> column = singleColumn(call, bounds);
    return column.isEmpty()
        || column.get().nullCount().isEmpty()
        || column.get().nullCount().getAsLong() < bounds.rows();
  }

  private static Optional<ColumnBounds> singleColumn(Call call, Bounds bounds) {
    if (call.getArgsCount() != 1 || !call.getArgs(0).hasColumn()) {
      return Optional.empty();
    }
    return bounds.column(call.getArgs(0).getColumn());
  }

  private static boolean comparisonMayBeTrue(Call call, Bounds bounds) {
    if (call.getArgsCount() != 2) {
      return true;
    }
    Expr left = call.getArgs(0);
    Expr right = call.getArgs(1);
    Function function = call.getFunction();
    if (left.hasLiteral() && right.hasColumn()) {
      Expr swap = left;
      left = right;
      right = swap;
      function = mirrored(function);
    }
    if (!left.hasColumn() || !right.hasLiteral()) {
      return true;
    }
    if (right.getLiteral().getValueCase() == Literal.ValueCase.VALUE_NOT_SET) {
      return false; // a comparison with NULL is never TRUE
    }
    Optional<ColumnBounds> found = bounds.column(left.getColumn());
    if (found.isEmpty()) {
      return true;
    }
    ColumnBounds column = found.get();
    if (column.nullCount().isPresent() && column.nullCount().getAsLong() >= bounds.rows()) {
      return false; // only NULLs: every comparison is NULL
    }
    DataType type = left.getType();
    if (type == DataType.FLOAT64
        || type == DataType.FLOAT32
        || column.min().isEmpty()
        || column.max().isEmpty()) {
      return true;
    }
    Integer vsMin = compare(column.min().get(), right.getLiteral(), type);
    Integer vsMax = compare(column.max().get(), right.getLiteral(), type);
    if (vsMin == null || vsMax == null) {
      return true;
    }
    // vsMin = sign(min - literal), vsMax = sign(max - literal); min <= every value <= max
    return switch (function) {
      case EQUAL -> vsMin <= 0 && vsMax >= 0;
      case NOT_EQUAL -> !(vsMin == 0 && vsMax == 0);
      case LESS_THAN -> vsMin < 0;
      case LESS_THAN_OR_EQUAL -> vsMin <= 0;
      case GREATER_THAN -> vsMax > 0;
      case GREATER_THAN_OR_EQUAL -> vsMax >= 0;
      default -> true;
    };
  }

  /** The literal's value when it is of the integral {@code type}, else null. */
  private static Long integral(Literal literal, DataType type) {
    return switch (type) {
      case INT32 -> literal.hasInt32Value() ? (long) literal.getInt32Value() : null;
      case DATE32 -> literal.hasDate32Value() ? (long) literal.getDate32Value() : null;
      case INT64 -> literal.hasInt64Value() ? literal.getInt64Value() : null;
      case TIMESTAMP_MICROS ->
          literal.hasTimestampMicrosValue() ? literal.getTimestampMicrosValue() : null;
      case TIME_MICROS -> literal.hasTimeMicrosValue() ? literal.getTimeMicrosValue() : null;
      default -> null;
    };
  }

  /** {@code literal op column} as {@code column op' literal}. */
  private static Function mirrored(Function function) {
    return switch (function) {
      case LESS_THAN -> Function.GREATER_THAN;
      case LESS_THAN_OR_EQUAL -> Function.GREATER_THAN_OR_EQUAL;
      case GREATER_THAN -> Function.LESS_THAN;
      case GREATER_THAN_OR_EQUAL -> Function.LESS_THAN_OR_EQUAL;
      default -> function;
    };
  }

  /**
   * sign(bound - literal), or null when the bound's class or the literal's kind does not fit {@code
   * type} (then nothing is concluded).
   */
  private static Integer compare(Object bound, Literal literal, DataType type) {
    return switch (type) {
      case INT32, DATE32, INT64, TIMESTAMP_MICROS, TIME_MICROS -> {
        Long value = integral(literal, type);
        yield (bound instanceof Integer || bound instanceof Long) && value != null
            ? Integer.signum(Long.compare(((Number) bound).longValue(), value))
            : null;
      }
      case BOOL ->
          bound instanceof Boolean value && literal.hasBoolValue()
              ? Integer.signum(Boolean.compare(value, literal.getBoolValue()))
              : null;
      case UTF8 -> {
        if (!(bound instanceof String value) || !literal.hasUtf8Value()) {
          yield null;
        }
        byte[] a = value.getBytes(StandardCharsets.UTF_8);
        byte[] b = literal.getUtf8Value().getBytes(StandardCharsets.UTF_8);
        yield Integer.signum(java.util.Arrays.compareUnsigned(a, b)); // as ComparisonKernels do
      }
      case FLOAT64, FLOAT32, DECIMAL128, DATA_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }
}
