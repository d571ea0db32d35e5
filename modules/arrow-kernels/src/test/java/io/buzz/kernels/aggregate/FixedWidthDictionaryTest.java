package io.buzz.kernels.aggregate;

import static io.buzz.kernels.batch.ColumnType.DATE32;
import static io.buzz.kernels.batch.ColumnType.FLOAT32;
import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.TIMESTAMP_MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A single fixed-width group key whose batches carry dictionary ids (longs, as a Parquet reader
 * attaches them to a dictionary-encoded numeric column) is grouped through the dictionary: the same
 * groups as from the values, for every key type a dictionary can hold — across batches that share a
 * dictionary, a new dictionary, a batch without ids, NULLs, a selection, a dictionary that holds a
 * value twice, and floating-point keys with -0.0 and NaN.
 */
class FixedWidthDictionaryTest {
  private static final ColumnType[] KEY_TYPES = {
    INT64, FLOAT64, INT32, FLOAT32, DATE32, TIMESTAMP_MICROS
  };

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
  void dictionaryIdsGiveTheSameGroupsAsTheValuesForEveryFixedWidthKey() {
    for (ColumnType keyType : KEY_TYPES) {
      Schema input = TestRows.schema(keyType, INT64, FLOAT64);
      AggregateSpec spec =
          new AggregateSpec(
              new int[] {0},
              List.of(
                  AggregateCall.countStar("n"),
                  new AggregateCall(AggregateFunction.COUNT, 0, "keys"),
                  new AggregateCall(AggregateFunction.SUM, 1, "s"),
                  new AggregateCall(AggregateFunction.MAX, 2, "hi")),
              input);
      Random random = new Random(keyType.ordinal() * 17L + 3);
      List<Object[]> all = new ArrayList<>();
      try (HashAggregateOperator withIds =
              new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator);
          HashAggregateOperator plain =
              new HashAggregateOperator(spec, AggregateMode.SINGLE, allocator)) {
        Object[] first = entries(random, keyType, 12);
        Object[] second = entries(random, keyType, 40);
        for (int b = 0; b < 5; b++) {
          Object[] entries = b < 3 ? first : second;
          DictionaryIds.Dictionary dictionary = dictionary(keyType, entries);
          int rows = b == 4 ? HashAggregateOperator.CHUNK_ROWS + 333 : 2000;
          int[] ids = new int[rows];
          List<Object[]> batchRows = new ArrayList<>();
          for (int r = 0; r < rows; r++) {
            // the last entry is never used: an entry no row names makes no group
            ids[r] = random.nextInt(10) == 0 ? -1 : random.nextInt(entries.length - 1);
            batchRows.add(
                new Object[] {
                  ids[r] < 0 ? null : entries[ids[r]],
                  TestRows.randomValue(random, INT64, 1000, 0.1),
                  TestRows.randomValue(random, FLOAT64, 1000, 0.1)
                });
          }
          Selection selection =
              b == 1 ? TestRows.everyThird(batchRows, all) : TestRows.all(batchRows, all);
          Batch batch = TestRows.batch(allocator, input, batchRows);
          if (b != 2) {
            batch.withDictionary(0, new DictionaryIds(dictionary, ids));
          }
          withIds.add(batch, selection);
          plain.add(TestRows.batch(allocator, input, batchRows), selection);
        }
        Map<List<Object>, Object[]> expected = ReferenceAggregate.compute(spec, all);
        String what = keyType.toString();
        AggregateHarness.assertMatches(spec, TestRows.drain(withIds.finish()), expected, what);
        AggregateHarness.assertMatches(spec, TestRows.drain(plain.finish()), expected, what);
      }
    }
  }

  @Test
  void aBatchRefusesIdsWhoseDictionaryDoesNotFitTheColumn() {
    Schema input = TestRows.schema(INT64, ColumnType.UTF8);
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1L, "a"});
    DictionaryIds longs =
        new DictionaryIds(DictionaryIds.Dictionary.ofLongs(new long[] {1}, 1), new int[] {0});
    DictionaryIds strings =
        new DictionaryIds(
            new DictionaryIds.Dictionary("a".getBytes(), new int[] {0, 1}, 1), new int[] {0});
    try (Batch batch = TestRows.batch(allocator, input, rows)) {
      assertThatThrownBy(() -> batch.withDictionary(0, strings))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> batch.withDictionary(1, longs))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(batch.withDictionary(0, longs).dictionary(0)).isSameAs(longs);
      assertThat(batch.withDictionary(1, strings).dictionary(1)).isSameAs(strings);
    }
  }

  /**
   * {@code count} random values of {@code type}, repeats included; floating-point dictionaries also
   * hold 0.0, -0.0, NaN and a NaN of other bits (one group each way: NaN, and zero).
   */
  private static Object[] entries(Random random, ColumnType type, int count) {
    Object[] entries = new Object[count];
    for (int i = 0; i < count; i++) {
      entries[i] = TestRows.randomValue(random, type, count * 2 / 3, 0.0);
    }
    if (type == FLOAT64) {
      entries[0] = 0.0;
      entries[1] = -0.0;
      entries[2] = Double.NaN;
      entries[3] = Double.longBitsToDouble(0x7ff8_0000_0000_1234L);
    } else if (type == FLOAT32) {
      entries[0] = 0.0f;
      entries[1] = -0.0f;
      entries[2] = Float.NaN;
      entries[3] = Float.intBitsToFloat(0x7fc0_1234);
    }
    return entries;
  }

  /** The dictionary of {@code entries} as a reader gives it: longs, floats as doubles' bits. */
  private static DictionaryIds.Dictionary dictionary(ColumnType type, Object[] entries) {
    long[] longs = new long[entries.length];
    for (int i = 0; i < entries.length; i++) {
      Object value = entries[i];
      longs[i] =
          switch (type) {
            case FLOAT64 -> Double.doubleToRawLongBits((Double) value);
            case FLOAT32 -> Double.doubleToRawLongBits((Float) value);
            case INT32, DATE32 -> (Integer) value;
            default -> (Long) value;
          };
    }
    return DictionaryIds.Dictionary.ofLongs(longs, entries.length);
  }
}
