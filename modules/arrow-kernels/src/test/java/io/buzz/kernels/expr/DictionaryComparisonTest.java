package io.buzz.kernels.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.testing.TestBatches;
import io.buzz.kernels.testing.TestBatches.Column;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A string column compared with a constant through its dictionary ids answers exactly as the
 * comparison of its values: every operation, the constant on either side, constants inside and
 * outside the dictionary, NULL rows, with and without a selection; LIKE and ILIKE likewise.
 */
class DictionaryComparisonTest {
  private static final String[] ENTRIES = {"CRD", "CSH", "", "NOC", "\u00e9t\u00e9", "DIS"};
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  @Test
  void answersAsTheValuesDo() {
    Random random = new Random(5);
    int rows = 500;
    int[] ids = new int[rows];
    List<Object> values = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      ids[r] = random.nextInt(8) == 0 ? -1 : random.nextInt(ENTRIES.length);
      values.add(ids[r] < 0 ? null : ENTRIES[ids[r]]);
    }
    Selection some = new Selection(rows);
    for (int r = 0; r < rows; r += 3) {
      some.add(r);
    }
    ColumnReference column = new ColumnReference(0, ColumnType.UTF8, ColumnType.UTF8.arrowType());
    try (Batch withIds = TestBatches.batch(allocator, new Column("kind", ColumnType.UTF8, values));
        Batch plain = TestBatches.batch(allocator, new Column("kind", ColumnType.UTF8, values))) {
      withIds.withDictionary(0, new DictionaryIds(dictionary(), ids));
      for (String constant : new String[] {"CSH", "CZZ", "", "A", "\u00ff", "\u00e9t\u00e9"}) {
        Literal literal = Literal.ofUtf8(constant);
        for (ComparisonOperation operation : ComparisonOperation.values()) {
          for (boolean mirrored : new boolean[] {false, true}) {
            ComparisonExpression comparison =
                mirrored
                    ? new ComparisonExpression(operation, literal, column)
                    : new ComparisonExpression(operation, column, literal);
            for (Selection selection : new Selection[] {null, some}) {
              assertThat(values(comparison, withIds, selection))
                  .as(comparison + (selection == null ? "" : " on a selection"))
                  .isEqualTo(values(comparison, plain, selection));
            }
          }
        }
      }
      for (String pattern : new String[] {"C%", "%S%", "", "%", "_", "ÉT%", "%é"}) {
        for (boolean caseInsensitive : new boolean[] {false, true}) {
          Expression like =
              new io.buzz.kernels.function.LikeExpression(
                  column, Literal.ofUtf8(pattern), null, caseInsensitive);
          for (Selection selection : new Selection[] {null, some}) {
            assertThat(values(like, withIds, selection))
                .as(like + (selection == null ? "" : " on a selection"))
                .isEqualTo(values(like, plain, selection));
          }
        }
      }
    }
  }

  private List<Object> values(Expression expression, Batch batch, Selection selection) {
    try (FieldVector result = expression.evaluate(batch, selection, allocator)) {
      return TestBatches.values(result);
    }
  }

  private static DictionaryIds.Dictionary dictionary() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int[] offsets = new int[ENTRIES.length + 1];
    for (int i = 0; i < ENTRIES.length; i++) {
      bytes.writeBytes(ENTRIES[i].getBytes(StandardCharsets.UTF_8));
      offsets[i + 1] = bytes.size();
    }
    return new DictionaryIds.Dictionary(bytes.toByteArray(), offsets, ENTRIES.length);
  }
}
