package io.buzz.hcomb;

import static io.buzz.hcomb.TestBatches.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregate of {@link TestPlans#finalAggregate} computed by hand: the partial states an HBee
 * would send for some raw {@code (key, value)} rows, and the final rows the HComb must return.
 */
final class ReferenceAggregate {
  private ReferenceAggregate() {}

  /** Raw rows {@code (key, value)}: key {@code "k" + (i % keys)}, value {@code i}. */
  static List<List<Object>> raw(int from, int count, int keys) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      rows.add(row("k" + (i % keys), (long) i));
    }
    return rows;
  }

  /** Partial state rows of {@link TestPlans#STATE}, one per key, in key order. */
  static List<List<Object>> partial(List<List<Object>> raw) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, long[]> group : groups(raw).entrySet()) {
      long[] g = group.getValue();
      rows.add(row(group.getKey(), g[0], g[1], (double) g[1], g[0]));
    }
    return rows;
  }

  /** Final rows {@code key, n, total, mean} in key order. */
  static List<List<Object>> finalRows(List<List<Object>> raw) {
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<String, long[]> group : groups(raw).entrySet()) {
      long[] g = group.getValue();
      rows.add(row(group.getKey(), g[0], g[1], (double) g[1] / g[0]));
    }
    return rows;
  }

  private static TreeMap<String, long[]> groups(List<List<Object>> raw) {
    TreeMap<String, long[]> groups = new TreeMap<>();
    for (List<Object> r : raw) {
      long[] g = groups.computeIfAbsent((String) r.get(0), k -> new long[2]);
      g[0]++;
      g[1] += (Long) r.get(1);
    }
    return groups;
  }
}
