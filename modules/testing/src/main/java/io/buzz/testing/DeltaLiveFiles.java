package io.buzz.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The oracle's view of a local Delta table: its JSON commits replayed up to a version (add puts a
 * file, remove takes it away), independently of Delta Kernel and of Buzz, and the live files as one
 * DuckDB SELECT with the partition values as typed columns.
 */
public final class DeltaLiveFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaLiveFiles() {}

  /** The live files at {@code version} (latest when negative): relative path to its values. */
  public static Map<String, Map<String, String>> at(Path root, long version) throws IOException {
    Map<String, Map<String, String>> live = new LinkedHashMap<>();
    List<Path> commits;
    try (Stream<Path> files = Files.list(root.resolve("_delta_log"))) {
      commits = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path commit : commits) {
      long v = Long.parseLong(commit.getFileName().toString().replace(".json", ""));
      if (version >= 0 && v > version) {
        break;
      }
      for (String line : Files.readAllLines(commit)) {
        JsonNode action = JSON.readTree(line);
        if (action.has("add")) {
          Map<String, String> values = new LinkedHashMap<>();
          action
              .get("add")
              .get("partitionValues")
              .fields()
              .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText(null)));
          live.put(action.get("add").get("path").asText(), values);
        } else if (action.has("remove")) {
          live.remove(action.get("remove").get("path").asText());
        }
      }
    }
    return live;
  }

  /**
   * The live files' rows as one SELECT: each file's columns and its partition values cast to {@code
   * partitionTypes} (DuckDB type names), without the rows {@code deleted} lists for it (by the
   * file's path as the log writes it, 0-based positions in the file).
   */
  public static String select(
      Path root, long version, Map<String, String> partitionTypes, Map<String, long[]> deleted)
      throws IOException {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> file : at(root, version).entrySet()) {
      Path path = Path.of(root.resolve(URI.create(file.getKey()).getPath()).toString());
      long[] rows = deleted.get(file.getKey());
      StringBuilder select = new StringBuilder("SELECT ");
      select.append(rows == null ? "*" : "* EXCLUDE (file_row_number)");
      for (Map.Entry<String, String> key : partitionTypes.entrySet()) {
        String value = file.getValue().get(key.getKey());
        select
            .append(", CAST(")
            .append(value == null ? "NULL" : "'" + value.replace("'", "''") + "'")
            .append(" AS ")
            .append(key.getValue())
            .append(") AS ")
            .append(key.getKey());
      }
      select
          .append(" FROM read_parquet('")
          .append(path.toString().replace("'", "''"))
          .append("', hive_partitioning = false")
          .append(rows == null ? ")" : ", file_row_number = true)");
      if (rows != null) {
        select.append(" WHERE file_row_number NOT IN (");
        for (int r = 0; r < rows.length; r++) {
          select.append(r == 0 ? "" : ", ").append(rows[r]);
        }
        select.append(')');
      }
      parts.add(select.toString());
    }
    return String.join(" UNION ALL BY NAME ", parts);
  }
}
