package io.buzz.kernels.aggregate;

import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.operator.Accumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Global aggregates without input, overflow, selections, absorb and lifecycle rules. */
class HashAggregateContractTest {
  private static final Schema INPUT = TestRows.schema(UTF8, INT64, FLOAT64, INT32);
  private static final AggregateSpec GLOBAL =
      new AggregateSpec(
          new int[0],
          List.of(
              AggregateCall.countStar("n"),
              new AggregateCall(AggregateFunction.COUNT, 1, "c"),
              new AggregateCall(AggregateFunction.SUM, 1, "s"),
              new AggregateCall(AggregateFunction.MIN, 0, "lo"),
              new AggregateCall(AggregateFunction.MAX, 2, "hi"),
              new AggregateCall(AggregateFunction.AVG, 3, "mean")),
          INPUT);

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
  void globalAggregateWithoutInputEmitsOneRowInSingleAndFinal() {
    for (AggregateMode mode : List.of(AggregateMode.SINGLE, AggregateMode.FINAL)) {
      try (HashAggregateOperator op = new HashAggregateOperator(GLOBAL, mode, allocator)) {
        List<Object[]> rows = TestRows.drain(op.finish());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsExactly(0L, 0L, null, null, null, null);
      }
    }
  }

  @Test
  void finalAcceptsPartialsWithAndWithoutTheEmptyStateRow() {
    List<Batch> states = new ArrayList<>();
    try (HashAggregateOperator partial =
        new HashAggregateOperator(GLOBAL, AggregateMode.PARTIAL, allocator)) {
      states.addAll(partial.finish());
    }
    assertThat(states).hasSize(1);
    assertThat(TestRows.rows(states.get(0)).get(0))
        .containsExactly(0L, 0L, null, null, null, null, 0L);
    states.add(Batch.empty(GLOBAL.stateSchema(), allocator));
    try (HashAggregateOperator op =
        new HashAggregateOperator(GLOBAL, AggregateMode.FINAL, allocator)) {
      states.forEach(op::add);
      assertThat(TestRows.drain(op.finish()).get(0))
          .containsExactly(0L, 0L, null, null, null, null);
    }
  }

