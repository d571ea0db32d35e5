package io.buzz.kernels.aggregate;

import static io.buzz.kernels.batch.ColumnType.BOOL;
import static io.buzz.kernels.batch.ColumnType.DATE32;
import static io.buzz.kernels.batch.ColumnType.DECIMAL128;
import static io.buzz.kernels.batch.ColumnType.FLOAT32;
import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.TIMESTAMP_MICROS;
import static io.buzz.kernels.batch.ColumnType.TIME_MICROS;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SINGLE versus PARTIAL → FINAL (plain and via absorb) versus a java.util reference. */
class HashAggregateOperatorTest {
  private static final ColumnType[] ALL_TYPES = ColumnType.values();
  private static final ColumnType[] NUMERIC = {INT32, INT64, FLOAT32, FLOAT64};
  private static final ColumnType[] SUMMABLE = {INT32, INT64, FLOAT32, FLOAT64, DECIMAL128};

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** The key columns' types followed by {@code more}. */
  private static ColumnType[] keysThen(ColumnType[] keyTypes, ColumnType... more) {
    ColumnType[] columns = Arrays.copyOf(keyTypes, keyTypes.length + more.length);
    System.arraycopy(more, 0, columns, keyTypes.length, more.length);
    return columns;
  }

  /** {@code function(argument) AS name}; {@code fraction} is used by APPROX_QUANTILE only. */
  private static AggregateCall call(
      AggregateFunction function, int argument, String name, double fraction) {
    return function == AggregateFunction.APPROX_QUANTILE
        ? new AggregateCall(function, argument, name, false, -1, fraction)
        : new AggregateCall(function, argument, name);
  }

  /** Group columns {@code 0 .. count - 1}. */
  private static int[] firstColumns(int count) {
    return IntStream.range(0, count).toArray();
  }

  /** The argument types a test gives {@code function}; {@code averaged} for AVG. */
  private static ColumnType[] argumentTypes(AggregateFunction function, ColumnType[] averaged) {
    return switch (function) {
      case COUNT_STAR -> new ColumnType[] {INT64};
      case COUNT, MIN, MAX, APPROX_COUNT_DISTINCT -> ALL_TYPES;
      case SUM -> SUMMABLE;
      case AVG, STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP, APPROX_QUANTILE -> averaged;
    };
  }

