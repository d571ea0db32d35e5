package io.buzz.kernels.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.aggregate.TestRows;
import io.buzz.kernels.batch.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Full sorts and top-N by DECIMAL128 keys, narrow and wide, against BigDecimal order. */
class DecimalSortTest {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void randomSortsAndTopNByDecimalKeysMatchTheReference() {
    Random random = new Random(38);
    long[] fetches = {-1, -1, 0, 1, 7, 100, 3000};
    for (int iteration = 0; iteration < 32; iteration++) {
      ArrowType decimal = TestRows.DECIMALS.get(iteration % TestRows.DECIMALS.size());
      Schema schema =
          TestRows.schema(decimal, ColumnType.INT32.arrowType(), ColumnType.UTF8.arrowType());
      List<SortKey> keys = new ArrayList<>();
      keys.add(new SortKey(0, random.nextBoolean(), random.nextBoolean()));
      if (random.nextBoolean()) {
        keys.add(new SortKey(1 + random.nextInt(2), random.nextBoolean(), random.nextBoolean()));
      }
      int distinct = 1 + random.nextInt(random.nextBoolean() ? 5 : 2000);
      List<Object[]> rows =
          SortHarness.randomRows(random, schema, random.nextInt(6000), distinct, 0.15);
      long fetch = fetches[random.nextInt(fetches.length)];
      long offset = random.nextInt(4) == 0 ? random.nextInt(rows.size() + 10) : 0;
      new SortHarness(allocator, random)
          .check(schema, keys, rows, offset, fetch, 1 + random.nextInt(3));
    }
  }

  @Test
  void wideValuesOrderByHighWordSignedThenLowWordUnsigned() {
    Schema schema = TestRows.schema(ColumnType.decimal(38, 0));
    List<BigInteger> ascending =
        List.of(
            TWO_64.negate().subtract(BigInteger.ONE),
            TWO_64.negate(),
            TWO_63.negate(),
            BigInteger.ONE.negate(),
            BigInteger.ZERO,
            TWO_63.subtract(BigInteger.ONE),
            TWO_63,
            TWO_64.subtract(BigInteger.ONE),
            TWO_64,
            TWO_64.add(TWO_63));
    List<Object[]> rows = new ArrayList<>();
    List<Object> shuffled = new ArrayList<>(ascending.size() + 2);
    for (BigInteger value : ascending) {
      shuffled.add(new BigDecimal(value));
    }
    shuffled.add(null);
    shuffled.add(null);
    java.util.Collections.shuffle(shuffled, new Random(5));
    for (Object value : shuffled) {
      rows.add(new Object[] {value});
    }
    List<Object> expected = new ArrayList<>(Arrays.asList(null, null));
    for (BigInteger value : ascending) {
      expected.add(new BigDecimal(value));
    }
    SortHarness harness = new SortHarness(allocator, new Random(1));
    assertThat(harness.sortedColumn(schema, new SortKey(0, false, true), rows)).isEqualTo(expected);
    List<Object> descendingNullsLast = new ArrayList<>(expected.subList(2, expected.size()));
    java.util.Collections.reverse(descendingNullsLast);
    descendingNullsLast.add(null);
    descendingNullsLast.add(null);
    assertThat(harness.sortedColumn(schema, new SortKey(0, true, false), rows))
        .isEqualTo(descendingNullsLast);
  }

  @Test
  void largeRunsSharingAHighWordAreRefinedByTheLowWord() {
    // Thousands of wide values with two high words: ties on the first prefix go past 256 rows.
    Random random = new Random(12);
    Schema schema = TestRows.schema(ColumnType.decimal(30, 0), ColumnType.INT32.arrowType());
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 20_000; r++) {
      BigInteger high = random.nextBoolean() ? TWO_64 : TWO_64.negate();
      BigInteger low =
          new BigInteger(64, random)
              .and(random.nextBoolean() ? TWO_63 : TWO_64.subtract(BigInteger.ONE));
      BigDecimal value = random.nextInt(20) == 0 ? null : new BigDecimal(high.add(low));
      rows.add(new Object[] {value, random.nextInt(3)});
    }
    SortHarness harness = new SortHarness(allocator, random);
    for (List<SortKey> keys :
        List.of(
            List.of(SortKey.ascending(0), SortKey.descending(1)),
            List.of(new SortKey(0, true, false), SortKey.ascending(1)),
            List.of(SortKey.ascending(1), new SortKey(0, false, true)))) {
      harness.check(schema, keys, rows, 0, -1, 2);
      harness.check(schema, keys, rows, 11, 500, 2);
    }
  }

  @Test
  void rejectsBatchesOfAnotherDecimalScale() {
    Schema schema = TestRows.schema(ColumnType.decimal(12, 2));
    Schema otherScale = TestRows.schema(ColumnType.decimal(12, 3));
    try (SortOperator op =
        new SortOperator(
            schema, List.of(SortKey.ascending(0)), 0, OptionalLong.empty(), allocator)) {
      List<Object[]> rows = List.<Object[]>of(new Object[] {new BigDecimal("1.000")});
      assertThatThrownBy(() -> op.add(TestRows.batch(allocator, otherScale, rows)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
