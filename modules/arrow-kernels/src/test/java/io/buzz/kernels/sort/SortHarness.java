package io.buzz.kernels.sort;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.aggregate.TestRows;
import io.buzz.kernels.batch.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Sorts Java rows with a {@link SortOperator}, fed in batches of random sizes (zero-row ones
 * included), and checks the result against {@link ReferenceSort}: once with one operator and once
 * with several absorbed into one (the HComb's way).
 */
final class SortHarness {
  private final BufferAllocator allocator;
  private final Random random;

  SortHarness(BufferAllocator allocator, Random random) {
    this.allocator = allocator;
    this.random = random;
  }

  /**
   * Checks rows {@code [offset, offset + fetch)} (fetch &lt; 0: all) of the sorted {@code rows}:
   * the key sequence equals the reference's, and every output row is an input row (ties may pick
   * different rows, never different keys). {@code parts} operators are absorbed into one.
   */
  void check(
      Schema schema, List<SortKey> keys, List<Object[]> rows, long offset, long fetch, int parts) {
    ColumnType[] types = TestRows.types(schema);
    OptionalLong optionalFetch = fetch < 0 ? OptionalLong.empty() : OptionalLong.of(fetch);
    List<Object[]> expected = ReferenceSort.sort(types, keys, rows, offset, fetch);
    String what = "keys " + keys + " offset " + offset + " fetch " + fetch + " schema " + schema;
    try (SortOperator op = new SortOperator(schema, keys, offset, optionalFetch, allocator)) {
      feed(op, schema, rows);
      List<Object[]> actual = TestRows.drain(op.finish());
      assertThat(ReferenceSort.keyValues(keys, actual))
          .as(what)
          .isEqualTo(ReferenceSort.keyValues(keys, expected));
      assertThat(ReferenceSort.isSubMultiset(actual, rows)).as(what).isTrue();
    }
    try (SortOperator query = new SortOperator(schema, keys, offset, optionalFetch, allocator)) {
      int position = 0;
      for (int p = 0; p < parts; p++) {
        int end =
            p == parts - 1 ? rows.size() : position + random.nextInt(rows.size() - position + 1);
        SortOperator attempt = new SortOperator(schema, keys, offset, optionalFetch, allocator);
        feed(attempt, schema, rows.subList(position, end));
        query.absorb(attempt);
        position = end;
      }
      List<Object[]> actual = TestRows.drain(query.finish());
      assertThat(ReferenceSort.keyValues(keys, actual))
          .as("absorbed " + what)
          .isEqualTo(ReferenceSort.keyValues(keys, expected));
      assertThat(ReferenceSort.isSubMultiset(actual, rows)).as(what).isTrue();
    }
  }

  void feed(SortOperator op, Schema schema, List<Object[]> rows) {
    int position = 0;
    while (position < rows.size()) {
      int size = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(3000);
      int end = Math.min(rows.size(), position + size);
      op.add(TestRows.batch(allocator, schema, rows, position, end));
      position = end;
    }
  }

  /** The values of the key column after sorting {@code rows} by {@code key} alone. */
  List<Object> sortedColumn(Schema schema, SortKey key, List<Object[]> rows) {
    try (SortOperator op =
        new SortOperator(schema, List.of(key), 0, OptionalLong.empty(), allocator)) {
      op.add(TestRows.batch(allocator, schema, rows));
      List<Object> values = new ArrayList<>();
      for (Object[] row : TestRows.drain(op.finish())) {
        values.add(row[key.column()]);
      }
      return values;
    }
  }

  /** Rows of random values of the schema's types (see {@link TestRows#randomValue}). */
  static List<Object[]> randomRows(
      Random random, Schema schema, int count, int distinct, double nullRate) {
    List<ArrowType> types = new ArrayList<>();
    schema.getFields().forEach(field -> types.add(field.getType()));
    List<Object[]> rows = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      Object[] row = new Object[types.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = TestRows.randomValue(random, types.get(c), distinct, nullRate);
      }
      rows.add(row);
    }
    return rows;
  }
}
