package io.buzz.kernels.sort;

import static io.buzz.kernels.batch.ColumnType.BOOL;
import static io.buzz.kernels.batch.ColumnType.FLOAT32;
import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.aggregate.TestRows;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full sort and top-N against java.util sorting, with offset/fetch edges and absorb. */
class SortOperatorTest {
  private static final ColumnType[] ALL_TYPES = ColumnType.values();

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void randomSortsMatchTheReference() {
    Random random = new Random(77);
    long[] fetches = {-1, -1, 0, 1, 7, 100, 3000, 100_000};
    for (int iteration = 0; iteration < 60; iteration++) {
      int width = 1 + random.nextInt(4);
      ColumnType[] types = new ColumnType[width];
      for (int c = 0; c < width; c++) {
        types[c] = ALL_TYPES[random.nextInt(ALL_TYPES.length)];
      }
      List<SortKey> keys = randomKeys(random, width);
      int distinct = 1 + random.nextInt(random.nextBoolean() ? 5 : 2000);
      List<Object[]> rows = randomRows(random, types, random.nextInt(12_000), distinct, 0.15);
      long fetch = fetches[random.nextInt(fetches.length)];
      long offset = random.nextInt(4) == 0 ? random.nextInt(rows.size() + 10) : 0;
      check(types, keys, rows, offset, fetch, random, 1 + random.nextInt(3));
    }
  }

  @Test
  void offsetAndFetchEdges() {
    Random random = new Random(3);
    ColumnType[] types = {INT64, UTF8};
    List<Object[]> rows = randomRows(random, types, 500, 50, 0.1);
    List<SortKey> keys = List.of(SortKey.ascending(0), SortKey.descending(1));
    for (long[] edge :
        new long[][] {
          {0, 0},
          {10, 0},
          {499, -1},
          {500, -1},
          {501, -1},
          {600, 5},
          {495, 10},
          {0, 500},
          {0, 501},
          {0, Long.MAX_VALUE},
          {Long.MAX_VALUE / 2, 3},
          {1, -1}
        }) {
      check(types, keys, rows, edge[0], edge[1], random, 2);
    }
  }

  @Test
  void sortsSlicedBatchesAtUnalignedOffsets() {
    Random random = new Random(21);
    ColumnType[] types = {BOOL, UTF8, INT32, FLOAT64};
    Schema schema = TestRows.schema(types);
    List<Object[]> rows = randomRows(random, types, 4_000, 300, 0.2);
    List<SortKey> keys = List.of(SortKey.descending(2), SortKey.ascending(1));
    for (OptionalLong fetch : List.of(OptionalLong.empty(), OptionalLong.of(50))) {
      try (SortOperator op = new SortOperator(schema, keys, 1, fetch, allocator);
          Batch whole = TestRows.batch(allocator, schema, rows)) {
        op.add(whole.slice(5, 1_999, allocator));
        op.add(whole.slice(2_011, 1_989, allocator));
        List<Object[]> expectedInput = new ArrayList<>(rows.subList(5, 2_004));
        expectedInput.addAll(rows.subList(2_011, 4_000));
        List<Object[]> actual = TestRows.drain(op.finish());
        assertThat(ReferenceSort.keyValues(keys, actual))
            .isEqualTo(
                ReferenceSort.keyValues(
                    keys, ReferenceSort.sort(types, keys, expectedInput, 1, fetch.orElse(-1))));
        assertThat(ReferenceSort.isSubMultiset(actual, expectedInput)).isTrue();
      }
    }
  }

  @Test
  void fetchZeroIsSaturatedAndEmpty() {
    Schema schema = TestRows.schema(INT32);
    try (SortOperator op =
        new SortOperator(schema, List.of(SortKey.ascending(0)), 0, OptionalLong.of(0), allocator)) {
      assertThat(op.isSaturated()).isTrue();
      op.add(TestRows.batch(allocator, schema, rows(new Object[] {1}, new Object[] {2})));
      assertThat(op.finish()).isEmpty();
    }
    try (SortOperator op =
        new SortOperator(
            schema, List.of(SortKey.ascending(0)), 0, OptionalLong.empty(), allocator)) {
      assertThat(op.isSaturated()).isFalse();
      assertThat(op.finish()).isEmpty();
    }
  }

