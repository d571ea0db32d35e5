package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
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
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Test data as Java rows ({@code Object[]} per row, null for NULL) and conversions to and from
 * batches. Java representation per type: BOOL Boolean, INT32 and DATE32 Integer, INT64 and
 * TIMESTAMP_MICROS Long, FLOAT64 Double, UTF8 String, DECIMAL128 BigDecimal of the column's scale.
 * Where only a {@link ColumnType} is given, a DECIMAL128 column is {@link TestBatches#DECIMAL}.
 * Shared by the aggregate and sort tests.
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
        if (value == null) {
          continue;
        }
        switch (types[c]) {
          case BOOL -> ((BitVector) vector).setSafe(r, (Boolean) value ? 1 : 0);
          case INT32 -> ((IntVector) vector).setSafe(r, (Integer) value);
          case DATE32 -> ((DateDayVector) vector).setSafe(r, (Integer) value);
          case INT64 -> ((BigIntVector) vector).setSafe(r, (Long) value);
          case TIMESTAMP_MICROS -> ((TimeStampVector) vector).setSafe(r, (Long) value);
          case FLOAT64 -> ((Float8Vector) vector).setSafe(r, (Double) value);
          case UTF8 ->
              ((VarCharVector) vector)
                  .setSafe(r, ((String) value).getBytes(StandardCharsets.UTF_8));
          case DECIMAL128 -> ((DecimalVector) vector).setSafe(r, (BigDecimal) value);
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
    if (vector.isNull(row)) {
      return null;
    }
    return switch (type) {
      case BOOL -> ((BitVector) vector).get(row) != 0;
      case INT32 -> ((IntVector) vector).get(row);
      case DATE32 -> ((DateDayVector) vector).get(row);
      case INT64 -> ((BigIntVector) vector).get(row);
      case TIMESTAMP_MICROS -> ((TimeStampVector) vector).get(row);
      case FLOAT64 -> ((Float8Vector) vector).get(row);
      case UTF8 -> new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
      case DECIMAL128 -> ((DecimalVector) vector).getObject(row);
    };
  }

  /**
   * A random value of {@code type} from a domain of about {@code distinct} values (so values
   * repeat), NULL with probability {@code nullRate}. FLOAT64 includes -0.0, NaN and infinities.
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
      case FLOAT64 ->
          switch (k % 13) {
            case 0 -> -0.0;
            case 1 -> 0.0;
            case 2 -> Double.NaN;
            case 3 -> Double.POSITIVE_INFINITY;
            case 4 -> Double.NEGATIVE_INFINITY;
            default -> (k - distinct / 2) * 0.25;
          };
      case UTF8 -> WORDS[k % WORDS.length] + (k / WORDS.length == 0 ? "" : k / WORDS.length);
      case DECIMAL128 -> decimal((ArrowType.Decimal) type, k, distinct);
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
      case INT64, TIMESTAMP_MICROS -> (a, b) -> Long.compare((Long) a, (Long) b);
      case FLOAT64 -> (a, b) -> Double.compare((Double) a, (Double) b);
      case DECIMAL128 -> (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b);
      case UTF8 ->
          (a, b) ->
              Arrays.compareUnsigned(
                  ((String) a).getBytes(StandardCharsets.UTF_8),
                  ((String) b).getBytes(StandardCharsets.UTF_8));
    };
  }
}
