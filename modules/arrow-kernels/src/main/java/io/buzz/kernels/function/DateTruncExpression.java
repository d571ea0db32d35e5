package io.buzz.kernels.function;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.CivilCalendar;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Vectors;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code DATE_TRUNC(unit, value)}: a TIMESTAMP_MICROS truncated to the start of its microsecond,
 * millisecond, second, minute, hour, day, ISO week (Monday), month, quarter or year, in UTC; a
 * DATE32 to the start of its week, month, quarter or year (finer units leave a date as it is), as
 * DuckDB computes it. The unit is a constant, checked when the expression is built. NULL stays
 * NULL.
 */
public final class DateTruncExpression implements Expression {
  /** The units, each with the names SQL may spell it by. */
  enum Unit {
    MICROSECOND(1, "microsecond", "microseconds", "us"),
    MILLISECOND(1_000, "millisecond", "milliseconds", "ms"),
    SECOND(CivilCalendar.MICROS_PER_SECOND, "second", "seconds", "s"),
    MINUTE(60 * CivilCalendar.MICROS_PER_SECOND, "minute", "minutes", "m"),
    HOUR(3_600 * CivilCalendar.MICROS_PER_SECOND, "hour", "hours", "h"),
    DAY(CivilCalendar.MICROS_PER_DAY, "day", "days", "d"),
    WEEK(0, "week", "weeks", "w"),
    MONTH(0, "month", "months", "mon"),
    QUARTER(0, "quarter", "quarters"),
    YEAR(0, "year", "years", "y");

    /** The unit's length when it is a fixed number of microseconds, else 0. */
    final long micros;

    final List<String> names;

    Unit(long micros, String... names) {
      this.micros = micros;
      this.names = List.of(names);
    }
  }

  private final Unit unit;
  private final Expression value;

  /**
   * @throws KernelException UNSUPPORTED when {@code unit} is not a constant, INVALID_CAST (a bad
   *     query) when it names no unit
   */
  public DateTruncExpression(Expression unit, Expression value) {
    requireNonNull(unit, "unit is null");
    this.value =
        CalendarArguments.dateOrTimestamp(requireNonNull(value, "value is null"), "DATE_TRUNC");
    this.unit =
        CalendarArguments.named(unit, Unit.values(), u -> u.names, "DATE_TRUNC's unit", "day");
  }

  @Override
  public ColumnType type() {
    return value.type();
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    try (FieldVector values = value.evaluate(input, selection, allocator)) {
      FieldVector out = Vectors.allocate(value.type(), rows, allocator);
      try {
        Vectors.copyValidity(out, values, rows);
        ArrowBuf in = values.getDataBuffer();
        ArrowBuf result = out.getDataBuffer();
        if (value.type() == ColumnType.DATE32) {
          for (int i = 0; i < rows; i++) {
            result.setInt((long) i << 2, (int) truncateDay(in.getInt((long) i << 2)));
          }
        } else {
          for (int i = 0; i < rows; i++) {
            result.setLong((long) i << 3, truncateMicros(in.getLong((long) i << 3)));
          }
        }
        out.setValueCount(rows);
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }
  }

  private long truncateMicros(long micros) {
    if (unit.micros != 0) {
      return Math.floorDiv(micros, unit.micros) * unit.micros;
    }
    return truncateDay(CivilCalendar.epochDayOf(micros)) * CivilCalendar.MICROS_PER_DAY;
  }

  /** The first day of the unit holding {@code day} (days since 1970-01-01). */
  private long truncateDay(long day) {
    switch (unit) {
      case WEEK:
        return day - Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday
      case MONTH:
      case QUARTER:
      case YEAR:
        long packed = CivilCalendar.fromEpochDay(day);
        int month = CivilCalendar.month(packed);
        int first = unit == Unit.YEAR ? 1 : unit == Unit.QUARTER ? (month - 1) / 3 * 3 + 1 : month;
        return CivilCalendar.toEpochDay(CivilCalendar.year(packed), first, 1);
      default:
        return day; // finer than a day
    }
  }

  @Override
  public List<Expression> children() {
    return List.of(value);
  }

  @Override
  public String toString() {
    return "DATE_TRUNC('" + unit.names.get(0) + "', " + value + ")";
  }
}
