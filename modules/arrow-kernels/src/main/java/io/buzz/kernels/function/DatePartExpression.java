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
 * {@code DATE_PART(part, value)} (and EXTRACT of the same parts) of a DATE32 or TIMESTAMP_MICROS,
 * as INT64, with DuckDB's definitions: {@code dow} 0–6 from Sunday, {@code isodow} 1–7 from Monday,
 * {@code doy} 1–366, {@code week} the ISO week (1–53, weeks start on Monday and week 1 holds the
 * year's first Thursday), {@code quarter} 1–4, {@code isoyear} the year of the ISO week; also
 * {@code year}, {@code month}, {@code day}. The part is a constant, checked when the expression is
 * built. NULL stays NULL.
 */
public final class DatePartExpression implements Expression {
  /** The parts, each with the names SQL may spell it by. */
  enum Part {
    DOW("dow", "dayofweek", "weekday"),
    ISODOW("isodow"),
    DOY("doy", "dayofyear"),
    WEEK("week", "weeks", "w", "weekofyear"),
    QUARTER("quarter", "quarters"),
    ISOYEAR("isoyear"),
    YEAR("year", "years", "y"),
    MONTH("month", "months", "mon"),
    DAY("day", "days", "d", "dayofmonth");

    final List<String> names;

    Part(String... names) {
      this.names = List.of(names);
    }
  }

  private final Part part;
  private final Expression value;

  /**
   * @throws KernelException UNSUPPORTED when {@code part} is not a constant, INVALID_CAST (a bad
   *     query) when it names no part
   */
  public DatePartExpression(Expression part, Expression value) {
    requireNonNull(part, "part is null");
    this.value =
        CalendarArguments.dateOrTimestamp(requireNonNull(value, "value is null"), "DATE_PART");
    this.part =
        CalendarArguments.named(part, Part.values(), u -> u.names, "DATE_PART's part", "dow");
  }

  @Override
  public ColumnType type() {
    return ColumnType.INT64;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    boolean date = value.type() == ColumnType.DATE32;
    try (FieldVector values = value.evaluate(input, selection, allocator)) {
      FieldVector out = Vectors.allocate(ColumnType.INT64, rows, allocator);
      try {
        Vectors.copyValidity(out, values, rows);
        ArrowBuf in = values.getDataBuffer();
        ArrowBuf result = out.getDataBuffer();
        for (int i = 0; i < rows; i++) {
          long day =
              date ? in.getInt((long) i << 2) : CivilCalendar.epochDayOf(in.getLong((long) i << 3));
          result.setLong((long) i << 3, part(day));
        }
        out.setValueCount(rows);
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }
  }

  /** The part of the day {@code day} (days since 1970-01-01, a Thursday). */
  private long part(long day) {
    long isoDow = Math.floorMod(day + 3, 7) + 1; // 1 = Monday … 7 = Sunday
    return switch (part) {
      case DOW -> isoDow % 7;
      case ISODOW -> isoDow;
      case DOY -> dayOfYear(day);
      case WEEK -> (dayOfYear(day - isoDow + 4) - 1) / 7 + 1; // by the week's Thursday
      case ISOYEAR -> CivilCalendar.year(CivilCalendar.fromEpochDay(day - isoDow + 4));
      case QUARTER -> (CivilCalendar.month(CivilCalendar.fromEpochDay(day)) - 1) / 3 + 1;
      case YEAR -> CivilCalendar.year(CivilCalendar.fromEpochDay(day));
      case MONTH -> CivilCalendar.month(CivilCalendar.fromEpochDay(day));
      case DAY -> CivilCalendar.day(CivilCalendar.fromEpochDay(day));
    };
  }

  private static long dayOfYear(long day) {
    long year = CivilCalendar.year(CivilCalendar.fromEpochDay(day));
    return day - CivilCalendar.toEpochDay(year, 1, 1) + 1;
  }

  @Override
  public List<Expression> children() {
    return List.of(value);
  }

  @Override
  public String toString() {
    return "DATE_PART('" + part.names.get(0) + "', " + value + ")";
  }
}
