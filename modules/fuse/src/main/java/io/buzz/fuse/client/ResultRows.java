package io.buzz.fuse.client;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * Rows of a result in one comparable form, whichever engine produced them (Buzz's Arrow batches, a
 * JDBC peer such as DuckDB): integers as Long, doubles as Double, floats (REAL) as Float, decimals
 * as BigDecimal, text as String, dates as epoch days, timestamps as epoch microseconds, times of
 * day as microseconds since midnight, NULL as null. The benchmark and the tests compare Buzz's
 * answers with DuckDB's through it: doubles with a relative tolerance; two Longs (integers,
 * timestamps, times), two decimals (by value, whatever their scales) and two floats exactly (a
 * Float only matches a Float; NaN matches NaN, an infinity itself, and -0.0 matches 0.0, as SQL
 * compares them).
 */
public final class ResultRows {
  /**
   * Relative tolerance for doubles from two engines: sums of millions of values in another order
   * differ a bit.
   */
  public static final double ENGINE_TOLERANCE = 1e-6;

  /** Relative tolerance for small data sets, where only floating point noise may differ. */
  public static final double EXACT = 1e-9;

  private ResultRows() {}

  public static List<List<Object>> fromArrow(List<VectorSchemaRoot> batches) {
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
    if (vector instanceof TimeMicroVector times) {
      return times.get(row);
    }
    return normalize(vector.getObject(row));
  }

  public static List<List<Object>> fromJdbc(ResultSet resultSet) throws SQLException {
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
      return decimal;
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
    if (value instanceof LocalTime time) {
      return time.toNanoOfDay() / 1000;
    }
    if (value instanceof Time time) {
      return time.toLocalTime().toNanoOfDay() / 1000;
    }
    if (value instanceof byte[] bytes) {
      return Binary.of(bytes);
    }
    if (value instanceof java.sql.Blob blob) {
      try {
        return Binary.of(blob.getBytes(1, Math.toIntExact(blob.length())));
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot read a BLOB value: " + e.getMessage(), e);
      }
    }
    return value;
  }

  /**
   * A VARBINARY value, by its lower-case hex digits: equal bytes are equal values, and the hex text
   * orders as the unsigned bytes do (as Buzz and DuckDB sort BLOBs).
   */
  public record Binary(String hex) implements Comparable<Binary> {
    public static Binary of(byte[] bytes) {
      return new Binary(java.util.HexFormat.of().formatHex(bytes));
    }

    @Override
    public int compareTo(Binary other) {
      return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
      return "X'" + hex + "'";
    }
  }

  private static long micros(LocalDateTime local) {
    return local.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + local.getNano() / 1000;
  }

  /** Sorts rows into a canonical order, for results whose order SQL does not define. */
  public static List<List<Object>> sorted(List<List<Object>> rows) {
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
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
      return comparable.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  private static boolean sameValue(Object a, Object b, double tolerance) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof Long x && b instanceof Long y) {
      return x.longValue() == y.longValue();
    }
    if (a instanceof Float || b instanceof Float) {
      return a instanceof Float x
          && b instanceof Float y
          && (x.floatValue() == y.floatValue() || x.isNaN() && y.isNaN());
    }
    if (a instanceof Number x && b instanceof Number y) {
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      if (Double.isNaN(dx) || Double.isNaN(dy)) {
        return Double.isNaN(dx) && Double.isNaN(dy);
      }
      if (dx == dy) {
        return true; // infinities too, whose difference is NaN
      }
      return Math.abs(dx - dy) <= tolerance * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy)));
    }
    return Objects.equals(a, b);
  }

  /**
   * A readable difference between two row lists in the same order, or null when they agree, doubles
   * within a relative {@code tolerance} ({@link #EXACT} or {@link #ENGINE_TOLERANCE}). Sort both
   * first ({@link #sorted}) when the order is not defined.
   */
  public static String difference(
      List<List<Object>> expected, List<List<Object>> actual, double tolerance) {
    if (expected.size() != actual.size()) {
      return "expected "
          + expected.size()
          + " rows but got "
          + actual.size()
          + "\nexpected: "
          + head(expected)
          + "\nactual:   "
          + head(actual);
    }
    for (int row = 0; row < expected.size(); row++) {
      List<Object> e = expected.get(row);
      List<Object> a = actual.get(row);
      boolean same = e.size() == a.size();
      for (int i = 0; same && i < e.size(); i++) {
        same = sameValue(e.get(i), a.get(i), tolerance);
      }
      if (!same) {
        return "row " + row + ": expected " + e + " but got " + a;
      }
    }
    return null;
  }

  /** {@link #difference(List, List, double)} with floating point noise only ({@link #EXACT}). */
  public static String difference(List<List<Object>> expected, List<List<Object>> actual) {
    return difference(expected, actual, EXACT);
  }

  private static String head(List<List<Object>> rows) {
    return rows.size() <= 10 ? rows.toString() : rows.subList(0, 10) + " …";
  }
}