  @Test
  void globalAggregateOverRowsThatAreAllNull() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(new Object[4]);
    }
    List<Object[]> out = new AggregateHarness(allocator, new Random(3)).single(GLOBAL, rows);
    assertThat(out.get(0)).containsExactly(3L, 0L, null, null, null, null);
    new AggregateHarness(allocator, new Random(4)).checkAllWays(GLOBAL, rows);
  }

  /**
   * A global aggregate sums, counts and filters in a register per chunk (updateGlobal): the same
   * answers as the reference, with and without NULLs and a FILTER, every way the rows are split.
   */
  @Test
  void globalSumsAndCountsOverNullableColumnsMatchTheReference() {
    AggregateSpec sums =
        new AggregateSpec(
            new int[0],
            List.of(
                AggregateCall.countStar("n"),
                new AggregateCall(AggregateFunction.COUNT, 2, "c"),
                new AggregateCall(AggregateFunction.SUM, 1, "s"),
                new AggregateCall(AggregateFunction.SUM, 2, "d"),
                new AggregateCall(AggregateFunction.SUM, 3, "i")),
            INPUT);
    Random random = new Random(11);
    for (double nullRate : new double[] {0.0, 0.3}) {
      List<Object[]> rows = new ArrayList<>();
      for (int r = 0; r < 50_000; r++) {
        rows.add(
            new Object[] {
              "k",
              TestRows.randomValue(random, INT64, 1_000_000, nullRate),
              // finite: the shared domain has NaN and infinities, whose sums hide any error
              random.nextDouble() < nullRate ? null : (random.nextInt(2_000_001) - 1e6) / 64,
              TestRows.randomValue(random, INT32, 1000, nullRate)
            });
      }
      new AggregateHarness(allocator, new Random(12)).checkAllWays(sums, rows);
    }
  }

  @Test
  void integerSumOverflowIsAnArithmeticError() {
    List<Object[]> rows = rowsOf(row(Long.MAX_VALUE - 1), row(1L), row(1L));
    try (HashAggregateOperator op =
        new HashAggregateOperator(GLOBAL, AggregateMode.SINGLE, allocator)) {
      assertThatThrownBy(() -> op.add(TestRows.batch(allocator, INPUT, rows)))
          .isInstanceOf(KernelException.class)
          .hasMessageContaining("SUM AS s overflows INT64")
          .satisfies(
              e ->
                  assertThat(((KernelException) e).kind())
                      .isEqualTo(KernelException.Kind.ARITHMETIC));
    }
    try (HashAggregateOperator op =
        new HashAggregateOperator(GLOBAL, AggregateMode.FINAL, allocator)) {
      op.add(partial(rowsOf(row(Long.MAX_VALUE - 1))));
      assertThatThrownBy(() -> op.add(partial(rowsOf(row(2L)))))
          .isInstanceOf(KernelException.class)
          .satisfies(
              e ->
                  assertThat(((KernelException) e).kind())
                      .isEqualTo(KernelException.Kind.ARITHMETIC));
    }
  }

  @Test
  void int32SumsWidenPastTheInt32Range() {
    Schema schema = TestRows.schema(INT32);
    AggregateSpec spec =
        new AggregateSpec(
            new int[0], List.of(new AggregateCall(AggregateFunction.SUM, 0, "s")), schema);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(new Object[] {Integer.MAX_VALUE});
      rows.add(new Object[] {Integer.MIN_VALUE});
      rows.add(new Object[] {Integer.MIN_VALUE});
    }
    List<Object[]> out = new AggregateHarness(allocator, new Random(6)).single(spec, rows);
    assertThat(out.get(0)[0]).isEqualTo(4L * Integer.MAX_VALUE + 8L * Integer.MIN_VALUE);
  }

  @Test
  void selectionAggregatesOnlyTheSelectedRows() {
    Random random = new Random(8);
    AggregateSpec spec = new AggregateSpec(new int[] {0, 3}, GLOBAL.calls(), INPUT);
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 50_000; r++) {
      rows.add(
          new Object[] {
            TestRows.randomValue(random, UTF8, 30, 0.1),
            TestRows.randomValue(random, INT64, 1000, 0.1),
            TestRows.randomValue(random, FLOAT64, 1000, 0.1),
            TestRows.randomValue(random, INT32, 7, 0.1)
          });
    }
    Selection selection = new Selection(16);
    List<Object[]> selected = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      if (random.nextInt(3) == 0) {
        selection.add(r);
        selected.add(rows.get(r));
      }
    }
    try (HashAggregateOperator op =
        new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
      op.add(TestRows.batch(allocator, INPUT, rows), selection);
      op.add(TestRows.batch(allocator, INPUT, rows), new Selection(4));
      AggregateHarness.assertMatches(
          spec,
          TestRows.drain(op.finish()),
          ReferenceAggregate.compute(spec, selected),
          "selection");
    }
  }

  /**
   * More groups of one string key than one output batch holds: the keys come out of the table's
   * arena in slices, with the empty string and NULL (a group of its own, first seen in the second
   * slice) where they belong.
   */
  @Test
  void stringGroupsSpanningSeveralOutputBatches() {
    AggregateSpec spec =
        new AggregateSpec(new int[] {0}, List.of(AggregateCall.countStar("n")), INPUT);
    int groups = 2 * HashAggregateOperator.MAX_OUTPUT_ROWS + 123;
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < groups + 1000; r++) {
      int g = r % groups;
      String key = g == 7 ? "" : g == HashAggregateOperator.MAX_OUTPUT_ROWS + 5 ? null : "k" + g;
      rows.add(new Object[] {key, (long) r, 0.5, r});
    }
    for (AggregateMode mode : List.of(AggregateMode.SINGLE, AggregateMode.PARTIAL)) {
      try (HashAggregateOperator op = new HashAggregateOperator(spec, mode, allocator)) {
        op.add(TestRows.batch(allocator, INPUT, rows));
        List<Batch> out = op.finish();
        assertThat(out).hasSize(3);
        List<Object[]> result = TestRows.drain(out);
        assertThat(result).hasSize(groups);
        for (int g = 0; g < groups; g++) {
          Object[] row = result.get(g);
          assertThat(row[0]).isEqualTo(rows.get(g)[0]);
          assertThat(row[1]).isEqualTo(g < 1000 ? 2L : 1L);
        }
      }
    }
  }

  /**
   * A PARTIAL aggregate over a nearly unique key hands its groups on early, in slices of at most
   * MAX_OUTPUT_ROWS, once it has seen PROBE_ROWS rows; merged by FINAL, the drained and finished
   * states give the same answer (its table passed rows through, a group each: duplicate keys in its
   * output, one string key and a string and an integer). One that reduces never drains.
   */
  @Test
  void partialAggregateThatDoesNotReduceHandsItsGroupsOnEarly() {
    handsGroupsOnEarly(new int[] {0});
    handsGroupsOnEarly(new int[] {0, 3});
  }

  private void handsGroupsOnEarly(int[] groupColumns) {
    AggregateSpec spec = new AggregateSpec(groupColumns, GLOBAL.calls(), INPUT);
    Random random = new Random(3);
    List<List<Object[]>> inputs = new ArrayList<>();
    List<Object[]> all = new ArrayList<>();
    for (int b = 0; b < 8; b++) {
      List<Object[]> rows = new ArrayList<>();
      for (int r = 0; r < 40_000; r++) {
        int id = b * 40_000 + r;
        rows.add(
            new Object[] {
              id % 997 == 0 ? null : "key-" + (id % 250_000),
              TestRows.randomValue(random, INT64, 1000, 0.1),
              TestRows.randomValue(random, FLOAT64, 1000, 0.1),
              TestRows.randomValue(random, INT32, 7, 0.1)
            });
      }
      inputs.add(rows);
      all.addAll(rows);
    }
    List<Batch> states = new ArrayList<>();
    int drainedAfter = -1;
    try (HashAggregateOperator partial =
        new HashAggregateOperator(spec, AggregateMode.PARTIAL, allocator)) {
      for (int b = 0; b < inputs.size(); b++) {
        partial.add(TestRows.batch(allocator, INPUT, inputs.get(b)));
        List<Batch> ready = partial.drainReady();
        if (!ready.isEmpty() && drainedAfter < 0) {
          drainedAfter = b;
        }
        for (Batch batch : ready) {
          assertThat(batch.rowCount()).isLessThanOrEqualTo(HashAggregateOperator.MAX_OUTPUT_ROWS);
        }
        states.addAll(ready);
      }
      assertThat(partial.flushesEarly()).isTrue();
      assertThat(partial.memoryBytes()).isLessThan(64L << 20);
      states.addAll(partial.finish());
    }
    // 100,000 rows are seen after the third batch
    assertThat(drainedAfter).isEqualTo(2);
    try (HashAggregateOperator last =
        new HashAggregateOperator(spec, AggregateMode.FINAL, allocator)) {
      states.forEach(last::add);
      AggregateHarness.assertMatches(
          spec, TestRows.drain(last.finish()), ReferenceAggregate.compute(spec, all), "early");
    }

    try (HashAggregateOperator reducing =
        new HashAggregateOperator(spec, AggregateMode.PARTIAL, allocator)) {
      for (List<Object[]> rows : inputs) {
        List<Object[]> few = new ArrayList<>();
        for (Object[] row : rows) {
          Object[] copy = row.clone();
          copy[0] = row[0] == null ? null : ((String) row[0]).substring(0, 5);
          few.add(copy);
        }
        reducing.add(TestRows.batch(allocator, INPUT, few));
        assertThat(reducing.drainReady()).isEmpty();
      }
      assertThat(reducing.flushesEarly()).isFalse();
      TestRows.drain(reducing.finish());
    }
  }

  /**
   * Batches whose string key carries dictionary ids are grouped through the dictionary, each entry
   * looked up once: the same answer as without them, across batches sharing a dictionary, a new
   * dictionary, a batch without ids, NULLs, a selection, and entries no row uses.
   */
  @Test
  void dictionaryIdsGiveTheSameGroupsAsTheValues() {
    AggregateSpec spec = new AggregateSpec(new int[] {0}, GLOBAL.calls(), INPUT);
    String[] first = {"CSH", "CRD", "UNK", "NOC", "DIS"};
    String[] second = {"DIS", "CRD", "new", ""};
    Random random = new Random(11);
    List<Object[]> all = new ArrayList<>();
    try (HashAggregateOperator withIds =
            new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator);
        HashAggregateOperator plain =
            new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
      for (int b = 0; b < 5; b++) {
        String[] dictionary = b < 3 ? first : second;
        int rows = 3000;
        int[] ids = new int[rows];
        List<Object[]> batchRows = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
          ids[r] = random.nextInt(10) == 0 ? -1 : random.nextInt(dictionary.length - 1);
          batchRows.add(
              new Object[] {
                ids[r] < 0 ? null : dictionary[ids[r]],
                TestRows.randomValue(random, INT64, 1000, 0.1),
                TestRows.randomValue(random, FLOAT64, 1000, 0.1),
                TestRows.randomValue(random, INT32, 7, 0.1)
              });
        }
        Selection selection =
            b == 1 ? TestRows.everyThird(batchRows, all) : TestRows.all(batchRows, all);
        Batch batch = TestRows.batch(allocator, INPUT, batchRows);
        if (b != 2) {
          batch.withDictionary(0, new DictionaryIds(TestRows.dictionary(dictionary), ids));
        }
        withIds.add(batch, selection);
        plain.add(TestRows.batch(allocator, INPUT, batchRows), selection);
      }
      java.util.Map<List<Object>, Object[]> expected = ReferenceAggregate.compute(spec, all);
      AggregateHarness.assertMatches(spec, TestRows.drain(withIds.finish()), expected, "ids");
      AggregateHarness.assertMatches(spec, TestRows.drain(plain.finish()), expected, "values");
    }
  }

  /**
   * Two and three keys through small domains (CompositeKeys): dictionary ids of a string key (a
   * dictionary that changes, holds a value twice, or is missing), integer keys over short and long
   * ranges (the long ones take the table's path, in the same operator), NULLs, selections and
   * batches of several chunks, against the reference.
   */
  @Test
  void smallKeyDomainsGiveTheReferenceGroups() {
    String[] first = {"CSH", "CRD", "UNK", "NOC", "DIS"};
    String[] twice = {"DIS", "CRD", "DIS", ""};
    for (int[] groupColumns : new int[][] {{0, 3}, {3, 1, 0}, {1, 3}}) {
      AggregateSpec spec = new AggregateSpec(groupColumns, GLOBAL.calls(), INPUT);
      Random random = new Random(groupColumns.length * 31L + groupColumns[0]);
      List<Object[]> all = new ArrayList<>();
      try (HashAggregateOperator operator =
          new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
        for (int b = 0; b < 6; b++) {
          String[] dictionary = b % 2 == 0 ? first : twice;
          int rows = b == 3 ? HashAggregateOperator.CHUNK_ROWS * 2 + 17 : 3000;
          long range = b == 4 ? 1L << 40 : 12; // batch 4: too wide for a small domain
          long offset = b == 5 ? -1_000_000 : 0; // batch 5: negative values, no NULLs
          int[] ids = new int[rows];
          List<Object[]> batchRows = new ArrayList<>();
          for (int r = 0; r < rows; r++) {
            ids[r] = random.nextInt(10) == 0 ? -1 : random.nextInt(dictionary.length);
            batchRows.add(
                new Object[] {
                  ids[r] < 0 ? null : dictionary[ids[r]],
                  b != 5 && random.nextInt(8) == 0
                      ? null
                      : offset + (long) (random.nextDouble() * range),
                  TestRows.randomValue(random, FLOAT64, 1000, 0.1),
                  b != 5 && random.nextInt(9) == 0 ? null : random.nextInt(5) - 2
                });
          }
          Selection selection =
              b == 1 ? TestRows.everyThird(batchRows, all) : TestRows.all(batchRows, all);
          Batch batch = TestRows.batch(allocator, INPUT, batchRows);
          if (b != 2) {
            batch.withDictionary(0, new DictionaryIds(TestRows.dictionary(dictionary), ids));
          }
          operator.add(batch, selection);
        }
        java.util.Map<List<Object>, Object[]> expected = ReferenceAggregate.compute(spec, all);
        AggregateHarness.assertMatches(
            spec,
            TestRows.drain(operator.finish()),
            expected,
            java.util.Arrays.toString(groupColumns));
      }
    }
  }

  @Test
  void readsSlicedBatchesAtUnalignedOffsets() {
    Random random = new Random(12);
    AggregateSpec spec = new AggregateSpec(new int[] {3}, GLOBAL.calls(), INPUT);
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 3_000; r++) {
      rows.add(
          new Object[] {
            TestRows.randomValue(random, UTF8, 30, 0.2),
            TestRows.randomValue(random, INT64, 1000, 0.2),
            TestRows.randomValue(random, FLOAT64, 1000, 0.2),
            TestRows.randomValue(random, INT32, 7, 0.2)
          });
    }
    try (HashAggregateOperator op =
            new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator);
        Batch whole = TestRows.batch(allocator, INPUT, rows)) {
      op.add(whole.slice(3, 1_000, allocator));
      Selection selection = new Selection(4);
      selection.add(0);
      selection.add(7);
      selection.add(1_496);
      op.add(whole.slice(1_003, 1_497, allocator), selection);
      List<Object[]> expected = new ArrayList<>(rows.subList(3, 1_003));
      expected.add(rows.get(1_003));
      expected.add(rows.get(1_010));
      expected.add(rows.get(2_499));
      AggregateHarness.assertMatches(
          spec, TestRows.drain(op.finish()), ReferenceAggregate.compute(spec, expected), "slices");
    }
  }

  @Test
  void rejectsSelectionsOutsideTheBatch() {
    try (HashAggregateOperator op =
        new HashAggregateOperator(GLOBAL, AggregateMode.SINGLE, allocator)) {
      Selection selection = new Selection(2);
      selection.add(0);
      selection.add(3);
      assertThatThrownBy(
              () -> op.add(TestRows.batch(allocator, INPUT, rowsOf(row(1L), row(2L))), selection))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("selection");
    }
  }

  @Test
  void absorbRejectsOtherConfigurationsAndClosesWhatItAbsorbs() {
    AggregateSpec other = new AggregateSpec(new int[] {0}, GLOBAL.calls(), INPUT);
    try (HashAggregateOperator op =
            new HashAggregateOperator(GLOBAL, AggregateMode.FINAL, allocator);
        HashAggregateOperator grouped =
            new HashAggregateOperator(other, AggregateMode.FINAL, allocator)) {
      assertThatThrownBy(() -> op.absorb(grouped)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> op.absorb(op)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> op.absorb(new NotAnAggregate()))
          .isInstanceOf(IllegalArgumentException.class);
      HashAggregateOperator attempt =
          new HashAggregateOperator(GLOBAL, AggregateMode.FINAL, allocator);
      attempt.add(partial(rowsOf(row(5L))));
      op.absorb(attempt);
      assertThatThrownBy(() -> attempt.add(partial(rowsOf(row(1L)))))
          .isInstanceOf(IllegalStateException.class);
      assertThat(TestRows.drain(op.finish()).get(0)).containsExactly(1L, 1L, 5L, "x", 1.5, 2.0);
    }
  }

  @Test
  void rejectsBatchesOfTheWrongLayoutAndClosesThem() {
    try (HashAggregateOperator op =
        new HashAggregateOperator(GLOBAL, AggregateMode.FINAL, allocator)) {
      assertThatThrownBy(() -> op.add(TestRows.batch(allocator, INPUT, rowsOf(row(1L)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("FINAL aggregate expects state columns");
    }
  }

  @Test
  void refusesUseAfterFinishOrClose() {
    HashAggregateOperator op = new HashAggregateOperator(GLOBAL, AggregateMode.SINGLE, allocator);
    TestRows.drain(op.finish());
    assertThatThrownBy(op::finish).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> op.add(TestRows.batch(allocator, INPUT, rowsOf(row(1L)))))
        .isInstanceOf(IllegalStateException.class);
    op.close();
    op.close();
    assertThat(op.outputSchema()).isEqualTo(GLOBAL.finalSchema());
  }

  private Batch partial(List<Object[]> rows) {
    try (HashAggregateOperator op =
        new HashAggregateOperator(GLOBAL, AggregateMode.PARTIAL, allocator)) {
      op.add(TestRows.batch(allocator, INPUT, rows));
      List<Batch> out = op.finish();
      assertThat(out).hasSize(1);
      return out.get(0);
    }
  }

  private static List<Object[]> rowsOf(Object[]... rows) {
    return new ArrayList<>(List.<Object[]>of(rows));
  }

  private static Object[] row(Long value) {
    return new Object[] {"x", value, 1.5, 2};
  }

  /** An accumulator of another kind. */
  private static final class NotAnAggregate implements Accumulator {
    @Override
    public Schema outputSchema() {
      return INPUT;
    }

    @Override
    public void add(Batch input) {
      input.close();
    }

    @Override
    public void absorb(Accumulator other) {}

    @Override
    public List<Batch> finish() {
      return List.of();
    }

    @Override
    public long memoryBytes() {
      return 0;
    }

    @Override
    public void close() {}
  }
}