  @Test
  void floatsSortNaNAfterInfinityAndNullsWhereAsked() {
    Schema schema = TestRows.schema(FLOAT64);
    List<Object[]> rows = new ArrayList<>();
    for (Double value :
        new Double[] {
          1.5, Double.NaN, null, Double.POSITIVE_INFINITY, -0.0, 0.0, Double.NEGATIVE_INFINITY, -2.0
        }) {
      rows.add(new Object[] {value});
    }
    assertThat(sortedColumn(schema, new SortKey(0, false, false), rows))
        .containsExactly(
            Double.NEGATIVE_INFINITY,
            -2.0,
            -0.0,
            0.0,
            1.5,
            Double.POSITIVE_INFINITY,
            Double.NaN,
            null);
    assertThat(sortedColumn(schema, new SortKey(0, true, false), rows))
        .containsExactly(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            1.5,
            0.0,
            -0.0,
            -2.0,
            Double.NEGATIVE_INFINITY,
            null);
    assertThat(sortedColumn(schema, new SortKey(0, true, true), rows).get(0)).isNull();
  }

  @Test
  void float32SortsLikeItsExactDoubleValues() {
    List<Object[]> floats = new ArrayList<>();
    List<Object[]> doubles = new ArrayList<>();
    float[] values = {
      1.5f,
      Float.NaN,
      -0.0f,
      0.0f,
      Float.NEGATIVE_INFINITY,
      Float.MAX_VALUE,
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      Float.POSITIVE_INFINITY,
      16777217f,
      -3.25f,
      1.1f
    };
    for (int i = 0; i < 3 * values.length; i++) {
      Float value = i % 7 == 5 ? null : values[(i * 5) % values.length];
      floats.add(new Object[] {value});
      doubles.add(new Object[] {value == null ? null : (double) value});
    }
    for (SortKey key :
        new SortKey[] {
          new SortKey(0, false, false), new SortKey(0, true, true), SortKey.ascending(0)
        }) {
      List<Object> sorted = sortedColumn(TestRows.schema(FLOAT32), key, floats);
      List<Object> expected = sortedColumn(TestRows.schema(FLOAT64), key, doubles);
      assertThat(sorted).hasSameSizeAs(expected);
      for (int i = 0; i < sorted.size(); i++) {
        Object value = sorted.get(i);
        assertThat(value == null ? null : (double) (Float) value)
            .as("row %d", i)
            .isEqualTo(expected.get(i));
      }
    }
  }

  @Test
  void stringsSortByUnsignedBytesBeyondTheEightBytePrefix() {
    Schema schema = TestRows.schema(UTF8);
    List<Object[]> rows = new ArrayList<>();
    for (String value :
        new String[] {
          "abcdefghY", "abcdefgh", "abcdefghX", "abcdefgh\u0000", "é", "z", "😀", "", "日本"
        }) {
      rows.add(new Object[] {value});
    }
    assertThat(sortedColumn(schema, SortKey.ascending(0), rows))
        .containsExactly(
            "", "abcdefgh", "abcdefgh\u0000", "abcdefghX", "abcdefghY", "z", "é", "日本", "😀");
  }

  @Test
  void int64ExtremesAndNullsTieOnThePrefixButSortCorrectly() {
    Schema schema = TestRows.schema(INT64, BOOL);
    List<Object[]> rows = new ArrayList<>();
    for (Long value : new Long[] {Long.MAX_VALUE, null, Long.MIN_VALUE, 0L, null, Long.MAX_VALUE}) {
      rows.add(new Object[] {value, true});
    }
    assertThat(sortedColumn(schema, new SortKey(0, false, true), rows))
        .containsExactly(null, null, Long.MIN_VALUE, 0L, Long.MAX_VALUE, Long.MAX_VALUE);
    assertThat(sortedColumn(schema, new SortKey(0, false, false), rows))
        .containsExactly(Long.MIN_VALUE, 0L, Long.MAX_VALUE, Long.MAX_VALUE, null, null);
    assertThat(sortedColumn(schema, new SortKey(0, true, false), rows))
        .containsExactly(Long.MAX_VALUE, Long.MAX_VALUE, 0L, Long.MIN_VALUE, null, null);
  }

