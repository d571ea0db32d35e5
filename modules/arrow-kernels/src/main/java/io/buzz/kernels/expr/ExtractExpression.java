package io.buzz.kernels.expr;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code EXTRACT(field FROM operand)} and {@code DATE_PART('field', operand)} of a DATE32 or
 * TIMESTAMP_MICROS operand, as INT64, with DuckDB's definitions: the proleptic Gregorian year
 * (astronomical: 1 BC is 0), month, day, hour, minute or whole second, in UTC ({@link
 * CivilCalendar}); {@code dow} 0–6 from Sunday, {@code isodow} 1–7 from Monday, {@code doy} 1–366,
 * {@code week} the ISO week (1–53, weeks start on Monday and week 1 holds the year's first
 * Thursday), {@code quarter} 1–4, {@code isoyear} the year of the ISO week. Correct before 1970: a
 * timestamp's day rounds toward the past. A date's hour, minute and second are 0. A TIME_MICROS
 * operand has only the hour, minute and second (the hour of {@code 24:00:00}, the end of a day, is
 * 24). NULL stays NULL.
 */
public record ExtractExpression(Field field, Expression operand) implements Expression {
  /** The part of a date or timestamp to extract, with the names SQL may spell it by. */
  public enum Field {
    YEAR(0, "year", "years", "y"),
    MONTH(0, "month", "months", "mon"),
    DAY(0, "day", "days", "d", "dayofmonth"),
    HOUR(3_600_000_000L, "hour", "hours", "h"),
    MINUTE(60_000_000L, "minute", "minutes", "m"),
    SECOND(CivilCalendar.MICROS_PER_SECOND, "second", "seconds", "s"),
    DOW(0, "dow", "dayofweek", "weekday"),
    ISODOW(0, "isodow"),
    DOY(0, "doy", "dayofyear"),
    WEEK(0, "week", "weeks", "w", "weekofyear"),
    QUARTER(0, "quarter", "quarters"),
    ISOYEAR(0, "isoyear");

    /** The length of one unit of a time field in microseconds; 0 for date fields. */
    private final long micros;

    private final List<String> names;

    Field(long micros, String... names) {
      this.micros = micros;
      this.names = List.of(names);
    }

    /** True for HOUR, MINUTE and SECOND, which a TIME_MICROS also has. */
    public boolean isTimeOfDay() {
      return micros != 0;
    }

    /** The lower-case names SQL may spell the field by, the usual one first. */
    public List<String> names() {
      return names;
    }
  }

  public ExtractExpression {
    requireNonNull(field, "field is null");
    requireNonNull(operand, "operand is null");
    if (!supports(field, operand.type())) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "EXTRACT "
              + field
              + (field.isTimeOfDay()
                  ? " needs a DATE32, TIMESTAMP_MICROS or TIME_MICROS operand, got "
                  : " needs a DATE32 or TIMESTAMP_MICROS operand, got ")
              + operand.type());
    }
  }

  /** True when {@code field} can be extracted from values of {@code type}. */
  public static boolean supports(Field field, ColumnType type) {
    return type == ColumnType.DATE32
        || type == ColumnType.TIMESTAMP_MICROS
        || type == ColumnType.TIME_MICROS && field.isTimeOfDay();
  }

  @Override
  public ColumnType type() {
    return ColumnType.INT64;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    try (FieldVector value = operand.evaluate(input, selection, allocator)) {
      FieldVector out = Vectors.allocate(ColumnType.INT64, rows, allocator);
      try {
        Vectors.copyValidity(out, value, rows);
        ArrowBuf a = value.getDataBuffer();
        ArrowBuf r = out.getDataBuffer();
        boolean date = operand.type() == ColumnType.DATE32;
        if (!field.isTimeOfDay()) {
          for (int i = 0; i < rows; i++) {
            long day =
                date ? a.getInt((long) i << 2) : CivilCalendar.epochDayOf(a.getLong((long) i << 3));
            r.setLong((long) i << 3, datePart(day));
          }
        } else if (!date) {
          timeParts(a, r, rows, operand.type() == ColumnType.TIME_MICROS);
        }
        // A date's time fields stay 0, as allocated.
        out.setValueCount(rows);
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }
  }

  /**
   * The time field of each value, a time of day or a timestamp. One loop per field, so that each
   * divides by a constant (which the JIT turns into a multiplication: a third of the time of
   * dividing by a variable, measured).
   */
  private void timeParts(ArrowBuf a, ArrowBuf r, int rows, boolean timeOfDay) {
    switch (field) {
      case HOUR -> {
        for (int i = 0; i < rows; i++) {
          r.setLong((long) i << 3, ofDay(a.getLong((long) i << 3), timeOfDay) / 3_600_000_000L);
        }
      }
      case MINUTE -> {
        for (int i = 0; i < rows; i++) {
          long minutes = ofDay(a.getLong((long) i << 3), timeOfDay) / 60_000_000L;
          r.setLong((long) i << 3, minutes % 60);
        }
      }
      case SECOND -> {
        for (int i = 0; i < rows; i++) {
          long seconds = ofDay(a.getLong((long) i << 3), timeOfDay) / 1_000_000L;
          r.setLong((long) i << 3, seconds % 60);
        }
      }
      default -> throw new IllegalStateException(field + " is not a time field");
    }
  }

  /**
   * Microseconds since midnight: a TIME_MICROS value as it is (in range by the type), a timestamp's
   * time of day.
   */
  private static long ofDay(long micros, boolean timeOfDay) {
    return timeOfDay ? micros : CivilCalendar.microsOfDay(micros);
  }

  /** The date field of the day {@code day} (days since 1970-01-01, a Thursday). */
  private long datePart(long day) {
    long isoDow = Math.floorMod(day + 3, 7) + 1; // 1 = Monday … 7 = Sunday
    return switch (field) {
      case YEAR -> CivilCalendar.year(CivilCalendar.fromEpochDay(day));
      case MONTH -> CivilCalendar.month(CivilCalendar.fromEpochDay(day));
      case DAY -> CivilCalendar.day(CivilCalendar.fromEpochDay(day));
      case DOW -> isoDow % 7;
      case ISODOW -> isoDow;
      case DOY -> dayOfYear(day);
      case WEEK -> (dayOfYear(day - isoDow + 4) - 1) / 7 + 1; // by the week's Thursday
      case ISOYEAR -> CivilCalendar.year(CivilCalendar.fromEpochDay(day - isoDow + 4));
      case QUARTER -> (CivilCalendar.month(CivilCalendar.fromEpochDay(day)) - 1) / 3 + 1;
      case HOUR, MINUTE, SECOND -> throw new IllegalStateException(field + " is not a date field");
    };
  }

  private static long dayOfYear(long day) {
    long year = CivilCalendar.year(CivilCalendar.fromEpochDay(day));
    return day - CivilCalendar.toEpochDay(year, 1, 1) + 1;
  }

  @Override
  public List<Expression> children() {
    return List.of(operand);
  }

  @Override
  public String toString() {
    return "EXTRACT(" + field + " FROM " + operand + ")";
  }
}
