package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.testing.TestBatches;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Test data as Java rows ({@code Object[]} per row, null for NULL) and conversions to and from
 * batches. Java representation per type: BOOL Boolean, INT32 and DATE32 Integer, INT64,
 * TIMESTAMP_MICROS and TIME_MICROS Long, FLOAT64 Double, FLOAT32 Float, UTF8 String, DECIMAL128
 * BigDecimal of the column's scale (as {@link TestBatches}). Where only a {@link ColumnType} is
 * given, a DECIMAL128 column is {@link TestBatches#DECIMAL}. Shared by the aggregate and sort
 * tests.
 */
public final class TestRows {
  private static final String[] WORDS = {
    "", "a", "ab", "abc", "b", "ba", "Z", "zz", "é", "€uro", "日本", "😀", "a\u0000", "longer words"
  };

  /** Decimal types that fit a long (up to 18 digits) and wider ones, for decimal tests. */
  public static final List<ArrowType> DECIMALS =
      List.of(
          ColumnType.decimal(9, 2),
          ColumnType.decimal(18, 0),
          ColumnType.decimal(20, 3),
          ColumnType.decimal(38, 10));

  private TestRows() {}

  public static Schema schema(ColumnType... types) {
    ArrowType[] arrowTypes = new ArrowType[types.length];
    for (int i = 0; i < types.length; i++) {
      arrowTypes[i] = TestBatches.arrowType(types[i]);
    }
    return schema(arrowTypes);
  }

  /** Nullable columns {@code c0, c1, …} of these types. */
  public static Schema schema(ArrowType... types) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      fields.add(new Field("c" + i, FieldType.nullable(types[i]), null));
    }
    return new Schema(fields);
  }

  public static ColumnType[] types(Schema schema) {
    ColumnType[] types = new ColumnType[schema.getFields().size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = ColumnType.of(schema.getFields().get(i).getType());
    }
    return types;
  }

  /** A batch of {@code rows[from, to)}, allocated from {@code allocator}. */
  public static Batch batch(
      BufferAllocator allocator, Schema schema, List<Object[]> rows, int from, int to) {
    ColumnType[] types = types(schema);
    List<FieldVector> vectors = new ArrayList<>();
    int count = to - from;
    for (int c = 0; c < types.length; c++) {
      FieldVector vector = schema.getFields().get(c).createVector(allocator);
      vector.allocateNew();
      for (int r = 0; r < count; r++) {
        Object value = rows.get(from + r)[c];
        if (value != null) {
          TestBatches.set(vector, types[c], r, value);
        }
      }
      vector.setValueCount(count);
      vectors.add(vector);
    }
    return new Batch(schema, vectors, count);
  }

  public static Batch batch(BufferAllocator allocator, Schema schema, List<Object[]> rows) {
    return batch(allocator, schema, rows, 0, rows.size());
  }

  /** The rows of {@code batch} as Java values; does not close it. */
  public static List<Object[]> rows(Batch batch) {
    List<Object[]> rows = new ArrayList<>(batch.rowCount());
    int width = batch.columnCount();
    ColumnType[] types = types(batch.schema());
    for (int r = 0; r < batch.rowCount(); r++) {
      Object[] row = new Object[width];
      for (int c = 0; c < width; c++) {
        row[c] = value(batch.column(c), types[c], r);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The rows of all batches, closing them. */
  public static List<Object[]> drain(List<Batch> batches) {
    List<Object[]> rows = new ArrayList<>();
    for (Batch batch : batches) {
      try (batch) {
        rows.addAll(rows(batch));
      }
    }
    return rows;
  }

  public static Object value(FieldVector vector, ColumnType type, int row) {
    return TestBatches.value(vector, type, row);
  }

  /**
   * A random value of {@code type} from a domain of about {@code distinct} values (so values
   * repeat), NULL with probability {@code nullRate}. FLOAT64 and FLOAT32 include -0.0, NaN and
   * infinities; TIME_MICROS spans the day, fractions of a second included.
   */
  public static Object randomValue(Random random, ColumnType type, int distinct, double nullRate) {
    return randomValue(random, TestBatches.arrowType(type), distinct, nullRate);
  }

  /**
   * Like {@link #randomValue(Random, ColumnType, int, double)} for an Arrow type. Decimals spread
   * over their precision, at most 32 digits (so that sums of many stay within 38), both signs.
   */
  public static Object randomValue(Random random, ArrowType type, int distinct, double nullRate) {
    if (random.nextDouble() < nullRate) {
      return null;
    }
    int k = random.nextInt(Math.max(distinct, 1));
    return switch (ColumnType.of(type)) {
      case BOOL -> k % 2 == 0;
      case INT32 -> k - distinct / 2;
      case DATE32 -> 18000 + k;
      case INT64 -> (long) (k - distinct / 2) * 1_000_003L;
      case TIMESTAMP_MICROS -> 1_600_000_000_000_000L + k * 1_000_000L;
      case TIME_MICROS -> (k * 7_777_777_777L + k) % 86_400_000_000L;
      case FLOAT64 -> floatingPoint(k, distinct);
      case FLOAT32 -> (float) floatingPoint(k, distinct);
      case UTF8 -> WORDS[k % WORDS.length] + (k / WORDS.length == 0 ? "" : k / WORDS.length);
      case DECIMAL128 -> decimal((ArrowType.Decimal) type, k, distinct);
      case VARBINARY -> k % 7 == 0 ? "" : String.format("%02x%08x", (k * 37) & 0xFF, k);
    };
  }

  /** Value {@code k} of a floating point domain: zeros of both signs, NaN, infinities, quarters. */
  private static double floatingPoint(int k, int distinct) {
    return switch (k % 13) {
      case 0 -> -0.0;
      case 1 -> 0.0;
      case 2 -> Double.NaN;
      case 3 -> Double.POSITIVE_INFINITY;
      case 4 -> Double.NEGATIVE_INFINITY;
      default -> (k - distinct / 2) * 0.25;
    };
  }

  private static BigDecimal decimal(ArrowType.Decimal type, int k, int distinct) {
    BigInteger bound = BigInteger.TEN.pow(Math.min(type.getPrecision(), 32));
    BigInteger step = bound.divide(BigInteger.valueOf(Math.max(distinct, 1)));
    BigInteger unscaled =
        BigInteger.valueOf(k - distinct / 2L).multiply(step).add(BigInteger.valueOf(k % 10));
    return new BigDecimal(unscaled.remainder(bound), type.getScale());
  }

  /** Orders values of one type as the kernels do: UTF8 by unsigned bytes, doubles totally. */
  public static Comparator<Object> order(ColumnType type) {
    return switch (type) {
      case BOOL -> (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
      case INT32, DATE32 -> (a, b) -> Integer.compare((Integer) a, (Integer) b);
      case INT64, TIMESTAMP_MICROS, TIME_MICROS -> (a, b) -> Long.compare((Long) a, (Long) b);
      case FLOAT64 -> (a, b) -> Double.compare((Double) a, (Double) b);
      case FLOAT32 -> (a, b) -> Float.compare((Float) a, (Float) b);
      case DECIMAL128 -> (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b);
      case VARBINARY -> (a, b) -> ((String) a).compareTo((String) b); // hex: unsigned byte order
      case UTF8 ->
          (a, b) ->
              Arrays.compareUnsigned(
                  ((String) a).getBytes(StandardCharsets.UTF_8),
                  ((String) b).getBytes(StandardCharsets.UTF_8));
    };
  }

  /** Selects every third row, adding those to {@code seen}. */
  public static Selection everyThird(List<Object[]> rows, List<Object[]> seen) {
    Selection selection = new Selection(rows.size());
    for (int r = 0; r < rows.size(); r += 3) {
      selection.add(r);
      seen.add(rows.get(r));
    }
    return selection;
  }

  /** No selection: every row, added to {@code seen}. */
  public static Selection all(List<Object[]> rows, List<Object[]> seen) {
    seen.addAll(rows);
    return null;
  }

  /** A dictionary of {@code values}' UTF-8 bytes, as a Parquet reader's {@link DictionaryIds}. */
  public static DictionaryIds.Dictionary dictionary(String... values) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int[] offsets = new int[values.length + 1];
    for (int i = 0; i < values.length; i++) {
      bytes.writeBytes(values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
      offsets[i + 1] = bytes.size();
    }
    return new DictionaryIds.Dictionary(bytes.toByteArray(), offsets, values.length);
  }
}
