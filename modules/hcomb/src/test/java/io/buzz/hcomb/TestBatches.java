package io.buzz.hcomb;

import io.buzz.exec.PlanTypes;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Schema;
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

/** Batches from boxed rows and back, for tests. Batches are owned by the caller. */
final class TestBatches {
  private TestBatches() {}

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** A batch of {@code schema} holding {@code rows} (boxed: String, Long, Double, ...). */
  static Batch batch(BufferAllocator allocator, Schema schema, List<List<Object>> rows) {
    List<FieldVector> vectors = new ArrayList<>();
    try {
      for (int c = 0; c < schema.getFieldsCount(); c++) {
        Field field = schema.getFields(c);
        ColumnType type = PlanTypes.columnType(field.getType());
        FieldVector vector = type.newVector(field.getName(), field.getNullable(), allocator);
        vectors.add(vector);
        vector.allocateNew();
        for (int r = 0; r < rows.size(); r++) {
          set(vector, type, r, rows.get(r).get(c));
        }
        vector.setValueCount(rows.size());
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return Batch.of(vectors, rows.size());
  }

  private static void set(FieldVector vector, ColumnType type, int i, Object value) {
    if (value == null) {
      vector.setNull(i);
      return;
    }
    switch (type) {
      case BOOL -> ((BitVector) vector).setSafe(i, (Boolean) value ? 1 : 0);
      case INT32 -> ((IntVector) vector).setSafe(i, (Integer) value);
      case INT64 -> ((BigIntVector) vector).setSafe(i, ((Number) value).longValue());
      case FLOAT64 -> ((Float8Vector) vector).setSafe(i, ((Number) value).doubleValue());
      case UTF8 ->
          ((VarCharVector) vector).setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
      case DATE32 -> ((DateDayVector) vector).setSafe(i, (Integer) value);
      case TIMESTAMP_MICROS -> ((TimeStampVector) vector).setSafe(i, (Long) value);
      case FLOAT32 -> ((Float4Vector) vector).setSafe(i, ((Number) value).floatValue());
      case TIME_MICROS -> ((TimeMicroVector) vector).setSafe(i, (Long) value);
      case VARBINARY ->
          ((VarBinaryVector) vector).setSafe(i, java.util.HexFormat.of().parseHex((String) value));
      case DECIMAL128 ->
          ((org.apache.arrow.vector.DecimalVector) vector).setSafe(i, (java.math.BigDecimal) value);
    }
  }

  /** The rows of {@code batch}, boxed; the batch is only read. */
  static List<List<Object>> rows(Batch batch) {
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

  private static Object value(FieldVector vector, ColumnType type, int i) {
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
}
