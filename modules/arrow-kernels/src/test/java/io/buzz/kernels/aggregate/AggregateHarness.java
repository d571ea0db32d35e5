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

  /** Asserts that all three ways equal the reference. */
  void checkAllWays(AggregateSpec spec, List<Object[]> rows) {
    Map<List<Object>, Object[]> expected = ReferenceAggregate.compute(spec, rows);
    assertMatches(spec, single(spec, rows), expected, "SINGLE");
    List<List<Object[]>> splits = split(rows);
    assertMatches(spec, partialThenFinal(spec, splits), expected, "PARTIAL -> FINAL");
    assertMatches(spec, partialThenAbsorb(spec, splits), expected, "PARTIAL -> FINAL absorb");
  }

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
        if (order.compare(want[c], got[c]) != 0 && mismatches.size() < 10) {
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
}
