package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.RowRanges;
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
import java.util.TreeSet;

/**
 * Skips row groups (or any unit with column statistics) that an HBee plan's leading filter rejects
 * entirely, before their bytes are fetched: Parquet's min/max/null-count against {@code column op
 * literal} comparisons, {@code IS [NOT] NULL}, and their {@code AND}/{@code OR}. With a Parquet
 * page index the same tests run page by page: {@link #matchingRows} answers which rows of a row
 * group may match, as the union over OR and the intersection over AND of the rows of the pages each
 * test keeps.
 *
 * <p>Conservative by construction: {@link #mayMatch} answers false only when no row can make the
 * predicate TRUE, and {@link #matchingRows} leaves out only such rows. Anything it does not
 * understand (other functions, casts on the column, a missing bound) may match. FLOAT64 and FLOAT32
 * columns are never pruned on their bounds, because NaN is absent from Parquet's bounds but not
 * from the data; strings compare as unsigned UTF-8 bytes, the order of both Parquet's {@code
 * min_value}/{@code max_value} and Buzz's comparison kernels. A comparison with a NULL literal, or
 * over a column whose values are all NULL, is never TRUE.
 *
 * <p>One walk over the predicate serves both: it combines the tests' outcomes in a {@link
 * StatisticsOutcomes.Outcomes} that is either a verdict for one unit or row ranges of a unit's
 * pages.
 */
public final class StatisticsPruner {
  /**
   * Statistics of one unit, a row group or a page, by the index of a scan column (the filter's
   * input column).
   */
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

  /** The page statistics of one row group, by scan column (a Parquet ColumnIndex, say). */
  public interface PagedBounds {
    /** Rows in the row group. */
    long rows();

    /** The column's pages; empty when the column has no page statistics. */
    Optional<ColumnPages> column(int index);
  }

  /**
   * The pages of one column in row order. Page {@code p} holds rows {@code [firstRow(p), firstRow(p
   * + 1))}, the last one up to the row group's end; first rows ascend strictly from 0.
   */
  public interface ColumnPages {
    int pageCount();

    long firstRow(int page);

    /** The page's statistics; its null count, when known, counts the page's rows at most. */
    ColumnBounds bounds(int page);
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

  /**
   * The scan columns whose statistics the filter's tests read, ascending: the columns whose page
   * statistics could narrow {@link #matchingRows}. Empty without a filter.
   */
  public int[] testedColumns() {
    if (predicate == null) {
      return new int[0];
    }
    TreeSet<Integer> columns = new TreeSet<>();
    outcome(predicate, new StatisticsOutcomes.ColumnsTested(columns));
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }

  /** False only when no row described by {@code bounds} can satisfy the filter. */
  public boolean mayMatch(Bounds bounds) {
    return predicate == null || outcome(predicate, new StatisticsOutcomes.Verdict(bounds));
  }

  /**
   * The rows of {@code unit} that may satisfy the filter: every row, less the rows of the pages
   * that the filter's statistics tests rule out. Columns without pages rule out nothing.
   */
  public RowRanges matchingRows(PagedBounds unit) {
    return predicate == null
        ? RowRanges.all(unit.rows())
        : outcome(predicate, new StatisticsOutcomes.PageRows(unit));
  }

  private static <T> T outcome(Expr expr, StatisticsOutcomes.Outcomes<T> outcomes) {
    if (expr.hasLiteral()) {
      Literal literal = expr.getLiteral();
      return literal.getValueCase() != Literal.ValueCase.BOOL_VALUE || literal.getBoolValue()
          ? outcomes.all()
          : outcomes.none();
    }
    if (!expr.hasCall()) {
      return outcomes.all();
    }
    Call call = expr.getCall();
    return switch (call.getFunction()) {
      case AND -> {
        T result = outcomes.all();
        for (Expr arg : call.getArgsList()) {
          result = outcomes.and(result, outcome(arg, outcomes));
          if (outcomes.isNone(result)) {
            break;
          }
        }
        yield result;
      }
      case OR -> {
        T result = outcomes.none();
        for (Expr arg : call.getArgsList()) {
          result = outcomes.or(result, outcome(arg, outcomes));
          if (outcomes.isAll(result)) {
            break;
          }
        }
        yield result;
      }
      case IS_TRUE ->
          call.getArgsCount() != 1 ? outcomes.all() : outcome(call.getArgs(0), outcomes);
      case IS_NULL -> nullTest(call, outcomes, true);
      case IS_NOT_NULL -> nullTest(call, outcomes, false);
      case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
          comparison(call, outcomes);
      default -> outcomes.all();
    };
  }

  /** {@code column IS NULL} (or {@code IS NOT NULL}): decided by null counts. */
  private static <T> T nullTest(
      Call call, StatisticsOutcomes.Outcomes<T> outcomes, boolean isNull) {
    if (call.getArgsCount() != 1 || !call.getArgs(0).hasColumn()) {
      return outcomes.all();
    }
    int column = call.getArgs(0).getColumn();
    return outcomes.test(
        column,
        bounds -> {
          Optional<ColumnBounds> found = bounds.column(column);
          if (found.isEmpty() || found.get().nullCount().isEmpty()) {
            return true;
          }
          long nulls = found.get().nullCount().getAsLong();
          return isNull ? nulls > 0 : nulls < bounds.rows();
        });
  }

  private static <T> T comparison(Call call, StatisticsOutcomes.Outcomes<T> outcomes) {
    if (call.getArgsCount() != 2) {
      return outcomes.all();
    }
    Expr left = call.getArgs(0);
    Expr right = call.getArgs(1);
    Function op = call.getFunction();
    if (left.hasLiteral() && right.hasColumn()) {
      Expr swap = left;
      left = right;
      right = swap;
      op = mirrored(op);
    }
    if (!left.hasColumn() || !right.hasLiteral()) {
      return outcomes.all();
    }
    Literal literal = right.getLiteral();
    if (literal.getValueCase() == Literal.ValueCase.VALUE_NOT_SET) {
      return outcomes.none(); // a comparison with NULL is never TRUE
    }
    int column = left.getColumn();
    DataType type = left.getType();
    Function function = op;
    return outcomes.test(
        column, bounds -> comparisonMayBeTrue(function, type, literal, column, bounds));
  }

  private static boolean comparisonMayBeTrue(
      Function function, DataType type, Literal literal, int index, Bounds bounds) {
    Optional<ColumnBounds> found = bounds.column(index);
    if (found.isEmpty()) {
      return true;
    }
    ColumnBounds column = found.get();
    if (column.nullCount().isPresent() && column.nullCount().getAsLong() >= bounds.rows()) {
      return false; // only NULLs: every comparison is NULL
    }
    if (type == DataType.FLOAT64
        || type == DataType.FLOAT32
        || column.min().isEmpty()
        || column.max().isEmpty()) {
      return true;
    }
    Integer vsMin = compare(column.min().get(), literal, type);
    Integer vsMax = compare(column.max().get(), literal, type);
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
      case FLOAT64, FLOAT32, DECIMAL128, VARBINARY, DATA_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }
}
