package io.buzz.bench;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * Rows of a result in one comparable form, whichever engine produced them: integers as Long,
 * floating point as Double, text as String, dates as epoch days, timestamps as epoch microseconds,
 * NULL as null. Doubles compare with a relative tolerance, since the engines sum in different
 * orders.
 */
final class ResultRows {
  /** Relative tolerance for doubles: sums of millions of values in another order differ a bit. */
  static final double TOLERANCE = 1e-6;

  private ResultRows() {}

  static List<List<Object>> fromArrow(List<VectorSchemaRoot> batches) {
    List<List<Object>> rows = new ArrayList<>();
    for (VectorSchemaRoot batch : batches) {
      for (int row = 0; row < batch.getRowCount(); row++) {
        List<Object> values = new ArrayList<>();
        for (FieldVector vector : batch.getFieldVectors()) {
          values.add(arrowValue(vector, row));
        }
        rows.add(values);
      }
    }
    return rows;
  }

  private static Object arrowValue(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof DateDayVector dates) {
      return (long) dates.get(row);
    }
    if (vector instanceof TimeStampVector timestamps) {
      return timestamps.get(row);
    }
    return normalize(vector.getObject(row));
  }

  static List<List<Object>> fromJdbc(ResultSet resultSet) throws SQLException {
    ResultSetMetaData meta = resultSet.getMetaData();
    List<List<Object>> rows = new ArrayList<>();
    while (resultSet.next()) {
      List<Object> values = new ArrayList<>();
      for (int column = 1; column <= meta.getColumnCount(); column++) {
        values.add(normalize(resultSet.getObject(column)));
      }
      rows.add(values);
    }
    return rows;
  }

  static Object normalize(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof java.math.BigInteger big) {
      return big.longValueExact();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Text text) {
      return text.toString();
    }
    if (value instanceof LocalDate date) {
      return date.toEpochDay();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toEpochDay();
    }
    if (value instanceof Timestamp timestamp) {
      return micros(timestamp.toLocalDateTime());
    }
    if (value instanceof LocalDateTime local) {
      return micros(local);
    }
    return value;
  }

  private static long micros(LocalDateTime local) {
    return local.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + local.getNano() / 1000;
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(ROW_ORDER);
    return copy;
  }

  private static final Comparator<List<Object>> ROW_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = compareValues(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
      return comparable.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      if (Double.isNaN(dx) || Double.isNaN(dy)) {
        return Double.isNaN(dx) && Double.isNaN(dy);
      }
      return Math.abs(dx - dy) <= TOLERANCE * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy)));
    }
    return Objects.equals(a, b);
  }

  /**
   * A readable difference between DuckDB's rows and Buzz's, or null when they agree; unordered
   * results are compared after sorting both.
   */
  static String difference(
      List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
    List<List<Object>> e = ordered ? expected : sorted(expected);
    List<List<Object>> a = ordered ? actual : sorted(actual);
    if (e.size() != a.size()) {
      return "DuckDB returned "
          + e.size()
          + " rows, Buzz "
          + a.size()
          + ": "
          + head(e)
          + " vs "
          + head(a);
    }
    for (int row = 0; row < e.size(); row++) {
      List<Object> x = e.get(row);
      List<Object> y = a.get(row);
      boolean same = x.size() == y.size();
      for (int i = 0; same && i < x.size(); i++) {
        same = sameValue(x.get(i), y.get(i));
      }
      if (!same) {
        return "row " + row + ": DuckDB " + x + ", Buzz " + y;
      }
    }
    return null;
  }

  private static String head(List<List<Object>> rows) {
    return rows.size() <= 5 ? rows.toString() : rows.subList(0, 5) + " …";
  }
}
