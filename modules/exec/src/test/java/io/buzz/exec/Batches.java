package io.buzz.exec;

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
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/** Batches from boxed values and back, for tests. */
final class Batches {
  private Batches() {}

  /** A column: name, type, boxed values (see {@link #value}). */
  record Column(String name, ColumnType type, List<Object> values) {
    static Column of(String name, ColumnType type, Object... values) {
      return new Column(name, type, Arrays.asList(values));
    }
  }

  static Batch batch(BufferAllocator allocator, Column... columns) {
    List<FieldVector> vectors = new ArrayList<>();
    for (Column column : columns) {
      FieldVector vector = column.type().newVector(column.name(), true, allocator);
      vector.allocateNew();
      for (int i = 0; i < column.values().size(); i++) {
        Object value = column.values().get(i);
        if (value == null) {
          vector.setNull(i);
          continue;
        }
        switch (column.type()) {
          case BOOL -> ((BitVector) vector).setSafe(i, (Boolean) value ? 1 : 0);
          case INT32 -> ((IntVector) vector).setSafe(i, (Integer) value);
          case INT64 -> ((BigIntVector) vector).setSafe(i, (Long) value);
          case FLOAT64 -> ((Float8Vector) vector).setSafe(i, (Double) value);
          case UTF8 ->
              ((VarCharVector) vector)
                  .setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
          case DATE32 -> ((DateDayVector) vector).setSafe(i, (Integer) value);
          case TIMESTAMP_MICROS -> ((TimeStampVector) vector).setSafe(i, (Long) value);
          case FLOAT32 -> ((Float4Vector) vector).setSafe(i, (Float) value);
          case TIME_MICROS -> ((TimeMicroVector) vector).setSafe(i, (Long) value);
        }
      }
      vector.setValueCount(column.values().size());
      vectors.add(vector);
    }
    return Batch.of(vectors, columns.length == 0 ? 0 : columns[0].values().size());
  }

  static Object value(FieldVector vector, ColumnType type, int i) {
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
      case FLOAT32 -> ((Float4Vector) vector).get(i);
      case TIME_MICROS -> ((TimeMicroVector) vector).get(i);
      case DECIMAL128 -> ((org.apache.arrow.vector.DecimalVector) vector).getObject(i);
      case VARBINARY -> java.util.HexFormat.of().formatHex(((VarBinaryVector) vector).get(i));
    };
  }

  /** The rows of the batches, concatenated; closes the batches. */
  static List<List<Object>> drain(List<Batch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch batch : batches) {
      try (batch) {
        for (int r = 0; r < batch.rowCount(); r++) {
          List<Object> row = new ArrayList<>();
          for (int c = 0; c < batch.columnCount(); c++) {
            row.add(value(batch.column(c), batch.columnType(c), r));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
