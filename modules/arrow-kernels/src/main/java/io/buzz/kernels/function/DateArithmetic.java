package io.buzz.kernels.function;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.CivilCalendar;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Vectors;
import io.buzz.kernels.function.ScalarFunction.Signature;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Date and timestamp arithmetic with DuckDB's semantics: {@code date_add} (what the planner makes
 * of {@code x ± INTERVAL …}: months first, clamped to the month's last day — {@code 2024-01-31 + 1
 * month} is {@code 2024-02-29} — then microseconds) and {@code DATE_DIFF(unit, a, b)}, the number
 * of unit boundaries from a to b ({@code DATE_DIFF('month', DATE '2024-01-31', DATE '2024-02-01')}
 * is 1).
 */
final class DateArithmetic {
  private static final ColumnType DATE = ColumnType.DATE32;
  private static final ColumnType TIMESTAMP = ColumnType.TIMESTAMP_MICROS;
  private static final ColumnType I64 = ColumnType.INT64;

  /** The units of DATE_DIFF, each with the names it answers to. */
  enum Unit {
    YEAR(List.of("year", "years", "y", "yr", "yrs")),
    QUARTER(List.of("quarter", "quarters")),
    MONTH(List.of("month", "months", "mon", "mons")),
    DAY(List.of("day", "days", "d")),
    HOUR(List.of("hour", "hours", "h", "hr", "hrs")),
    MINUTE(List.of("minute", "minutes", "m", "min", "mins")),
    SECOND(List.of("second", "seconds", "s", "sec", "secs")),
    MILLISECOND(List.of("millisecond", "milliseconds", "ms", "msec")),
    MICROSECOND(List.of("microsecond", "microseconds", "us", "usec"));

    final List<String> names;

    Unit(List<String> names) {
      this.names = names;
    }
  }

  private DateArithmetic() {}

  static List<ScalarFunction> all() {
    return List.of(
        new ScalarFunction(
            "date_add",
            List.of(),
            List.of(
                new Signature(List.of(DATE, I64, I64), DATE),
                new Signature(List.of(TIMESTAMP, I64, I64), TIMESTAMP)),
            args -> new Shift(args.get(0), args.get(1), args.get(2)),
            "x + months + microseconds: x ± INTERVAL (a DATE moves by whole days)"),
        new ScalarFunction(
            "date_diff",
            List.of("DATEDIFF", "DATE_DIFF"),
            List.of(
                new Signature(List.of(ColumnType.UTF8, TIMESTAMP, TIMESTAMP), I64),
                new Signature(List.of(ColumnType.UTF8, DATE, DATE), I64)),
            args ->
                new Difference(
                    CalendarArguments.named(
                        args.get(0), Unit.values(), unit -> unit.names, "DATE_DIFF's unit", "day"),
                    CalendarArguments.dateOrTimestamp(args.get(1), "DATE_DIFF"),
                    args.get(2)),
            "DATE_DIFF('unit', a, b): unit boundaries from a to b (year … microsecond)"));
  }

  /** {@code value} moved by a number of months, then of microseconds, per row. */
  private static final class Shift extends Binary {
    Shift(Expression value, Expression months, Expression micros) {
      super("date_add", value.type(), List.of(value, months, micros));
      CalendarArguments.dateOrTimestamp(value, "date_add");
    }

    @Override
    long compute(long[] args) {
      long value = args[0];
      long months = args[1];
      long micros = args[2];
      if (type() == DATE) {
        return Math.addExact(
            addMonths(value, months), Math.floorDiv(micros, CivilCalendar.MICROS_PER_DAY));
      }
      long day = CivilCalendar.epochDayOf(value);
      long timeOfDay = CivilCalendar.microsOfDay(value);
      long shifted = Math.multiplyExact(addMonths(day, months), CivilCalendar.MICROS_PER_DAY);
      return Math.addExact(Math.addExact(shifted, timeOfDay), micros);
    }

    /** The epoch day {@code months} calendar months after {@code day}, clamped to month ends. */
    private static long addMonths(long day, long months) {
      if (months == 0) {
        return day;
      }
      long packed = CivilCalendar.fromEpochDay(day);
      long index =
          Math.addExact(CivilCalendar.year(packed) * 12 + CivilCalendar.month(packed) - 1, months);
      long year = Math.floorDiv(index, 12);
      int month = (int) Math.floorMod(index, 12) + 1;
      int dayOfMonth = Math.min(CivilCalendar.day(packed), CivilCalendar.daysInMonth(year, month));
      return CivilCalendar.toEpochDay(year, month, dayOfMonth);
    }
  }

