package io.buzz.plan.model;

import io.buzz.error.BuzzException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How the Fuse finds a table's files, partition values and schema. */
public enum CatalogType {
  /** Every Parquet file under the URI, Hive-style {@code key=value} directories as partitions. */
  STATIC("Static"),
  /** A Delta Lake table at the URI: the files of its latest snapshot, from the log. */
  DELTA_LAKE("DeltaLake");

  private final String jsonName;

  CatalogType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The spelling in the query JSON ({@code "type": "DeltaLake"}). */
  public String jsonName() {
    return jsonName;
  }

  /**
   * The catalog type spelled {@code name} in the JSON; the match is exact (case-sensitive).
   *
   * @param path the JSON path of the value, for the error message
   * @throws BuzzException BAD_QUERY listing the allowed values
   */
  public static CatalogType fromJson(String name, String path) {
    for (CatalogType type : values()) {
      if (type.jsonName.equals(name)) {
        return type;
      }
    }
    String allowed = Arrays.stream(values()).map(t -> t.jsonName).collect(Collectors.joining(", "));
    throw BuzzException.badQuery(
        path + ": unknown catalog type '" + name + "'; allowed values: " + allowed);
  }
}
