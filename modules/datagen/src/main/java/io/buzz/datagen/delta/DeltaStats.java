package io.buzz.datagen.delta;

import io.buzz.datagen.delta.DeltaLogWriter.Column;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A data file's statistics as Delta writers put them in an add action's {@code stats}: {@code
 * numRecords}, and per column {@code minValues}, {@code maxValues} and {@code nullCount}, computed
 * by DuckDB. Like Spark, timestamps are written to the millisecond (truncated) and strings to 32
 * characters; floating-point columns get counts only.
 */
public final class DeltaStats {
  private static final Set<String> BOUNDED =
      Set.of("integer", "long", "short", "byte", "date", "timestamp", "timestamp_ntz", "string");

  private DeltaStats() {}

  /** The stats JSON of {@code file} for {@code columns} (those stored in the file). */
  public static String of(Path file, List<Column> columns) {
    List<String> selects = new ArrayList<>();
    selects.add("count(*)");
    for (Column column : columns) {
      String name = "\"" + column.name() + "\"";
      selects.add("count(*) - count(" + name + ")");
      if (BOUNDED.contains(column.type())) {
        selects.add(bound("min", name, column.type()));
        selects.add(bound("max", name, column.type()));
      }
    }
    String sql =
        "SELECT "
            + String.join(", ", selects)
            + " FROM read_parquet('"
            + file.toString().replace("'", "''")
            + "', hive_partitioning = false)";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      StringBuilder nulls = new StringBuilder();
      StringBuilder mins = new StringBuilder();
      StringBuilder maxes = new StringBuilder();
      int c = 2;
      for (Column column : columns) {
        append(nulls, column.name(), result.getString(c++), false);
        if (BOUNDED.contains(column.type())) {
          boolean text = !Set.of("integer", "long", "short", "byte").contains(column.type());
          append(mins, column.name(), result.getString(c++), text);
          append(maxes, column.name(), result.getString(c++), text);
        }
      }
      return "{\"numRecords\":"
          + result.getLong(1)
          + ",\"minValues\":{"
          + mins
          + "},\"maxValues\":{"
          + maxes
          + "},\"nullCount\":{"
          + nulls
          + "}}";
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed on " + file + ": " + e.getMessage(), e);
    }
  }

  private static String bound(String function, String name, String type) {
    return switch (type) {
      case "timestamp" -> "strftime(" + function + "(" + name + "), '%Y-%m-%dT%H:%M:%S.%gZ')";
      case "timestamp_ntz" -> "strftime(" + function + "(" + name + "), '%Y-%m-%dT%H:%M:%S.%g')";
      case "string" -> "left(" + function + "(" + name + "), 32)";
      default -> function + "(" + name + ")::VARCHAR";
    };
  }

  private static void append(StringBuilder json, String name, String value, boolean text) {
    if (value == null) {
      return; // no bound: every value NULL
    }
    if (json.length() > 0) {
      json.append(',');
    }
    json.append(DeltaLogWriter.quote(name))
        .append(':')
        .append(text ? DeltaLogWriter.quote(value) : value);
  }
}
