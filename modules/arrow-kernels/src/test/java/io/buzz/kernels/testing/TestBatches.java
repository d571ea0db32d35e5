package io.buzz.kernels.testing;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Builds batches from boxed values and reads vectors back as boxed values, for tests only. Values
 * per type: BOOL Boolean, INT32 Integer, INT64 Long, FLOAT64 Double, UTF8 String, DATE32 Integer
 * days, TIMESTAMP_MICROS Long micros; null is NULL.
 */
public final class TestBatches {
  private TestBatches() {}

  /** One column: a name, a type and its values. */
  public record Column(String name, ColumnType type, List<Object> values) {
    public static Column of(String name, ColumnType type, Object... values) {
      return new Column(name, type, Arrays.asList(values));
    }
  }

  public static Batch batch(BufferAllocator allocator, Column... columns) {
    List<FieldVector> vectors = new ArrayList<>();
    int rows = columns.length == 0 ? 0 : columns[0].values().size();
    for (Column column : columns) {
      vectors.add(vector(allocator, column.name(), column.type(), column.values()));
    }
    return Batch.of(vectors, rows);
  }

  public static FieldVector vector(
      BufferAllocator allocator, String name, ColumnType type, List<Object> values) {
    FieldVector vector = type.newVector(name, true, allocator);
    vector.allocateNew();
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value == null) {
        vector.setNull(i);
        continue;
      }
      switch (type) {
        case BOOL -> ((BitVector) vector).setSafe(i, (Boolean) value ? 1 : 0);
        case INT32 -> ((IntVector) vector).setSafe(i, (Integer) value);
        case INT64 -> ((BigIntVector) vector).setSafe(i, (Long) value);
        case FLOAT64 -> ((Float8Vector) vector).setSafe(i, (Double) value);
        case UTF8 ->
            ((VarCharVector) vector).setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
        case DATE32 -> ((DateDayVector) vector).setSafe(i, (Integer) value);
        case TIMESTAMP_MICROS -> ((TimeStampVector) vector).setSafe(i, (Long) value);
      }
    }
    vector.setValueCount(values.size());
    return vector;
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
      case UTF8 -> new String(((VarCharVector) vector).get(i), StandardCharsets.UTF_8);
      case DATE32 -> ((DateDayVector) vector).get(i);
      case TIMESTAMP_MICROS -> ((TimeStampVector) vector).get(i);
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
