package io.buzz.kernels.testing;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Builds batches from boxed values and reads vectors back as boxed values, for tests only. Values
 * per type: BOOL Boolean, INT32 Integer, INT64 Long, FLOAT64 Double, FLOAT32 Float, UTF8 String,
 * DATE32 Integer days, TIMESTAMP_MICROS Long micros, TIME_MICROS Long micros since midnight,
 * DECIMAL128 BigDecimal of the column's scale, VARBINARY a String of lower-case hex digits (equal
 * bytes are equal strings, and the strings order as the unsigned bytes do); null is NULL.
 */
public final class TestBatches {
  private static final java.util.HexFormat HEX = java.util.HexFormat.of();

  /** The decimal type tests use where only a ColumnType is given: wider than a long. */
  public static final ArrowType.Decimal DECIMAL = ColumnType.decimal(38, 4);

  private TestBatches() {}

  /** The Arrow type of {@code type}, {@link #DECIMAL} for DECIMAL128. */
  public static ArrowType arrowType(ColumnType type) {
    return type == ColumnType.DECIMAL128 ? DECIMAL : type.arrowType();
  }

  /** One column: a name, an Arrow type (a decimal's precision and scale) and its values. */
  public record Column(String name, ArrowType arrowType, List<Object> values) {
    /** A column of a type without parameters (not DECIMAL128). */
    public Column(String name, ColumnType type, List<Object> values) {
      this(name, type.arrowType(), values);
    }

    public ColumnType type() {
      return ColumnType.of(arrowType);
    }

    public static Column of(String name, ColumnType type, Object... values) {
      return new Column(name, type, Arrays.asList(values));
    }

    public static Column of(String name, ArrowType type, Object... values) {
      return new Column(name, type, Arrays.asList(values));
    }
  }

  public static Batch batch(BufferAllocator allocator, Column... columns) {
    List<FieldVector> vectors = new ArrayList<>();
    int rows = columns.length == 0 ? 0 : columns[0].values().size();
    for (Column column : columns) {
      vectors.add(vector(allocator, column.name(), column.arrowType(), column.values()));
    }
    return Batch.of(vectors, rows);
  }

  public static FieldVector vector(
      BufferAllocator allocator, String name, ColumnType type, List<Object> values) {
    return vector(allocator, name, type.arrowType(), values);
  }

  public static FieldVector vector(
      BufferAllocator allocator, String name, ArrowType arrowType, List<Object> values) {
    ColumnType type = ColumnType.of(arrowType);
    FieldVector vector =
        new Field(name, FieldType.nullable(arrowType), null).createVector(allocator);
    vector.allocateNew();
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value == null) {
        vector.setNull(i);
        continue;
      }
      set(vector, type, i, value);
    }
    vector.setValueCount(values.size());
    return vector;
  }

  /** Sets row {@code i} of a vector of {@code type} to a non-null boxed value, growing it. */
  public static void set(FieldVector vector, ColumnType type, int i, Object value) {
    switch (type) {
      case BOOL -> ((BitVector) vector).setSafe(i, (Boolean) value ? 1 : 0);
      case INT32 -> ((IntVector) vector).setSafe(i, (Integer) value);
      case INT64 -> ((BigIntVector) vector).setSafe(i, (Long) value);
      case FLOAT64 -> ((Float8Vector) vector).setSafe(i, (Double) value);
      case FLOAT32 -> ((Float4Vector) vector).setSafe(i, (Float) value);
      case UTF8 ->
          ((VarCharVector) vector).setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
      case VARBINARY -> ((VarBinaryVector) vector).setSafe(i, HEX.parseHex((String) value));
      case DATE32 -> ((DateDayVector) vector).setSafe(i, (Integer) value);
      case TIMESTAMP_MICROS -> ((TimeStampVector) vector).setSafe(i, (Long) value);
      case TIME_MICROS -> ((TimeMicroVector) vector).setSafe(i, (Long) value);
      case DECIMAL128 -> ((DecimalVector) vector).setSafe(i, (BigDecimal) value);
    }
  }

  /** The values of a vector, boxed. */
  public static List<Object> values(FieldVector vector) {
    ColumnType type = ColumnType.of(vector.getField().getType());
    List<Object> out = new ArrayList<>(vector.getValueCount());
    for (int i = 0; i < vector.getValueCount(); i++) {
      out.add(value(vector, type, i));
    }
    return out;
  }

  public static Object value(FieldVector vector, ColumnType type, int i) {
    if (vector.isNull(i)) {
      return null;
    }
    return switch (type) {
      case BOOL -> ((BitVector) vector).get(i) != 0;
      case INT32 -> ((IntVector) vector).get(i);
      case INT64 -> ((BigIntVector) vector).get(i);
      case FLOAT64 -> ((Float8Vector) vector).get(i);
      case FLOAT32 -> ((Float4Vector) vector).get(i);
      case UTF8 -> new String(((VarCharVector) vector).get(i), StandardCharsets.UTF_8);
      case VARBINARY -> HEX.formatHex(((VarBinaryVector) vector).get(i));
      case DATE32 -> ((DateDayVector) vector).get(i);
      case TIMESTAMP_MICROS -> ((TimeStampVector) vector).get(i);
      case TIME_MICROS -> ((TimeMicroVector) vector).get(i);
      case DECIMAL128 -> ((DecimalVector) vector).getObject(i);
    };
  }

  /** The rows of a batch, each a list of boxed values. */
  public static List<List<Object>> rows(Batch batch) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < batch.rowCount(); r++) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < batch.columnCount(); c++) {
        row.add(value(batch.column(c), batch.columnType(c), r));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The rows of several batches, concatenated. */
  public static List<List<Object>> rows(List<Batch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch batch : batches) {
      rows.addAll(rows(batch));
    }
    return rows;
  }

  public static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
