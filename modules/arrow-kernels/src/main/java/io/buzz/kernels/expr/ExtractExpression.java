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
 * {@code EXTRACT(field FROM operand)} of a DATE32 or TIMESTAMP_MICROS operand, as INT64: the
 * proleptic Gregorian year (astronomical: 1 BC is 0), month, day, hour, minute or whole second, in
 * UTC ({@link CivilCalendar}). Correct before 1970: a timestamp's day rounds toward the past. A
 * date's hour, minute and second are 0. A TIME_MICROS operand has only the hour, minute and second
 * (the hour of {@code 24:00:00}, the end of a day, is 24).
 */
public record ExtractExpression(Field field, Expression operand) implements Expression {
  /** The part of a date or timestamp to extract. */
  public enum Field {
    YEAR(0),
    MONTH(0),
    DAY(0),
    HOUR(3_600_000_000L),
    MINUTE(60_000_000L),
    SECOND(CivilCalendar.MICROS_PER_SECOND);

    /** The length of one unit of a time field in microseconds; 0 for date fields. */
    private final long micros;

    Field(long micros) {
      this.micros = micros;
    }

    /** True for HOUR, MINUTE and SECOND, which a TIME_MICROS also has. */
    public boolean isTimeOfDay() {
      return micros != 0;
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
        switch (field) {
          case YEAR, MONTH, DAY -> {
            for (int i = 0; i < rows; i++) {
              long days =
                  date
                      ? a.getInt((long) i << 2)
                      : CivilCalendar.epochDayOf(a.getLong((long) i << 3));
              long packed = CivilCalendar.fromEpochDay(days);
              long part =
                  field == Field.YEAR
                      ? CivilCalendar.year(packed)
                      : field == Field.MONTH
                          ? CivilCalendar.month(packed)
                          : CivilCalendar.day(packed);
              r.setLong((long) i << 3, part);
            }
          }
          case HOUR, MINUTE, SECOND -> {
            long unit = field.micros;
            long modulus = field == Field.HOUR ? Long.MAX_VALUE : 60;
            if (operand.type() == ColumnType.TIME_MICROS) {
              for (int i = 0; i < rows; i++) {
                r.setLong((long) i << 3, (a.getLong((long) i << 3) / unit) % modulus);
              }
            } else if (!date) {
              for (int i = 0; i < rows; i++) {
                long ofDay = CivilCalendar.microsOfDay(a.getLong((long) i << 3));
                r.setLong((long) i << 3, (ofDay / unit) % modulus);
              }
            }
          }
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

  @Override
  public List<Expression> children() {
    return List.of(operand);
  }

  @Override
  public String toString() {
    return "EXTRACT(" + field + " FROM " + operand + ")";
  }
}
