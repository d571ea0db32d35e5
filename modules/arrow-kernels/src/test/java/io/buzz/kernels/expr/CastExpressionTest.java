package io.buzz.kernels.expr;

import static io.buzz.kernels.batch.ColumnType.BOOL;
import static io.buzz.kernels.batch.ColumnType.DATE32;
import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.TIMESTAMP_MICROS;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.testing.TestBatches.Column;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CastExpressionTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private List<Object> cast(ColumnType from, ColumnType to, Object... input) {
    try (Batch batch = batch(allocator, Column.of("x", from, input));
        FieldVector result =
            new CastExpression(new ColumnReference(0, from), to).evaluate(batch, null, allocator)) {
      return values(result);
    }
  }

  private static int days(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  private static long micros(String timestamp) {
    return ChronoUnit.MICROS.between(
        LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.parse(timestamp));
  }

  @Test
  void numericCasts() {
    assertThat(cast(INT32, INT64, 1, null, -2)).containsExactly(1L, null, -2L);
    assertThat(cast(INT32, FLOAT64, 1, null, -2)).containsExactly(1.0, null, -2.0);
    assertThat(cast(INT64, INT32, 1L, null, -2147483648L))
        .containsExactly(1, null, Integer.MIN_VALUE);
    assertThat(cast(INT64, FLOAT64, 1L << 53, null)).containsExactly(9007199254740992.0, null);
    // half to even, like DuckDB
    assertThat(cast(FLOAT64, INT32, 2.5, 3.5, -2.5, -2.6, 0.49999999999999994, null))
        .containsExactly(2, 4, -2, -3, 0, null);
    assertThat(cast(FLOAT64, INT64, 1e18, -9.223372036854775808E18))
        .containsExactly(1_000_000_000_000_000_000L, Long.MIN_VALUE);
    assertThat(cast(INT64, INT64, 5L)).containsExactly(5L);
  }

  @Test
  void outOfRangeCastsThrowInvalidCastNamingTheValue() {
    assertInvalid(() -> cast(INT64, INT32, 1L, 2147483648L), "2147483648");
    assertInvalid(() -> cast(FLOAT64, INT32, 2147483647.5), "2147483647.5");
    assertInvalid(() -> cast(FLOAT64, INT64, 9.3e18), "9.3e+18");
    assertInvalid(() -> cast(FLOAT64, INT64, Double.NaN), "nan");
    assertInvalid(() -> cast(FLOAT64, INT32, Double.POSITIVE_INFINITY), "inf");
    // a NULL row never fails
    assertThat(cast(INT64, INT32, (Object) null)).containsExactly((Object) null);
  }

  @Test
  void everythingFormatsToUtf8LikeDuckDb() {
    assertThat(cast(BOOL, UTF8, true, false, null)).containsExactly("true", "false", null);
    assertThat(cast(INT32, UTF8, 0, -12, Integer.MIN_VALUE))
        .containsExactly("0", "-12", "-2147483648");
    assertThat(cast(INT64, UTF8, Long.MIN_VALUE, Long.MAX_VALUE))
        .containsExactly("-9223372036854775808", "9223372036854775807");
    assertThat(
            cast(
                FLOAT64,
                UTF8,
                1.0,
                1e20,
                1e15,
                1e16,
                0.0001,
                0.00001,
                0.1 + 0.2,
                -0.0,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                123456789.125,
                4.9e-324,
                1.2345678901234568e17,
                1.0 / 3,
                100.0,
                1e-7,
                2.82879384806159E17))
        .containsExactly(
            "1.0",
            "1e+20",
            "1000000000000000.0",
            "1e+16",
            "0.0001",
            "1e-05",
            "0.30000000000000004",
            "-0.0",
            "nan",
            "inf",
            "-inf",
            "123456789.125",
            "5e-324",
            "1.2345678901234568e+17",
            "0.3333333333333333",
            "100.0",
            "1e-07",
            "2.82879384806159e+17");
    assertThat(cast(DATE32, UTF8, days("2024-02-29"), days("1969-12-31"), 0, null))
        .containsExactly("2024-02-29", "1969-12-31", "1970-01-01", null);
    assertThat(cast(DATE32, UTF8, days("-0044-03-15"), days("0000-12-31"), days("+12345-01-01")))
        .containsExactly("0045-03-15 (BC)", "0001-12-31 (BC)", "12345-01-01");
    assertThat(
            cast(
                TIMESTAMP_MICROS,
                UTF8,
                micros("2020-01-01T10:00:00.500"),
                micros("2020-01-01T10:00:00"),
                micros("1969-12-31T23:59:59.999999"),
                micros("2020-01-01T10:00:00.000120")))
        .containsExactly(
            "2020-01-01 10:00:00.5",
            "2020-01-01 10:00:00",
            "1969-12-31 23:59:59.999999",
            "2020-01-01 10:00:00.00012");
  }

  @Test
  void shortestDoubleTextReadsBack() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        continue;
      }
      String text = Utf8Formatter.formatDouble(value);
      String digits = ShortestDecimal.of(value == 0 ? 1 : value).digits();
      assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
      assertThat(digits.length()).isLessThanOrEqualTo(17);
    }
  }

  @Test
  void utf8ParsesToEveryType() {
    assertThat(cast(UTF8, INT32, " 12 ", "-0", "+5", "2.5", "-2.5", "1.4", null, "00012"))
        .containsExactly(12, 0, 5, 3, -3, 1, null, 12);
    assertThat(cast(UTF8, INT64, "-9223372036854775808", "9223372036854775807"))
        .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(cast(UTF8, FLOAT64, " 1e3 ", ".5", "5.", "-inf", "Infinity", "0.1e-2"))
        .containsExactly(
            1000.0, 0.5, 5.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.001);
    assertThat((Double) cast(UTF8, FLOAT64, "NaN").get(0)).isNaN();
    assertThat(cast(UTF8, BOOL, "true", " F ", "yes", "n", "1", "0", "TRUE"))
        .containsExactly(true, false, true, false, true, false, true);
    assertThat(cast(UTF8, DATE32, "2020-1-5", " 2024-02-29 ", "0045-03-15 (BC)", "-0044-03-15"))
        .containsExactly(
            days("2020-01-05"), days("2024-02-29"), days("-0044-03-15"), days("-0044-03-15"));
    assertThat(
            cast(
                UTF8,
                TIMESTAMP_MICROS,
                "2020-01-05",
                "2020-01-05T10:11",
                "2020-01-05 1:02:03.1234567",
                "1969-12-31 23:59:59.5Z"))
        .containsExactly(
            micros("2020-01-05T00:00"),
            micros("2020-01-05T10:11"),
            micros("2020-01-05T01:02:03.123456"),
            micros("1969-12-31T23:59:59.5"));
  }

  @Test
  void invalidTextThrowsInvalidCastNamingTheText() {
    assertInvalid(() -> cast(UTF8, INT64, "12", "abc"), "'abc' to INT64");
    assertInvalid(() -> cast(UTF8, INT32, "2147483648"), "'2147483648' to INT32");
    assertInvalid(() -> cast(UTF8, INT32, "1 2"), "'1 2'");
    assertInvalid(() -> cast(UTF8, INT64, ""), "'' to INT64");
    assertInvalid(() -> cast(UTF8, FLOAT64, "1d"), "'1d'");
    assertInvalid(() -> cast(UTF8, FLOAT64, "0x1p3"), "'0x1p3'");
    assertInvalid(() -> cast(UTF8, BOOL, "maybe"), "'maybe' to BOOL");
    assertInvalid(() -> cast(UTF8, DATE32, "2020-02-30"), "'2020-02-30' to DATE32");
    assertInvalid(() -> cast(UTF8, DATE32, "20200105"), "'20200105'");
    assertInvalid(() -> cast(UTF8, TIMESTAMP_MICROS, "2020-01-05 25:00"), "'2020-01-05 25:00'");
    assertInvalid(() -> cast(UTF8, TIMESTAMP_MICROS, "2020-01-05 10:11:60"), "10:11:60");
  }

  @Test
  void datesAndTimestampsConvert() {
    assertThat(cast(DATE32, TIMESTAMP_MICROS, days("2020-01-05"), days("1969-12-31"), null))
        .containsExactly(micros("2020-01-05T00:00"), micros("1969-12-31T00:00"), null);
    assertThat(
            cast(
                TIMESTAMP_MICROS,
                DATE32,
                micros("2020-01-05T23:59:59.999999"),
                micros("1969-12-31T23:59:59"),
                micros("1969-12-31T00:00")))
        .containsExactly(days("2020-01-05"), days("1969-12-31"), days("1969-12-31"));
    assertInvalid(() -> cast(DATE32, TIMESTAMP_MICROS, Integer.MAX_VALUE), "out of range");
  }

  @Test
  void unsupportedCastIsRejectedAtConstruction() {
    assertThatThrownBy(() -> new CastExpression(Literal.ofBool(true), INT64))
        .isInstanceOfSatisfying(
            KernelException.class,
            e -> assertThat(e.kind()).isEqualTo(KernelException.Kind.UNSUPPORTED));
  }

  @Test
  void extractMatchesJavaTimeBeforeAndAfter1970() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 2000; i++) {
      long micros = random.nextLong() % (400L * 365 * 86_400_000_000L * 30);
      LocalDateTime expected =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L),
              (int) Math.floorMod(micros, 1_000_000L) * 1000,
              ZoneOffset.UTC);
      long date = CivilCalendar.fromEpochDay(CivilCalendar.epochDayOf(micros));
      assertThat(CivilCalendar.year(date)).isEqualTo(expected.getYear());
      assertThat(CivilCalendar.month(date)).isEqualTo(expected.getMonthValue());
      assertThat(CivilCalendar.day(date)).isEqualTo(expected.getDayOfMonth());
      assertThat(
              CivilCalendar.toEpochDay(
                  expected.getYear(), expected.getMonthValue(), expected.getDayOfMonth()))
          .isEqualTo(expected.toLocalDate().toEpochDay());
    }
    long ts = micros("1969-12-31T23:58:07.250");
    int day = days("0000-02-29"); // 1 BC, a leap year
    try (Batch input =
        batch(
            allocator,
            Column.of("ts", TIMESTAMP_MICROS, ts, null),
            Column.of("d", DATE32, day, day))) {
      Expression t = new ColumnReference(0, TIMESTAMP_MICROS);
      Expression d = new ColumnReference(1, DATE32);
      Object[][] expectations = {
        {ExtractExpression.Field.YEAR, 1969L, 0L},
        {ExtractExpression.Field.MONTH, 12L, 2L},
        {ExtractExpression.Field.DAY, 31L, 29L},
        {ExtractExpression.Field.HOUR, 23L, 0L},
        {ExtractExpression.Field.MINUTE, 58L, 0L},
        {ExtractExpression.Field.SECOND, 7L, 0L},
      };
      for (Object[] e : expectations) {
        ExtractExpression.Field field = (ExtractExpression.Field) e[0];
        try (FieldVector onTs = new ExtractExpression(field, t).evaluate(input, null, allocator);
            FieldVector onDate = new ExtractExpression(field, d).evaluate(input, null, allocator)) {
          assertThat(values(onTs)).as(field.name()).containsExactly(e[1], null);
          assertThat(values(onDate)).as(field.name()).containsExactly(e[2], e[2]);
        }
      }
    }
  }

  /** Asserts that {@code cast} fails with INVALID_CAST naming {@code message}. */
  static void assertInvalid(Runnable cast, String message) {
    assertThatThrownBy(cast::run)
        .isInstanceOfSatisfying(
            KernelException.class,
            e -> assertThat(e.kind()).isEqualTo(KernelException.Kind.INVALID_CAST))
        .hasMessageContaining(message);
  }
}
