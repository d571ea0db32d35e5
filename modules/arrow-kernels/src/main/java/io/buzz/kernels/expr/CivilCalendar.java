package io.buzz.kernels.expr;

/**
 * Conversions between days since 1970-01-01 and proleptic Gregorian (year, month, day), with
 * astronomical year numbering (year 0 is 1 BC, -1 is 2 BC), in UTC. Correct for every day of DATE32
 * and TIMESTAMP_MICROS, including those before 1970 and before year 1.
 *
 * <p>The calendar repeats every 400 years (146097 days); a date is located by its 400-year era,
 * then its year within the era counted from March 1st, so that the leap day is the last day of the
 * shifted year and month lengths follow the 153-days-per-5-months pattern.
 *
 * <p>Dates come back packed in a long ({@link #pack}) so hot loops allocate nothing.
 */
public final class CivilCalendar {
  /** Days from 0000-03-01 to 1970-01-01. */
  private static final long EPOCH_SHIFT = 719468;

  private static final long DAYS_PER_ERA = 146097;
  public static final long MICROS_PER_DAY = 86_400_000_000L;
  public static final long MICROS_PER_SECOND = 1_000_000L;

  private CivilCalendar() {}

  /** Packs a date: the year in the high bits, month (1-12) and day (1-31) in the low 9 bits. */
  public static long pack(long year, long month, long day) {
    return (year << 9) | (month << 5) | day;
  }

  public static long year(long packed) {
    return packed >> 9;
  }

  public static int month(long packed) {
    return (int) ((packed >>> 5) & 0xF);
  }

  public static int day(long packed) {
    return (int) (packed & 0x1F);
  }

  /** The packed date of {@code days} since 1970-01-01. */
  public static long fromEpochDay(long days) {
    long shifted = days + EPOCH_SHIFT;
    long era = Math.floorDiv(shifted, DAYS_PER_ERA);
    long dayOfEra = shifted - era * DAYS_PER_ERA; // [0, 146096]
    long yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365; // [0, 399]
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100); // [0, 365]
    long shiftedMonth = (5 * dayOfYear + 2) / 153; // [0, 11], 0 = March
    long day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    long month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return pack(year, month, day);
  }

  /** Days since 1970-01-01 of a valid date (see {@link #isValid}). */
  public static long toEpochDay(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long shiftedMonth = month > 2 ? month - 3 : month + 9;
    long dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
  }

  public static boolean isLeapYear(long year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  public static int daysInMonth(long year, int month) {
    return switch (month) {
      case 2 -> isLeapYear(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  public static boolean isValid(long year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }

  /** The day (since 1970-01-01) of a timestamp in microseconds, rounding toward the past. */
  public static long epochDayOf(long micros) {
    return Math.floorDiv(micros, MICROS_PER_DAY);
  }

  /** Microseconds since midnight of a timestamp in microseconds, in [0, 86400000000). */
  public static long microsOfDay(long micros) {
    return Math.floorMod(micros, MICROS_PER_DAY);
  }
}
