package io.buzz.kernels.sort;

import io.buzz.kernels.aggregate.TestRows;
import io.buzz.kernels.batch.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The oracle for the sort tests: java.util sorting of Java rows, plus row-multiset helpers. */
final class ReferenceSort {
  private ReferenceSort() {}

  static Comparator<Object[]> comparator(ColumnType[] types, List<SortKey> keys) {
    Comparator<Object[]> result = (a, b) -> 0;
    for (SortKey key : keys) {
      Comparator<Object> values = TestRows.order(types[key.column()]);
      Comparator<Object> directed = key.descending() ? values.reversed() : values;
      Comparator<Object> withNulls =
          key.nullsFirst() ? Comparator.nullsFirst(directed) : Comparator.nullsLast(directed);
      result = result.thenComparing(row -> row[key.column()], withNulls);
    }
    return result;
  }

  /** Rows [offset, offset + fetch) of the sorted rows (fetch < 0: all). */
  static List<Object[]> sort(
      ColumnType[] types, List<SortKey> keys, List<Object[]> rows, long offset, long fetch) {
    List<Object[]> sorted = new ArrayList<>(rows);
    sorted.sort(comparator(types, keys));
    int from = (int) Math.min(offset, sorted.size());
    int to = fetch < 0 ? sorted.size() : (int) Math.min(sorted.size(), from + fetch);
    return sorted.subList(from, to);
  }

  /** The key values of each row, in order. */
  static List<List<Object>> keyValues(List<SortKey> keys, List<Object[]> rows) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      List<Object> values = new ArrayList<>(keys.size());
      for (SortKey key : keys) {
        values.add(row[key.column()]);
      }
      out.add(values);
    }
    return out;
  }

  /** Row → multiplicity. */
  static Map<List<Object>, Integer> multiset(List<Object[]> rows) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    for (Object[] row : rows) {
      counts.merge(Arrays.asList(row), 1, Integer::sum);
    }
    return counts;
  }

  /** True when every row of {@code part} occurs in {@code whole} at least as often. */
  static boolean isSubMultiset(List<Object[]> part, List<Object[]> whole) {
    Map<List<Object>, Integer> available = multiset(whole);
    for (Map.Entry<List<Object>, Integer> entry : multiset(part).entrySet()) {
      if (available.getOrDefault(entry.getKey(), 0) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }
}
