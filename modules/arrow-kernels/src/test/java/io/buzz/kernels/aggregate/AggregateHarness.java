package io.buzz.kernels.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs an aggregation three ways over the same Java rows and checks each against {@link
 * ReferenceAggregate}: SINGLE over everything; PARTIAL per random split (empty splits and zero-row
 * batches included) then FINAL over the shuffled states; and the HComb's way, one FINAL per "task
 * attempt" absorbed into a query-level FINAL.
 */
final class AggregateHarness {
  private final BufferAllocator allocator;
  private final Random random;

  AggregateHarness(BufferAllocator allocator, Random random) {
    this.allocator = allocator;
    this.random = random;
  }

  /**
   * Asserts that all three ways equal the reference. A sketch's estimate (APPROX_COUNT_DISTINCT) is
   * compared with the exact answer within {@link #SKETCH_TOLERANCE}, and must be the same all three
   * ways: a sketch's merge does not depend on how the rows were split.
   */
  void checkAllWays(AggregateSpec spec, List<Object[]> rows) {
    Map<List<Object>, Object[]> expected = ReferenceAggregate.compute(spec, rows);
    List<Object[]> single = single(spec, rows);
    assertMatches(spec, single, expected, "SINGLE");
    List<List<Object[]>> splits = split(rows);
    List<Object[]> merged = partialThenFinal(spec, splits);
    assertMatches(spec, merged, expected, "PARTIAL -> FINAL");
    List<Object[]> absorbed = partialThenAbsorb(spec, splits);
    assertMatches(spec, absorbed, expected, "PARTIAL -> FINAL absorb");
    assertSameSketches(spec, single, merged, "PARTIAL -> FINAL");
    assertSameSketches(spec, single, absorbed, "PARTIAL -> FINAL absorb");
  }

  /** Asserts that the sketch calls' answers are exactly the same in {@code actual} as in SINGLE. */
  private static void assertSameSketches(
      AggregateSpec spec, List<Object[]> single, List<Object[]> actual, String how) {
    Map<List<Object>, Object[]> want = ReferenceAggregate.index(spec.groupCount(), single);
    Map<List<Object>, Object[]> got = ReferenceAggregate.index(spec.groupCount(), actual);
    for (int c = 0; c < spec.calls().size(); c++) {
      if (!spec.calls().get(c).function().isSketch()) {
        continue;
      }
      int column = c; // index() keeps the calls' values
      for (Map.Entry<List<Object>, Object[]> group : want.entrySet()) {
        assertThat(got.get(group.getKey())[column])
            .as(how + " " + spec.calls().get(c) + " of group " + group.getKey() + ", as SINGLE")
            .isEqualTo(group.getValue()[column]);
      }
    }
  }

  /** The relative error allowed of a sketch's estimate: about three standard errors. */
  static final double SKETCH_TOLERANCE = 0.05;

  /** Like {@link #checkAllWays} without the plain PARTIAL → FINAL way, for large inputs. */
  void checkSingleAndAbsorb(AggregateSpec spec, List<Object[]> rows) {
    Map<List<Object>, Object[]> expected = ReferenceAggregate.compute(spec, rows);
    assertMatches(spec, single(spec, rows), expected, "SINGLE");
    assertMatches(spec, partialThenAbsorb(spec, split(rows)), expected, "PARTIAL -> FINAL absorb");
  }

  List<Object[]> single(AggregateSpec spec, List<Object[]> rows) {
    try (HashAggregateOperator op =
        new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
      feed(op, spec, rows);
      return TestRows.drain(op.finish());
    }
  }

  List<Object[]> partialThenFinal(AggregateSpec spec, List<List<Object[]>> splits) {
    List<Batch> states = partials(spec, splits);
    Collections.shuffle(states, random);
    try (HashAggregateOperator op =
        new HashAggregateOperator(spec, AggregateMode.FINAL, allocator)) {
      for (Batch state : states) {
        op.add(state);
      }
      return TestRows.drain(op.finish());
    }
  }

