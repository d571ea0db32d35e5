package io.buzz.kernels.operator;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.testing.TestBatches;
import io.buzz.kernels.testing.TestBatches.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A batch with one column of every {@link ColumnType}, NULLs on every fifth row. {@link #batch}
 * leaves DECIMAL128 out (the expression kernels it feeds do not all read decimals yet); {@link
 * #batchWithDecimals} adds a {@link #NARROW_DECIMAL} and a {@link #DECIMAL} column.
 */
public final class AllTypes {
  /** The type of DECIMAL128 values from {@link #value}: wider than a long. */
  public static final ArrowType.Decimal DECIMAL = TestBatches.DECIMAL;

  /** A decimal type whose values fit a long. */
  public static final ArrowType.Decimal NARROW_DECIMAL = ColumnType.decimal(9, 2);

  private AllTypes() {}

  public static Batch batch(BufferAllocator allocator, int rows) {
    return build(allocator, rows, false);
  }

  /** Like {@link #batch}, then a DECIMAL(9,2) column and a DECIMAL(38,4) column. */
  public static Batch batchWithDecimals(BufferAllocator allocator, int rows) {
    return build(allocator, rows, true);
  }

  private static Batch build(BufferAllocator allocator, int rows, boolean decimals) {
    List<Column> columns = new ArrayList<>();
    for (ColumnType type : ColumnType.values()) {
      if (type != ColumnType.DECIMAL128) {
        columns.add(column(type.name().toLowerCase(Locale.ROOT), type.arrowType(), rows));
      }
    }
    if (decimals) {
      columns.add(column("narrow_decimal", NARROW_DECIMAL, rows));
      columns.add(column("decimal", DECIMAL, rows));
    }
    return TestBatches.batch(allocator, columns.toArray(new Column[0]));
  }

  private static Column column(String name, ArrowType type, int rows) {
    List<Object> values = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      values.add(i % 5 == 3 ? null : value(type, i));
    }
    return new Column(name, type, values);
  }

  private static Object value(ArrowType type, int i) {
    if (type instanceof ArrowType.Decimal decimal) {
      return decimalValue(decimal, i);
    }
    return value(ColumnType.of(type), i);
  }

  /** Value {@code i} of a column of {@code type}; DECIMAL128 values are of {@link #DECIMAL}. */
  public static Object value(ColumnType type, int i) {
    return switch (type) {
      case BOOL -> i % 3 == 0;
      case INT32 -> i * 7 - 50;
      case INT64 -> (long) i * 1_000_000_007L;
      case FLOAT64 -> i / 4.0;
      case FLOAT32 -> i / 3.0f;
      case UTF8 -> i % 4 == 0 ? "" : "value-" + i + "-é";
      case DATE32 -> i - 500;
      case TIMESTAMP_MICROS -> (long) i * 86_400_000_001L - 1;
      case TIME_MICROS -> (long) i * 3_600_000_123L % 86_400_000_000L;
      case DECIMAL128 -> decimalValue(DECIMAL, i);
      case VARBINARY -> i % 4 == 0 ? "" : String.format("%02x%02x80", i & 0xFF, (i * 31) & 0xFF);
    };
  }

  /** Both signs; of {@link #DECIMAL}, most need both words. */
  private static BigDecimal decimalValue(ArrowType.Decimal type, int i) {
    BigInteger unscaled =
        BigInteger.valueOf(i - 60)
            .multiply(BigInteger.TEN.pow(type.getPrecision() - 4))
            .add(BigInteger.valueOf(i));
    return new BigDecimal(unscaled, type.getScale());
  }
}