  /** DATE_DIFF over two DATE or two TIMESTAMP values. */
  private static final class Difference extends Binary {
    private final Unit unit;

    Difference(Unit unit, Expression from, Expression to) {
      super("date_diff", I64, List.of(from, to));
      this.unit = unit;
      if (to.type() != from.type()) {
        throw new KernelException(
            KernelException.Kind.UNSUPPORTED,
            "DATE_DIFF needs two DATEs or two TIMESTAMPs, got "
                + from.type()
                + " and "
                + to.type());
      }
    }

    @Override
    long compute(long[] args) {
      boolean dates = operands.get(0).type() == DATE;
      long a = dates ? Math.multiplyExact(args[0], CivilCalendar.MICROS_PER_DAY) : args[0];
      long b = dates ? Math.multiplyExact(args[1], CivilCalendar.MICROS_PER_DAY) : args[1];
      return switch (unit) {
        case YEAR -> CivilCalendar.year(civil(b)) - CivilCalendar.year(civil(a));
        case QUARTER -> quarters(b) - quarters(a);
        case MONTH -> months(b) - months(a);
        case DAY -> CivilCalendar.epochDayOf(b) - CivilCalendar.epochDayOf(a);
        case HOUR -> Math.floorDiv(b, 3_600_000_000L) - Math.floorDiv(a, 3_600_000_000L);
        case MINUTE -> Math.floorDiv(b, 60_000_000L) - Math.floorDiv(a, 60_000_000L);
        case SECOND -> Math.floorDiv(b, 1_000_000L) - Math.floorDiv(a, 1_000_000L);
        case MILLISECOND -> Math.floorDiv(b, 1_000L) - Math.floorDiv(a, 1_000L);
        case MICROSECOND -> Math.subtractExact(b, a);
      };
    }

    private static long civil(long micros) {
      return CivilCalendar.fromEpochDay(CivilCalendar.epochDayOf(micros));
    }

    private static long months(long micros) {
      long packed = civil(micros);
      return CivilCalendar.year(packed) * 12 + CivilCalendar.month(packed);
    }

    private static long quarters(long micros) {
      long packed = civil(micros);
      return CivilCalendar.year(packed) * 4 + (CivilCalendar.month(packed) - 1) / 3;
    }
  }

  /**
   * A strict function of DATE32, TIMESTAMP and INT64 operands to a DATE32, TIMESTAMP or INT64
   * value, computed in longs over the operands' buffers. An overflow is an ARITHMETIC error.
   */
  private abstract static class Binary implements Expression {
    private final String name;
    private final ColumnType type;
    final List<Expression> operands;

    Binary(String name, ColumnType type, List<Expression> operands) {
      this.name = name;
      this.type = type;
      this.operands = List.copyOf(operands);
    }

    abstract long compute(long[] args);

    @Override
    public ColumnType type() {
      return type;
    }

    @Override
    public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
      int rows = Vectors.rowCount(input, selection);
      try (EvaluatedOperands values = EvaluatedOperands.of(operands, input, selection, allocator)) {
        FieldVector out = Vectors.allocate(type, rows, allocator);
        try {
          boolean nulls = Vectors.andValidity(out, values.vectors, rows);
          ArrowBuf validity = out.getValidityBuffer();
          ArrowBuf result = out.getDataBuffer();
          long[] args = new long[operands.size()];
          for (int i = 0; i < rows; i++) {
            if (nulls && !Vectors.bit(validity, i)) {
              continue;
            }
            for (int a = 0; a < args.length; a++) {
              ArrowBuf data = values.vectors[a].getDataBuffer();
              args[a] =
                  operands.get(a).type() == DATE
                      ? data.getInt((long) i << 2)
                      : data.getLong((long) i << 3);
            }
            long value;
            try {
              value = compute(args);
            } catch (ArithmeticException e) {
              throw new KernelException(
                  KernelException.Kind.ARITHMETIC, name + " is out of range: " + e.getMessage());
            }
            if (type == DATE) {
              if ((int) value != value) {
                throw new KernelException(
                    KernelException.Kind.ARITHMETIC, name + " is out of the range of DATE");
              }
              result.setInt((long) i << 2, (int) value);
            } else {
              result.setLong((long) i << 3, value);
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

    @Override
    public List<Expression> children() {
      return operands;
    }

    @Override
    public String toString() {
      return name + operands;
    }
  }
}