  static Stream<Arguments> everyFunctionAndType() {
    List<Arguments> cases = new ArrayList<>();
    List<ColumnType[]> keyLayouts =
        List.of(new ColumnType[0], new ColumnType[] {INT32}, new ColumnType[] {UTF8, BOOL});
    for (ColumnType[] keys : keyLayouts) {
      for (boolean nulls : new boolean[] {false, true}) {
        for (AggregateFunction function : AggregateFunction.values()) {
          for (ColumnType type : argumentTypes(function, NUMERIC)) {
            cases.add(Arguments.of(function, type, nulls, keys));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}({1}) nulls={2} keys={3}")
  @MethodSource("everyFunctionAndType")
  void singleEqualsPartialThenFinal(
      AggregateFunction function, ColumnType type, boolean nulls, ColumnType[] keyTypes) {
    Random random = new Random(31L * function.ordinal() + type.ordinal() + (nulls ? 7 : 0));
    ColumnType[] columns = keysThen(keyTypes, type);
    Schema schema = TestRows.schema(columns);
    AggregateSpec spec =
        new AggregateSpec(
            firstColumns(keyTypes.length),
            List.of(call(function, keyTypes.length, "agg", 0.5), AggregateCall.countStar("rows")),
            schema);
    double nullRate = nulls ? 0.2 : 0;
    List<Object[]> rows = new ArrayList<>();
    int count = 1000 + random.nextInt(3000);
    for (int r = 0; r < count; r++) {
      Object[] row = new Object[columns.length];
      for (int k = 0; k < keyTypes.length; k++) {
        row[k] = TestRows.randomValue(random, keyTypes[k], 40, nullRate / 2);
      }
      // Some groups only ever see NULL arguments.
      boolean nullGroup = nulls && row.length > 1 && row[0] != null && row[0].hashCode() % 5 == 0;
      row[keyTypes.length] = nullGroup ? null : TestRows.randomValue(random, type, 500, nullRate);
      rows.add(row);
    }
    new AggregateHarness(allocator, random).checkAllWays(spec, rows);
  }

  static Stream<Arguments> distinctAndFiltered() {
    List<Arguments> cases = new ArrayList<>();
    List<ColumnType[]> keyLayouts = List.of(new ColumnType[0], new ColumnType[] {INT32});
    for (ColumnType[] keys : keyLayouts) {
      for (AggregateFunction function : AggregateFunction.values()) {
        for (ColumnType type : argumentTypes(function, SUMMABLE)) {
          for (boolean distinct : new boolean[] {false, true}) {
            if (distinct
                && (function == AggregateFunction.COUNT_STAR
                    || function.isVariance()
                    || function.isSketch())) {
              continue;
            }
            cases.add(Arguments.of(function, type, distinct, !distinct, keys));
            cases.add(Arguments.of(function, type, distinct, distinct, keys));
          }
        }
      }
    }
    return cases.stream();
  }

  /**
   * The mergeability of DISTINCT and FILTER: few distinct values repeated across splits, NULL
   * arguments, NULL and FALSE filters, groups whose rows the filter drops entirely.
   */
  @ParameterizedTest(name = "{0}(distinct={2}, {1}) filter={3} keys={4}")
  @MethodSource("distinctAndFiltered")
  void distinctAndFilteredCallsMergeAsTheyAggregate(
      AggregateFunction function,
      ColumnType type,
      boolean distinct,
      boolean filtered,
      ColumnType[] keyTypes) {
    Random random = new Random(17L * function.ordinal() + type.ordinal() + (distinct ? 3 : 0));
    ColumnType[] columns = keysThen(keyTypes, type, BOOL);
    int argument = keyTypes.length;
    int filter = argument + 1;
    AggregateSpec spec =
        new AggregateSpec(
            firstColumns(keyTypes.length),
            List.of(
                new AggregateCall(function, argument, "agg", distinct, filtered ? filter : -1),
                new AggregateCall(AggregateFunction.COUNT, argument, "plain")),
            TestRows.schema(columns));
    List<Object[]> rows = new ArrayList<>();
    int count = 500 + random.nextInt(2500);
    for (int r = 0; r < count; r++) {
      Object[] row = new Object[columns.length];
      for (int k = 0; k < keyTypes.length; k++) {
        row[k] = TestRows.randomValue(random, keyTypes[k], 30, 0.05);
      }
      row[argument] = TestRows.randomValue(random, type, 25, 0.1);
      boolean droppedGroup = row.length > 2 && row[0] != null && row[0].hashCode() % 7 == 0;
      row[filter] = droppedGroup ? Boolean.FALSE : TestRows.randomValue(random, BOOL, 2, 0.1);
      rows.add(row);
    }
    new AggregateHarness(allocator, random).checkAllWays(spec, rows);
  }

  @Test
  void manyGroupsForceTableGrowth() {
    Random random = new Random(5);
    Schema schema = TestRows.schema(INT64, UTF8, INT32, FLOAT64);
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 215_000; r++) {
      long key = r < 205_000 ? r : random.nextInt(205_000);
      rows.add(new Object[] {key * 7919, "k" + key, (int) (key % 1000), random.nextInt(100) * 0.5});
    }
    List<AggregateCall> calls =
        List.of(
            AggregateCall.countStar("n"),
            new AggregateCall(AggregateFunction.SUM, 2, "s"),
            new AggregateCall(AggregateFunction.MIN, 3, "lo"),
            new AggregateCall(AggregateFunction.MAX, 1, "hi"),
            new AggregateCall(AggregateFunction.AVG, 3, "mean"));
    AggregateHarness harness = new AggregateHarness(allocator, random);
    // 205k groups: fixed-width table, raw UTF8 table, encoded two-column rows.
    harness.checkAllWays(new AggregateSpec(new int[] {0}, calls, schema), rows);
    harness.checkSingleAndAbsorb(new AggregateSpec(new int[] {1}, calls, schema), rows);
    harness.checkSingleAndAbsorb(new AggregateSpec(new int[] {2, 0}, calls, schema), rows);
  }

  @Test
  void outputBatchesHoldAtMost64KiGroups() {
    Schema schema = TestRows.schema(INT64);
    List<Object[]> rows = new ArrayList<>();
    for (long r = 0; r < 150_000; r++) {
      rows.add(new Object[] {r});
    }
    AggregateSpec spec =
        new AggregateSpec(new int[] {0}, List.of(AggregateCall.countStar("n")), schema);
    try (HashAggregateOperator op =
        new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
      op.add(TestRows.batch(allocator, schema, rows));
      assertThat(op.groupCount()).isEqualTo(150_000);
      assertThat(op.memoryBytes()).isGreaterThan(150_000L * 8 * 3);
      List<Batch> out = op.finish();
      assertThat(out).extracting(Batch::rowCount).containsExactly(65_536, 65_536, 18_928);
      assertThat(TestRows.drain(out)).hasSize(150_000);
      assertThat(op.memoryBytes()).isLessThan(1024);
    }
  }

  @Test
  void nullKeysFormOneGroupOfTheirOwn() {
    for (ColumnType[] keys :
        List.of(
            new ColumnType[] {INT64}, new ColumnType[] {UTF8}, new ColumnType[] {INT32, UTF8})) {
      ColumnType[] columns = new ColumnType[keys.length + 1];
      System.arraycopy(keys, 0, columns, 0, keys.length);
      columns[keys.length] = INT64;
      Schema schema = TestRows.schema(columns);
      List<Object[]> rows = new ArrayList<>();
      Object one = keys[0] == UTF8 ? "x" : keys[0] == INT32 ? (Object) 1 : (Object) 1L;
      for (Object key : new Object[] {one, null, one, null, null}) {
        Object[] row = new Object[columns.length];
        row[0] = key;
        if (keys.length == 2) {
          row[1] = "";
        }
        row[keys.length] = 10L;
        rows.add(row);
      }
      int[] groupBy = keys.length == 1 ? new int[] {0} : new int[] {0, 1};
      AggregateSpec spec =
          new AggregateSpec(
              groupBy, List.of(new AggregateCall(AggregateFunction.SUM, keys.length, "s")), schema);
      AggregateHarness harness = new AggregateHarness(allocator, new Random(1));
      List<Object[]> out = harness.single(spec, rows);
      assertThat(ReferenceAggregate.index(keys.length, out)).hasSize(2);
      for (Object[] row : out) {
        assertThat(row[keys.length]).isEqualTo(row[0] == null ? 30L : 20L);
      }
      harness.checkAllWays(spec, rows);
    }
  }

  @Test
  void emptyStringAndNullAreDifferentGroups() {
    Schema schema = TestRows.schema(UTF8, INT32);
    List<Object[]> rows = new ArrayList<>();
    for (String key : new String[] {"", null, "", null, "a", null}) {
      rows.add(new Object[] {key, 0});
    }
    AggregateHarness harness = new AggregateHarness(allocator, new Random(3));
    for (int[] groupBy : new int[][] {{0}, {0, 1}, {1, 0}}) {
      AggregateSpec spec =
          new AggregateSpec(groupBy, List.of(AggregateCall.countStar("n")), schema);
      List<Object[]> out = harness.single(spec, rows);
      assertThat(out).hasSize(3);
      int key = groupBy[0] == 0 ? 0 : 1;
      for (Object[] row : out) {
        Object expected = row[key] == null ? 3L : "".equals(row[key]) ? 2L : 1L;
        assertThat(row[groupBy.length]).as("count of %s", row[key]).isEqualTo(expected);
      }
      harness.checkAllWays(spec, rows);
    }
  }

  @Test
  void multiColumnKeysMixingEveryType() {
    Random random = new Random(11);
    Schema schema =
        TestRows.schema(
            BOOL,
            INT32,
            INT64,
            FLOAT64,
            UTF8,
            DATE32,
            TIMESTAMP_MICROS,
            DECIMAL128,
            FLOAT32,
            TIME_MICROS);
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 20_000; r++) {
      Object[] row = new Object[10];
      for (int c = 0; c < 10; c++) {
        row[c] = TestRows.randomValue(random, TestRows.types(schema)[c], 4, 0.1);
      }
      rows.add(row);
    }
    List<AggregateCall> calls =
        List.of(
            AggregateCall.countStar("n"),
            new AggregateCall(AggregateFunction.MAX, 4, "max_s"),
            new AggregateCall(AggregateFunction.SUM, 2, "sum_l"));
    AggregateHarness harness = new AggregateHarness(allocator, random);
    harness.checkAllWays(
        new AggregateSpec(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, calls, schema), rows);
    harness.checkAllWays(new AggregateSpec(new int[] {6, 4, 3}, calls, schema), rows);
    harness.checkAllWays(new AggregateSpec(new int[] {7, 1}, calls, schema), rows);
    harness.checkAllWays(new AggregateSpec(new int[] {3}, calls, schema), rows);
    harness.checkAllWays(new AggregateSpec(new int[] {8, 9, 4}, calls, schema), rows);
    harness.checkAllWays(new AggregateSpec(new int[] {8}, calls, schema), rows);
  }

  @Test
  void float32KeysGroupNegativeZeroWithZeroAndNaNsTogether() {
    Schema schema = TestRows.schema(FLOAT32, INT32);
    List<Object[]> rows = new ArrayList<>();
    float otherNaN = Float.intBitsToFloat(0x7fc00001);
    for (float value : new float[] {0.0f, -0.0f, Float.NaN, otherNaN, 1.5f, 1.5f}) {
      rows.add(new Object[] {value, 1});
    }
    AggregateHarness harness = new AggregateHarness(allocator, new Random(3));
    for (int[] groupBy : new int[][] {{0}, {0, 1}}) {
      AggregateSpec spec =
          new AggregateSpec(groupBy, List.of(AggregateCall.countStar("n")), schema);
      List<Object[]> out = harness.single(spec, rows);
      assertThat(ReferenceAggregate.index(groupBy.length, out).keySet())
          .extracting(key -> key.get(0))
          .containsExactlyInAnyOrder(0.0f, Float.NaN, 1.5f);
      for (Object[] row : out) {
        assertThat(row[groupBy.length]).isEqualTo(2L);
      }
      harness.checkAllWays(spec, rows);
    }
  }

  @Test
  void floatKeysGroupNegativeZeroWithZeroAndNaNsTogether() {
    Schema schema = TestRows.schema(FLOAT64);
    List<Object[]> rows = new ArrayList<>();
    for (double value :
        new double[] {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L), 1.5}) {
      rows.add(new Object[] {value});
    }
    AggregateSpec spec =
        new AggregateSpec(new int[] {0}, List.of(AggregateCall.countStar("n")), schema);
    List<Object[]> out = new AggregateHarness(allocator, new Random(2)).single(spec, rows);
    assertThat(ReferenceAggregate.index(1, out))
        .containsOnlyKeys(List.of(0.0), List.of(Double.NaN), List.of(1.5));
    for (Object[] row : out) {
      assertThat(row[1]).isEqualTo(row[0].equals(1.5) ? 1L : 2L);
    }
  }

  @Test
  void randomizedAgainstReference() {
    Random random = new Random(2024);
    for (int iteration = 0; iteration < 40; iteration++) {
      int width = 1 + random.nextInt(5);
      ColumnType[] types = new ColumnType[width];
      for (int c = 0; c < width; c++) {
        types[c] = ALL_TYPES[random.nextInt(ALL_TYPES.length)];
      }
      Schema schema = TestRows.schema(types);
      int[] groupBy = new int[random.nextInt(Math.min(width, 3) + 1)];
      for (int k = 0; k < groupBy.length; k++) {
        groupBy[k] = random.nextInt(width);
      }
      List<AggregateCall> calls = new ArrayList<>();
      int callCount = 1 + random.nextInt(5);
      for (int c = 0; c < callCount; c++) {
        int argument = random.nextInt(width);
        AggregateFunction function =
            AggregateFunction.values()[random.nextInt(AggregateFunction.values().length)];
        boolean numeric =
            function == AggregateFunction.SUM
                || function == AggregateFunction.AVG
                || function == AggregateFunction.APPROX_QUANTILE
                || function.isVariance();
        if (numeric && !types[argument].isNumeric()) {
          function = AggregateFunction.MIN;
        }
        calls.add(call(function, argument, "a" + c, random.nextDouble()));
      }
      AggregateSpec spec = new AggregateSpec(groupBy, calls, schema);
      int distinct = 1 + random.nextInt(random.nextBoolean() ? 10 : 3000);
      double nullRate = random.nextInt(3) * 0.15;
      List<Object[]> rows = new ArrayList<>();
      int count = random.nextInt(6) == 0 ? 0 : random.nextInt(8000);
      for (int r = 0; r < count; r++) {
        Object[] row = new Object[width];
        for (int c = 0; c < width; c++) {
          row[c] = TestRows.randomValue(random, types[c], distinct, nullRate);
        }
        rows.add(row);
      }
      new AggregateHarness(allocator, random).checkAllWays(spec, rows);
    }
  }

  @Test
  void groupedAggregateWithoutInputEmitsNothing() {
    Schema schema = TestRows.schema(INT32, INT64);
    AggregateSpec spec =
        new AggregateSpec(new int[] {0}, List.of(AggregateCall.countStar("n")), schema);
    for (AggregateMode mode : AggregateMode.values()) {
      try (HashAggregateOperator op = new HashAggregateOperator(spec, mode, allocator)) {
        assertThat(op.finish()).isEmpty();
      }
    }
  }
}
