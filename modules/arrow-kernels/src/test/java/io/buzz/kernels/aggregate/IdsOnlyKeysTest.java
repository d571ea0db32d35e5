package io.buzz.kernels.aggregate;

import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.TakeKernel;
import io.buzz.kernels.operator.ProjectOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group key a batch holds only as dictionary ids ({@link Batch#withIdsOnly}: placeholder values,
 * right validity): the aggregate groups on it and reads its values from the ids alike, a projection
 * passes it on with its ids, and whatever else would read or hand on its placeholders throws.
 */
class IdsOnlyKeysTest {
  private static final Schema INPUT = TestRows.schema(UTF8, INT64);
  private static final String[] DICTIONARY = {"CSH", "CRD", "", "a longer value than eight"};

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /**
   * One key and two (a string and an integer key: CompositeKeys' codes while the integers span a
   * short range, the group table beyond), calls that read the key's values (MIN, MAX, COUNT
   * DISTINCT) and its nulls (COUNT), selections and batches of several chunks, against the
   * reference aggregate over the real values.
   */
  @Test
  void theAggregateGroupsOnAndReadsAKeyHeldOnlyAsIds() {
    List<AggregateCall> calls =
        List.of(
            AggregateCall.countStar("n"),
            new AggregateCall(AggregateFunction.COUNT, 0, "keys"),
            new AggregateCall(AggregateFunction.MIN, 0, "lo"),
            new AggregateCall(AggregateFunction.MAX, 0, "hi"),
            new AggregateCall(AggregateFunction.COUNT, 0, "distinct", true, -1),
            new AggregateCall(AggregateFunction.SUM, 1, "s"));
    for (int[] groupBy : new int[][] {{0}, {0, 1}, {1, 0}}) {
      AggregateSpec spec = new AggregateSpec(groupBy, calls, INPUT);
      Random random = new Random(5 + groupBy.length * 7L + groupBy[0]);
      List<Object[]> all = new ArrayList<>();
      try (HashAggregateOperator operator =
          new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
        for (int b = 0; b < 5; b++) {
          int rows = b == 3 ? HashAggregateOperator.CHUNK_ROWS * 2 + 5 : 3000;
          long range = b == 4 ? 1L << 40 : 9; // batch 4: too wide for CompositeKeys' codes
          int[] ids = new int[rows];
          List<Object[]> values = new ArrayList<>();
          for (int r = 0; r < rows; r++) {
            ids[r] = random.nextInt(10) == 0 ? -1 : random.nextInt(DICTIONARY.length);
            values.add(
                new Object[] {
                  ids[r] < 0 ? null : DICTIONARY[ids[r]],
                  random.nextInt(12) == 0 ? null : (long) (random.nextDouble() * range)
                });
          }
          Selection selection =
              b == 1 ? TestRows.everyThird(values, all) : TestRows.all(values, all);
          operator.add(idsOnly(values, ids), selection);
        }
        AggregateHarness.assertMatches(
            spec,
            TestRows.drain(operator.finish()),
            ReferenceAggregate.compute(spec, all),
            "keys " + java.util.Arrays.toString(groupBy));
      }
    }
  }

  /**
   * An integer key that carries dictionary ids beside a string key is coded by its values' range,
   * not by its ids (ids of a large dictionary would overflow the range's radix and merge groups).
   */
  @Test
  void anIntegerKeyWithIdsBesideAStringKeyGroupsByItsValues() {
    AggregateSpec spec =
        new AggregateSpec(new int[] {0, 1}, List.of(AggregateCall.countStar("n")), INPUT);
    // 100 and 101 (twice): a range of two values, ids up to 5
    long[] entries = {100, 7, 101, 7, 7, 101};
    int[] used = {0, 2, 5};
    Random random = new Random(9);
    List<Object[]> all = new ArrayList<>();
    try (HashAggregateOperator operator =
        new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
      int rows = 2000;
      int[] keyIds = new int[rows];
      int[] numberIds = new int[rows];
      List<Object[]> values = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        keyIds[r] = random.nextInt(DICTIONARY.length);
        numberIds[r] = used[random.nextInt(used.length)];
        values.add(new Object[] {DICTIONARY[keyIds[r]], entries[numberIds[r]]});
      }
      all.addAll(values);
      Batch batch = idsOnly(values, keyIds);
      batch.withDictionary(
          1, new DictionaryIds(DictionaryIds.Dictionary.ofLongs(entries, 6), numberIds));
      operator.add(batch);
      AggregateHarness.assertMatches(
          spec, TestRows.drain(operator.finish()), ReferenceAggregate.compute(spec, all), "ids");
    }
  }

  /**
   * CompositeKeys keeps the groups of codes from chunk to chunk only while the chunks code their
   * keys alike: the same dictionary object throughout, the integer key's range moving from batch to
   * batch (so the same code means another key) and coming back.
   */
  @Test
  void codesKeepTheirGroupsOnlyWhileChunksCodeTheirKeysAlike() {
    AggregateSpec spec =
        new AggregateSpec(new int[] {0, 1}, List.of(AggregateCall.countStar("n")), INPUT);
    DictionaryIds.Dictionary shared = TestRows.dictionary(DICTIONARY);
    Random random = new Random(13);
    List<Object[]> all = new ArrayList<>();
    try (HashAggregateOperator operator =
        new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
      for (long low : new long[] {0, 1, 2, 0, 0}) {
        int rows = HashAggregateOperator.CHUNK_ROWS + 300; // two chunks
        int[] keyIds = new int[rows];
        List<Object[]> values = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
          keyIds[r] = r < 2 ? 0 : random.nextInt(DICTIONARY.length);
          long x = low + (r < 2 ? r : random.nextInt(2)); // both ends of the range in each chunk
          values.add(new Object[] {DICTIONARY[keyIds[r]], x});
        }
        all.addAll(values);
        Batch batch = idsOnly(values, keyIds);
        operator.add(batch.withIdsOnly(0, new DictionaryIds(shared, keyIds)));
      }
      AggregateHarness.assertMatches(
          spec, TestRows.drain(operator.finish()), ReferenceAggregate.compute(spec, all), "codes");
    }
  }

  @Test
  void readingOrHandingOnThePlaceholdersOutsideTheAggregateThrows() {
    Selection odd = new Selection(4);
    odd.add(1);
    odd.add(3);
    try (Batch batch = sample()) {
      assertThatThrownBy(() -> new ColumnReference(0, UTF8).evaluate(batch, null, allocator))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("expression");
      assertThatThrownBy(() -> TakeKernel.take(batch, odd, allocator))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> batch.transferTo(allocator))
          .isInstanceOf(IllegalStateException.class);
    }
    List<Expression> references =
        List.of(new ColumnReference(1, INT64), new ColumnReference(0, UTF8));
    ProjectOperator swap =
        new ProjectOperator(
            references, List.of(INPUT.getFields().get(1), INPUT.getFields().get(0)), allocator);
    try (Batch swapped = swap.apply(sample())) {
      assertThat(swapped.idsOnly(1)).isTrue();
      assertThat(swapped.idsOnly(0)).isFalse();
      assertThat(swapped.dictionary(1).ids()).startsWith(0, -1, 2, 3);
    }
    assertThatThrownBy(() -> swap.apply(sample(), odd)).isInstanceOf(IllegalStateException.class);
  }

  /** Four rows: "CSH", NULL, "", "a longer value than eight", their key held as ids only. */
  private Batch sample() {
    int[] ids = {0, -1, 2, 3};
    List<Object[]> values = new ArrayList<>();
    for (int id : ids) {
      values.add(new Object[] {id < 0 ? null : DICTIONARY[id], 1L});
    }
    return idsOnly(values, ids);
  }

  /** {@code rows} with their keys as placeholders (empty, NULL where NULL) and {@code ids}. */
  private Batch idsOnly(List<Object[]> rows, int[] ids) {
    List<Object[]> placeholders = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      placeholders.add(new Object[] {row[0] == null ? null : "", row[1]});
    }
    return TestRows.batch(allocator, INPUT, placeholders)
        .withIdsOnly(0, new DictionaryIds(TestRows.dictionary(DICTIONARY), ids));
  }
}
