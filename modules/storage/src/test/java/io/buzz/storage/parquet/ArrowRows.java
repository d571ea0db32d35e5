package io.buzz.storage.parquet;

import io.buzz.kernels.batch.Batch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Decoded batches as rows of canonical Java values, for comparing with {@link DuckDbOracle}:
 * DECIMALs as {@link java.math.BigDecimal} of the column's scale, FLOAT32 as Float, TIME_MICROS as
 * Long microseconds, all compared exactly.
 */
final class ArrowRows {
  private ArrowRows() {}

  static void appendRows(Batch batch, List<List<Object>> rows) {
    for (int row = 0; row < batch.rowCount(); row++) {
      Object[] values = new Object[batch.columnCount()];
      for (int c = 0; c < values.length; c++) {
        values[c] = value(batch.column(c), row);
      }
      rows.add(Arrays.asList(values));
    }
  }

  static List<List<Object>> rows(Batch batch) {
    List<List<Object>> rows = new ArrayList<>();
    appendRows(batch, rows);
    return rows;
  }

  static Object value(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof IntVector v) {
      return v.get(row);
    }
    if (vector instanceof DateDayVector v) {
      return v.get(row);
    }
    if (vector instanceof BigIntVector v) {
      return v.get(row);
    }
    if (vector instanceof TimeStampMicroVector v) {
      return v.get(row);
    }
    if (vector instanceof Float8Vector v) {
      return v.get(row);
    }
    if (vector instanceof Float4Vector v) {
      return v.get(row); // a Float, as DuckDB's JDBC returns a FLOAT: compared exactly
    }
    if (vector instanceof TimeMicroVector v) {
      return v.get(row);
    }
    if (vector instanceof BitVector v) {
      return v.get(row) != 0;
    }
    if (vector instanceof DecimalVector v) {
      return v.getObject(row); // exact, with the column's scale, as DuckDB's JDBC returns it
    }
    if (vector instanceof VarCharVector v) {
      return new String(v.get(row), StandardCharsets.UTF_8);
    }
    if (vector instanceof VarBinaryVector v) {
      return v.get(row);
    }
    throw new IllegalArgumentException("unexpected vector " + vector.getClass());
  }
}
