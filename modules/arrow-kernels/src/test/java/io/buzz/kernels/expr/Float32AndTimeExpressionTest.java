package io.buzz.kernels.expr;

import static io.buzz.kernels.batch.ColumnType.BOOL;
import static io.buzz.kernels.batch.ColumnType.FLOAT32;
import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.TIMESTAMP_MICROS;
import static io.buzz.kernels.batch.ColumnType.TIME_MICROS;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static io.buzz.kernels.expr.CastExpressionTest.assertInvalid;
import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.testing.TestBatches.Column;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FLOAT32 and TIME_MICROS in the expression kernels: casts with their edge values (the expected
 * values are DuckDB's answers to the same casts), comparisons, EXTRACT and CASE.
 */
class Float32AndTimeExpressionTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private List<Object> eval(Expression expression, Batch input) {
    try (FieldVector result = expression.evaluate(input, null, allocator)) {
      return values(result);
    }
  }

  private List<Object> cast(ColumnType from, ArrowType to, Object... input) {
    try (Batch batch = batch(allocator, Column.of("x", from, input))) {
      return eval(CastExpression.to(new ColumnReference(0, from), to), batch);
    }
  }

  private List<Object> cast(ColumnType from, ColumnType to, Object... input) {
    return cast(from, to.arrowType(), input);
  }

  private static long micros(String time) {
    return LocalTime.parse(time).toNanoOfDay() / 1000;
  }

  @Test
  void floatsRoundOnceFromIntegersDoublesAndText() {
    assertThat(cast(INT32, FLOAT32, 16_777_217, -3, null)).containsExactly(16_777_216f, -3f, null);
    // rounding through a double would give 9.0071998E15
    assertThat(cast(INT64, FLOAT32, 9_007_199_791_611_905L)).containsExactly(9.0072003E15f);
    assertThat(cast(FLOAT64, FLOAT32, 1.1, Double.NaN, -0.0, Double.NEGATIVE_INFINITY, 1e-50))
        .containsExactly(1.1f, Float.NaN, -0.0f, Float.NEGATIVE_INFINITY, 0.0f);
    // just below the tie between two floats: rounding through a double would land on the tie
    assertThat(cast(UTF8, FLOAT32, "1.1", " 1.5 ", "1e39", "-inf", "nan", "1.00000017881393432"))
        .containsExactly(
            1.1f, 1.5f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1.0000001f);
    assertInvalid(() -> cast(FLOAT64, FLOAT32, 1.0, 1e39), "1e+39");
    assertInvalid(() -> cast(UTF8, FLOAT32, "1.5f"), "'1.5f'");
  }

  @Test
  void floatsWidenExactlyAndRoundToIntegersHalfToEven() {
    assertThat(cast(FLOAT32, FLOAT64, 1.1f, -0.0f, Float.NaN, null))
        .containsExactly(1.100000023841858, -0.0, Double.NaN, null);
    assertThat(cast(FLOAT32, INT32, 2.5f, 3.5f, -2.5f, 16_777_216f, null))
        .containsExactly(2, 4, -2, 16_777_216, null);
    assertThat(cast(FLOAT32, INT64, 1e18f)).containsExactly(999_999_984_306_749_440L);
    assertInvalid(() -> cast(FLOAT32, INT32, 1e10f), "FLOAT32 value 10000000000.0");
    assertInvalid(() -> cast(FLOAT32, INT64, Float.NaN), "nan");
  }

  @Test
  void floatsPrintTheirShortestDigits() {
    assertThat(
            cast(
                FLOAT32,
                UTF8,
                1.1f,
                100f,
                3.4028235e38f,
                1e-45f,
                123_456_789f,
                1e16f,
                1e15f,
                1e-4f,
                1e-5f,
                -0.0f,
                Float.NaN,
                Float.NEGATIVE_INFINITY,
                null))
        .containsExactly(
            "1.1",
            "100.0",
            "3.4028235e+38",
            "1e-45",
            "123456790.0",
            "1e+16",
            "1000000000000000.0",
            "0.0001",
            "1e-05",
            "-0.0",
            "nan",
            "-inf",
            null);
    for (int bits = 0x3f800000; bits < 0x3f800000 + 5000; bits += 7) {
      float value = Float.intBitsToFloat(bits);
      String text = Utf8Formatter.formatFloat(value);
      assertThat(Float.parseFloat(text)).isEqualTo(value);
      assertThat(text.length()).isLessThanOrEqualTo(Float.toString(value).length());
    }
  }

  @Test
  void floatsToAndFromDecimals() {
    ArrowType.Decimal cents = ColumnType.decimal(10, 2);
    // the exact binary value decides: the float nearest 2.675 is below it
    assertThat(cast(FLOAT32, cents, 2.675f, 0.125f, -1.1f, null))
        .containsExactly(
            new BigDecimal("2.67"), new BigDecimal("0.13"), new BigDecimal("-1.10"), null);
    assertThat(cast(FLOAT32, ColumnType.decimal(10, 8), 1.1f))
        .containsExactly(new BigDecimal("1.10000002"));
    assertInvalid(() -> cast(FLOAT32, cents, Float.NaN), "nan");
    assertInvalid(() -> cast(FLOAT32, cents, 1e9f), "DECIMAL(10,2)");
    try (Batch batch =
        batch(
            allocator,
            Column.of(
                "d",
                ColumnType.decimal(38, 1),
                new BigDecimal("0.1"),
                new BigDecimal("16777217.5"),
                new BigDecimal("-123456789012345678901234567.8"),
                null))) {
      Expression d = ColumnReference.of(0, ColumnType.decimal(38, 1));
      assertThat(eval(new CastExpression(d, FLOAT32), batch))
          .containsExactly(0.1f, 16_777_218f, -1.2345679e26f, null);
    }
  }

  @Test
  void floatComparisonsOrderNaNLastAndZerosEqual() {
    try (Batch input =
        batch(
            allocator,
            Column.of("x", FLOAT32, 1.0f, Float.NaN, -0.0f, null, Float.POSITIVE_INFINITY, 1.1f),
            Column.of("y", FLOAT32, 2.0f, Float.NaN, 0.0f, 1f, Float.NaN, 1.1f))) {
      Expression x = new ColumnReference(0, FLOAT32);
      Expression y = new ColumnReference(1, FLOAT32);
      assertThat(eval(new ComparisonExpression(ComparisonOperation.EQUAL, x, y), input))
          .containsExactly(false, true, true, null, false, true);
      assertThat(eval(new ComparisonExpression(ComparisonOperation.LESS_THAN, x, y), input))
          .containsExactly(true, false, false, null, true, false);
      assertThat(
              eval(
                  new ComparisonExpression(
                      ComparisonOperation.GREATER_THAN_OR_EQUAL, x, Literal.ofFloat32(1.1f)),
                  input))
          .containsExactly(false, true, false, null, true, true);
      Selection last = new Selection(1);
      last.add(5);
      try (FieldVector selected =
          new ComparisonExpression(ComparisonOperation.EQUAL, Literal.ofFloat32(1.1f), x)
              .evaluate(input, last, allocator)) {
        assertThat(values(selected)).containsExactly(true);
      }
    }
  }

  @Test
  void floatArithmeticIsNotAKernel() {
    Expression x = Literal.ofFloat32(1f);
    assertThatThrownBy(() -> new ArithmeticExpression(ArithmeticOperation.ADD, x, x))
        .isInstanceOf(KernelException.class)
        .hasMessageContaining("FLOAT32");
    assertThatThrownBy(() -> new NegateExpression(x)).hasMessageContaining("FLOAT32");
  }

  @Test
  void timesParseLikeDuckDb() {
    assertThat(
            cast(
                UTF8,
                TIME_MICROS,
                "12:34:56.789",
                "1:02:03",
                "12:34",
                " 12:34:56 ",
                "12:34:56Z",
                "2020-01-01 12:34:56",
                "12:34:56.1234567",
                "23:59:59.999999",
                null))
        .containsExactly(
            micros("12:34:56.789"),
            micros("01:02:03"),
            micros("12:34"),
            micros("12:34:56"),
            micros("12:34:56"),
            micros("12:34:56"),
            micros("12:34:56.123456"),
            micros("23:59:59.999999"),
            null);
    for (String bad : new String[] {"25:00:00", "12:60:00", "T12:34:56", "12", "12:34:56.", ""}) {
      assertInvalid(() -> cast(UTF8, TIME_MICROS, bad), "'" + bad + "'");
    }
  }

  @Test
  void timesPrintAsHoursMinutesSecondsAndFraction() {
    assertThat(
            cast(
                TIME_MICROS,
                UTF8,
                0L,
                micros("12:34:56.5"),
                micros("23:59:59.999999"),
                micros("01:02:03.000450"),
                86_400_000_000L,
                null))
        .containsExactly(
            "00:00:00", "12:34:56.5", "23:59:59.999999", "01:02:03.00045", "24:00:00", null);
  }

  @Test
  void timestampsCastToTheirTimeOfDay() {
    long beforeEpoch = -1_500_000L; // 1969-12-31 23:59:58.5
    assertThat(cast(TIMESTAMP_MICROS, TIME_MICROS, beforeEpoch, 86_400_000_001L, null))
        .containsExactly(micros("23:59:58.5"), 1L, null);
    assertThat(CastExpression.supports(TIME_MICROS, TIMESTAMP_MICROS)).isFalse();
    assertThat(CastExpression.supports(TIME_MICROS, INT64)).isFalse();
  }

  @Test
  void timesCompareExtractAndChooseInCase() {
    try (Batch input =
        batch(
            allocator,
            Column.of(
                "t",
                TIME_MICROS,
                micros("12:34:56.789"),
                micros("00:00:00"),
                null,
                86_400_000_000L),
            Column.of("f", FLOAT32, 1.5f, null, 2.5f, -0.0f),
            Column.of("b", BOOL, true, false, null, true))) {
      Expression t = new ColumnReference(0, TIME_MICROS);
      Expression noon = Literal.ofTimeMicros(micros("12:00:00"));
      assertThat(eval(new ComparisonExpression(ComparisonOperation.GREATER_THAN, t, noon), input))
          .containsExactly(true, false, null, true);
      Object[][] parts = {
        {ExtractExpression.Field.HOUR, 12L, 0L, 24L},
        {ExtractExpression.Field.MINUTE, 34L, 0L, 0L},
        {ExtractExpression.Field.SECOND, 56L, 0L, 0L},
      };
      for (Object[] part : parts) {
        assertThat(eval(new ExtractExpression((ExtractExpression.Field) part[0], t), input))
            .as(part[0].toString())
            .containsExactly(part[1], part[2], null, part[3]);
      }
      assertThatThrownBy(() -> new ExtractExpression(ExtractExpression.Field.YEAR, t))
          .isInstanceOf(KernelException.class)
          .hasMessageContaining("TIME_MICROS");
      Expression b = new ColumnReference(2, BOOL);
      assertThat(eval(new CaseExpression(List.of(b), List.of(t), noon), input))
          .containsExactly(
              micros("12:34:56.789"), micros("12:00"), micros("12:00"), 86_400_000_000L);
      Expression f = new ColumnReference(1, FLOAT32);
      assertThat(eval(new CaseExpression(List.of(b), List.of(f), Literal.ofFloat32(9f)), input))
          .containsExactly(1.5f, 9f, 9f, -0.0f);
    }
  }

  @Test
  void literalsRepeatTheirValue() {
    try (FieldVector floats = Literal.ofFloat32(1.1f).evaluate(3, allocator);
        FieldVector times = Literal.ofTimeMicros(7L).evaluate(2, allocator);
        FieldVector nulls = Literal.nullOf(FLOAT32).evaluate(2, allocator)) {
      assertThat(values(floats)).containsExactly(1.1f, 1.1f, 1.1f);
      assertThat(values(times)).containsExactly(7L, 7L);
      assertThat(values(nulls)).containsExactly(null, null);
    }
    assertThat(
            ColumnType.of(
                new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, 64)))
        .isEqualTo(TIME_MICROS);
    assertThat(ColumnType.of(FLOAT32.arrowType())).isEqualTo(FLOAT32);
    assertThat(List.of(INT32, INT64, FLOAT32, FLOAT64)).allMatch(ColumnType::isNumeric);
  }
}
