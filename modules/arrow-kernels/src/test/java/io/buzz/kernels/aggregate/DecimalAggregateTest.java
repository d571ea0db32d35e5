package io.buzz.kernels.aggregate;

import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DECIMAL128 group keys and COUNT, SUM, MIN, MAX over decimals, against the BigDecimal reference:
 * precisions that fit a long and wider ones, negative values, NULLs, SINGLE versus PARTIAL → FINAL.
 */
class DecimalAggregateTest {
  private static final ArrowType.Decimal WIDE = ColumnType.decimal(38, 0);
  private static final BigDecimal BIG = new BigDecimal("6e37").setScale(0);

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  static Stream<Arguments> functionsTypesAndKeys() {
    List<Arguments> cases = new ArrayList<>();
    for (AggregateFunction function :
        List.of(
            AggregateFunction.COUNT,
            AggregateFunction.SUM,
            AggregateFunction.MIN,
            AggregateFunction.MAX)) {
      for (ArrowType type : TestRows.DECIMALS) {
        for (boolean nulls : new boolean[] {false, true}) {
          // Keys: none, the argument's own type, a decimal with UTF8, INT32 with a wide decimal.
          List<List<ArrowType>> keyLayouts =
              List.of(
                  List.of(),
                  List.of(type),
                  List.of(type, UTF8.arrowType()),
                  List.of(INT32.arrowType(), TestRows.DECIMALS.get(3)));
          for (List<ArrowType> keys : keyLayouts) {
            cases.add(Arguments.of(function, type, nulls, keys));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}({1}) nulls={2} keys={3}")
  @MethodSource("functionsTypesAndKeys")
  void singleEqualsPartialThenFinal(
      AggregateFunction function, ArrowType type, boolean nulls, List<ArrowType> keyTypes) {
    Random random = new Random(31L * function.ordinal() + type.hashCode() + (nulls ? 7 : 0));
    List<ArrowType> columns = new ArrayList<>(keyTypes);
    columns.add(type);
    Schema schema = TestRows.schema(columns.toArray(new ArrowType[0]));
    int[] groupBy = new int[keyTypes.size()];
    for (int k = 0; k < groupBy.length; k++) {
      groupBy[k] = k;
    }
    int argument = keyTypes.size();
    AggregateSpec spec =
        new AggregateSpec(
            groupBy,
            List.of(new AggregateCall(function, argument, "agg"), AggregateCall.countStar("n")),
            schema);
    double nullRate = nulls ? 0.2 : 0;
    List<Object[]> rows = new ArrayList<>();
    int count = 500 + random.nextInt(1500);
    for (int r = 0; r < count; r++) {
      Object[] row = new Object[columns.size()];
      for (int k = 0; k < keyTypes.size(); k++) {
        row[k] = TestRows.randomValue(random, keyTypes.get(k), 40, nullRate / 2);
      }
      row[argument] = TestRows.randomValue(random, type, 500, nullRate);
      rows.add(row);
    }
    new AggregateHarness(allocator, random).checkAllWays(spec, rows);
  }

  @Test
  void decimalKeysGroupByValueWithNullsAndNegatives() {
    for (ArrowType.Decimal type : List.of(ColumnType.decimal(10, 2), ColumnType.decimal(30, 2))) {
      Schema schema = TestRows.schema(type, INT32.arrowType());
      BigDecimal wide =
          new BigDecimal(BigInteger.TEN.pow(type.getPrecision()).subtract(BigInteger.ONE), 2);
      List<Object[]> rows = new ArrayList<>();
      for (BigDecimal key :
          new BigDecimal[] {
            dec("-1.00"), dec("1.00"), null, dec("-1.00"), dec("0.00"), wide, wide.negate(), null
          }) {
        rows.add(new Object[] {key, 1});
      }
      AggregateSpec spec =
          new AggregateSpec(
              new int[] {0}, List.of(new AggregateCall(AggregateFunction.SUM, 1, "n")), schema);
      AggregateHarness harness = new AggregateHarness(allocator, new Random(4));
      List<Object[]> out = harness.single(spec, rows);
      assertThat(ReferenceAggregate.index(1, out))
          .containsOnlyKeys(
              keys(dec("-1.00"), dec("1.00"), null, dec("0.00"), wide, wide.negate()));
      for (Object[] row : out) {
        long expected = row[0] == null || dec("-1.00").equals(row[0]) ? 2L : 1L;
        assertThat(row[1]).as("rows of %s", row[0]).isEqualTo(expected);
      }
      harness.checkAllWays(spec, rows);
    }
  }

  @Test
  void schemasKeepTheKeyTypeAndSumToThirtyEightDigits() {
    ArrowType.Decimal input = ColumnType.decimal(12, 3);
    Schema schema = TestRows.schema(input, input);
    AggregateSpec spec =
        new AggregateSpec(
            new int[] {0},
            List.of(
                new AggregateCall(AggregateFunction.SUM, 1, "s"),
                new AggregateCall(AggregateFunction.MIN, 1, "lo"),
                new AggregateCall(AggregateFunction.COUNT, 1, "c")),
            schema);
    for (Schema layout : List.of(spec.stateSchema(), spec.finalSchema())) {
      assertThat(layout.getFields())
          .extracting(field -> field.getType())
          .containsExactly(input, ColumnType.decimal(38, 3), input, ColumnType.INT64.arrowType());
    }
    assertThat(spec.resultType(0)).isEqualTo(ColumnType.DECIMAL128);
    assertThat(AggregateFunction.SUM.resultArrowType(input)).isEqualTo(ColumnType.decimal(38, 3));
  }

  @Test
  void avgOfADecimalIsADouble() {
    Schema schema = TestRows.schema(ColumnType.decimal(12, 3));
    AggregateSpec spec =
        new AggregateSpec(
            new int[0], List.of(new AggregateCall(AggregateFunction.AVG, 0, "a")), schema);
    assertThat(spec.finalSchema().getFields().get(0).getType())
        .isEqualTo(ColumnType.FLOAT64.arrowType());
  }

  @Test
  void narrowSumsCarryPastSixtyFourBits() {
    Schema schema = TestRows.schema(ColumnType.decimal(18, 0));
    AggregateSpec spec = sumOfColumn0(schema);
    AggregateHarness harness = new AggregateHarness(allocator, new Random(8));
    for (BigDecimal max : List.of(dec("999999999999999999"), dec("-999999999999999999"))) {
      // Thirty times the largest value, well past 2^63, then back down by ten of its opposite.
      List<Object[]> rows = new ArrayList<>();
      for (int r = 0; r < 40; r++) {
        rows.add(new Object[] {r < 30 ? max : max.negate()});
      }
      assertThat(harness.single(spec, rows).get(0)[0]).isEqualTo(max.multiply(dec("20")));
      harness.checkAllWays(spec, rows);
      assertThat(harness.single(spec, rows.subList(0, 30)).get(0)[0])
          .isEqualTo(max.multiply(dec("30")));
    }
  }

  @Test
  void wideMinMaxCompareLowWordsUnsigned() {
    Schema schema = TestRows.schema(ColumnType.decimal(25, 0));
    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    List<Object[]> rows = new ArrayList<>();
    for (BigInteger value :
        List.of(
            two64.add(BigInteger.ONE.shiftLeft(63)),
            two64.add(BigInteger.ONE),
            two64.negate().add(BigInteger.ONE.shiftLeft(63)),
            two64.negate().subtract(BigInteger.ONE))) {
      rows.add(new Object[] {new BigDecimal(value)});
    }
    AggregateSpec spec =
        new AggregateSpec(
            new int[0],
            List.of(
                new AggregateCall(AggregateFunction.MIN, 0, "lo"),
                new AggregateCall(AggregateFunction.MAX, 0, "hi")),
            schema);
    AggregateHarness harness = new AggregateHarness(allocator, new Random(9));
    assertThat(harness.single(spec, rows).get(0))
        .containsExactly(
            new BigDecimal(two64.negate().subtract(BigInteger.ONE)),
            new BigDecimal(two64.add(BigInteger.ONE.shiftLeft(63))));
    harness.checkAllWays(spec, rows);
  }

  @Test
  void sumBeyondThirtyEightDigitsFailsWhenTheResultIsEmitted() {
    Schema schema = TestRows.schema(WIDE);
    AggregateSpec spec = sumOfColumn0(schema);
    List<Object[]> rows = List.of(new Object[] {BIG}, new Object[] {BIG});
    for (AggregateMode mode : List.of(AggregateMode.SINGLE, AggregateMode.PARTIAL)) {
      try (HashAggregateOperator op = new HashAggregateOperator(spec, mode, allocator)) {
        op.add(TestRows.batch(allocator, schema, rows));
        if (mode == AggregateMode.PARTIAL) {
          // 1.2e38 fits the 128-bit state: only a final value must fit 38 digits.
          List<Object[]> state = TestRows.drain(op.finish());
          assertThat(state.get(0)[0]).isEqualTo(BIG.add(BIG));
        } else {
          assertKernelError(KernelException.Kind.ARITHMETIC, op::finish)
              .hasMessageContaining("SUM AS s")
              .hasMessageContaining("DECIMAL(38,0)");
        }
      }
    }
    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  @Test
  void sumLeavingTheHundredTwentyEightBitRangeFailsAtOnce() {
    Schema schema = TestRows.schema(WIDE);
    List<Object[]> rows = List.of(new Object[] {BIG}, new Object[] {BIG}, new Object[] {BIG});
    for (BigDecimal sign : List.of(BigDecimal.ONE, BigDecimal.ONE.negate())) {
      List<Object[]> signed = new ArrayList<>();
      for (Object[] row : rows) {
        signed.add(new Object[] {((BigDecimal) row[0]).multiply(sign)});
      }
      try (HashAggregateOperator op =
          new HashAggregateOperator(sumOfColumn0(schema), AggregateMode.SINGLE, allocator)) {
        assertKernelError(
                KernelException.Kind.ARITHMETIC,
                () -> op.add(TestRows.batch(allocator, schema, signed)))
            .hasMessageContaining("DECIMAL overflow");
      }
    }
  }

  @Test
  void partialSumsBeyondThirtyEightDigitsThatCancelOutGiveTheSingleResult() {
    Schema schema = TestRows.schema(WIDE);
    AggregateSpec spec = sumOfColumn0(schema);
    List<Object[]> first = List.of(new Object[] {BIG}, new Object[] {BIG});
    List<Object[]> second = List.<Object[]>of(new Object[] {BIG.negate()});
    AggregateHarness harness = new AggregateHarness(allocator, new Random(6));
    assertThat(harness.partialThenFinal(spec, List.of(first, second)).get(0)[0]).isEqualTo(BIG);
    List<Object[]> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(harness.single(spec, all).get(0)[0]).isEqualTo(BIG);
  }

  @Test
  void finalRejectsStatesOfAnotherScale() {
    AggregateSpec spec = sumOfColumn0(TestRows.schema(ColumnType.decimal(10, 2)));
    Schema otherScale = TestRows.schema(ColumnType.decimal(38, 3));
    try (HashAggregateOperator op =
        new HashAggregateOperator(spec, AggregateMode.FINAL, allocator)) {
      assertThatThrownBy(() -> op.add(Batch.empty(otherScale, allocator)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("FINAL aggregate expects state columns");
    }
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertKernelError(
      KernelException.Kind kind, ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  private static AggregateSpec sumOfColumn0(Schema schema) {
    return new AggregateSpec(
        new int[0], List.of(new AggregateCall(AggregateFunction.SUM, 0, "s")), schema);
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  private static List<List<Object>> keys(BigDecimal... keys) {
    List<List<Object>> out = new ArrayList<>();
    for (BigDecimal key : keys) {
      out.add(java.util.Arrays.asList((Object) key));
    }
    return out;
  }
}