  /** Each split's states go to their own FINAL (an attempt), committed into the query's FINAL. */
  List<Object[]> partialThenAbsorb(AggregateSpec spec, List<List<Object[]>> splits) {
    try (HashAggregateOperator query =
        new HashAggregateOperator(spec, AggregateMode.FINAL, allocator)) {
      for (List<Object[]> split : splits) {
        HashAggregateOperator attempt =
            new HashAggregateOperator(spec, AggregateMode.FINAL, allocator);
        for (Batch state : partials(spec, List.of(split))) {
          attempt.add(state);
        }
        query.absorb(attempt);
      }
      return TestRows.drain(query.finish());
    }
  }

  private List<Batch> partials(AggregateSpec spec, List<List<Object[]>> splits) {
    List<Batch> states = new ArrayList<>();
    for (List<Object[]> split : splits) {
      try (HashAggregateOperator op =
          new HashAggregateOperator(spec, AggregateMode.PARTIAL, allocator)) {
        feed(op, spec, split);
        List<Batch> out = op.finish();
        for (Batch batch : out) {
          assertThat(batch.schema()).isEqualTo(spec.stateSchema());
        }
        states.addAll(out);
      }
    }
    return states;
  }

  /** Random split points, some splits empty. */
  List<List<Object[]>> split(List<Object[]> rows) {
    int parts = 1 + random.nextInt(6);
    int[] cuts = new int[parts + 1];
    cuts[parts] = rows.size();
    for (int p = 1; p < parts; p++) {
      cuts[p] = random.nextInt(rows.size() + 1);
    }
    java.util.Arrays.sort(cuts, 1, parts);
    List<List<Object[]>> splits = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      splits.add(rows.subList(cuts[p], cuts[p + 1]));
    }
    if (random.nextBoolean()) {
      splits.add(random.nextInt(splits.size() + 1), List.of());
    }
    return splits;
  }

  /** Adds the rows as batches of random sizes, zero-row batches included. */
  void feed(HashAggregateOperator op, AggregateSpec spec, List<Object[]> rows) {
    int position = 0;
    while (position < rows.size()) {
      int size = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(Math.min(rows.size(), 2000));
      int end = Math.min(rows.size(), position + size);
      op.add(TestRows.batch(allocator, spec.inputSchema(), rows, position, end));
      position = end;
    }
    if (random.nextBoolean()) {
      op.add(TestRows.batch(allocator, spec.inputSchema(), rows, 0, 0));
    }
  }

  static void assertMatches(
      AggregateSpec spec, List<Object[]> actual, Map<List<Object>, Object[]> expected, String how) {
    Map<List<Object>, Object[]> indexed = ReferenceAggregate.index(spec.groupCount(), actual);
    assertThat(indexed.keySet()).as(how + " groups").isEqualTo(expected.keySet());
    Comparator<Object> order = ReferenceAggregate.tolerantOrder();
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<List<Object>, Object[]> group : expected.entrySet()) {
      Object[] want = group.getValue();
      Object[] got = indexed.get(group.getKey());
      for (int c = 0; c < want.length; c++) {
        if (!same(spec, c, want[c], got[c], order) && mismatches.size() < 10) {
          mismatches.add(
              spec.calls().get(c)
                  + " of group "
                  + group.getKey()
                  + ": "
                  + got[c]
                  + " != "
                  + want[c]);
        }
      }
    }
    assertThat(mismatches).as(how).isEmpty();
  }

  private static boolean same(
      AggregateSpec spec, int column, Object want, Object got, Comparator<Object> order) {
    int call = column; // the values of calls only, as index() keeps them
    if (spec.calls().get(call).function().isSketch() && want instanceof Long exact) {
      return got instanceof Long estimate && Math.abs(estimate - exact) <= SKETCH_TOLERANCE * exact;
    }
    if (spec.calls().get(call).function().isSketch() && want instanceof Double exact) {
      // a quantile: within the sketch's relative accuracy of the value at its rank
      return got instanceof Double estimate
          && (Double.compare(estimate, exact) == 0
              || Math.abs(estimate - exact) <= QuantileSketch.RELATIVE_ACCURACY * Math.abs(exact));
    }
    return order.compare(want, got) == 0;
  }
}