  @Test
  void largeTieRunsAreRefinedByLaterBytesAndKeys() {
    Random random = new Random(14);
    ColumnType[] types = {UTF8, INT64, INT32};
    String[] stems = {"customer#00", "customer#0", "ab", "ab\u0000", "", "customer#000000000"};
    Long[] longs = {Long.MIN_VALUE, Long.MAX_VALUE, 0L, null};
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 20_000; r++) {
      String stem = stems[random.nextInt(stems.length)];
      rows.add(
          new Object[] {
            random.nextInt(10) == 0
                ? null
                : stem + (random.nextBoolean() ? random.nextInt(50) : ""),
            longs[random.nextInt(longs.length)],
            random.nextInt(5)
          });
    }
    for (List<SortKey> keys :
        List.of(
            List.of(SortKey.ascending(0), new SortKey(1, false, true), SortKey.descending(2)),
            List.of(new SortKey(1, true, false), SortKey.ascending(2), SortKey.descending(0)),
            List.of(new SortKey(1, false, true), new SortKey(0, true, false)))) {
      check(types, keys, rows, 0, -1, random, 2);
      check(types, keys, rows, 17, 3000, random, 2);
    }
  }

  @Test
  void largeSortsSpanSeveralOutputBatches() {
    Random random = new Random(9);
    ColumnType[] types = {INT32, FLOAT64};
    List<Object[]> rows = randomRows(random, types, 150_000, 100_000, 0.05);
    List<SortKey> keys = List.of(SortKey.descending(1), SortKey.ascending(0));
    try (SortOperator op =
        new SortOperator(TestRows.schema(types), keys, 0, OptionalLong.empty(), allocator)) {
      feed(op, TestRows.schema(types), rows, random);
      List<Batch> out = op.finish();
      assertThat(out).extracting(Batch::rowCount).containsExactly(65_536, 65_536, 18_928);
      List<Object[]> sorted = TestRows.drain(out);
      assertThat(ReferenceSort.keyValues(keys, sorted))
          .isEqualTo(ReferenceSort.keyValues(keys, ReferenceSort.sort(types, keys, rows, 0, -1)));
    }
  }

  @Test
  void topNMemoryStaysBoundedWhileTheInputGrows() {
    Random random = new Random(4);
    ColumnType[] types = {INT64, UTF8};
    Schema schema = TestRows.schema(types);
    List<SortKey> keys = List.of(SortKey.ascending(0));
    List<Object[]> all = new ArrayList<>();
    long maxMemory = 0;
    long inputBytes = 0;
    try (SortOperator op = new SortOperator(schema, keys, 5, OptionalLong.of(10), allocator)) {
      for (int b = 0; b < 100; b++) {
        List<Object[]> rows = randomRows(random, types, 10_000, 1_000_000, 0.01);
        all.addAll(rows);
        Batch batch = TestRows.batch(allocator, schema, rows);
        inputBytes += batch.sizeInBytes();
        op.add(batch);
        maxMemory = Math.max(maxMemory, op.memoryBytes());
        assertThat(allocator.getAllocatedMemory()).isLessThan(4L << 20);
      }
      assertThat(maxMemory).isLessThan(inputBytes / 20);
      List<Object[]> out = TestRows.drain(op.finish());
      assertThat(ReferenceSort.keyValues(keys, out))
          .isEqualTo(ReferenceSort.keyValues(keys, ReferenceSort.sort(types, keys, all, 5, 10)));
    }
  }

  @Test
  void rejectsOtherLayoutsAndConfigurations() {
    Schema schema = TestRows.schema(INT32);
    try (SortOperator op =
            new SortOperator(
                schema, List.of(SortKey.ascending(0)), 0, OptionalLong.of(3), allocator);
        SortOperator other =
            new SortOperator(
                schema, List.of(SortKey.descending(0)), 0, OptionalLong.of(3), allocator)) {
      assertThatThrownBy(
              () ->
                  op.add(
                      TestRows.batch(allocator, TestRows.schema(INT64), rows(new Object[] {1L}))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> op.absorb(other)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> op.absorb(op)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(
            () ->
                new SortOperator(
                    schema, List.of(SortKey.ascending(1)), 0, OptionalLong.empty(), allocator))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SortOperator(schema, List.of(), 0, OptionalLong.empty(), allocator))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void check(
      ColumnType[] types,
      List<SortKey> keys,
      List<Object[]> rows,
      long offset,
      long fetch,
      Random random,
      int parts) {
    new SortHarness(allocator, random)
        .check(TestRows.schema(types), keys, rows, offset, fetch, parts);
  }

  private void feed(SortOperator op, Schema schema, List<Object[]> rows, Random random) {
    new SortHarness(allocator, random).feed(op, schema, rows);
  }

  private List<Object> sortedColumn(Schema schema, SortKey key, List<Object[]> rows) {
    return new SortHarness(allocator, new Random(0)).sortedColumn(schema, key, rows);
  }

  static List<SortKey> randomKeys(Random random, int width) {
    List<SortKey> keys = new ArrayList<>();
    int count = 1 + random.nextInt(Math.min(width, 3));
    for (int k = 0; k < count; k++) {
      keys.add(new SortKey(random.nextInt(width), random.nextBoolean(), random.nextBoolean()));
    }
    return keys;
  }

  static List<Object[]> randomRows(
      Random random, ColumnType[] types, int count, int distinct, double nullRate) {
    return SortHarness.randomRows(random, TestRows.schema(types), count, distinct, nullRate);
  }

  private static List<Object[]> rows(Object[]... rows) {
    return new ArrayList<>(List.<Object[]>of(rows));
  }
}
