package io.buzz.datagen.delta;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Delta table's transaction log by hand, as the protocol
 * (github.com/delta-io/delta/blob/master/PROTOCOL.md) lays it out: one JSON action per line in
 * {@code _delta_log/NNNNNNNNNNNNNNNNNNNN.json}. Enough to build the tables Buzz's tests and sample
 * read, without Spark: protocol, metadata, add, remove and commitInfo actions. Data files are
 * written by DuckDB beside it.
 *
 * <p>A commit's file gets its commit timestamp as its modification time, which is what Delta
 * readers use to travel to a timestamp.
 */
public final class DeltaLogWriter {
  private final Path root;

  /** A column of the table's schema: {@code type} is Delta's name for it ({@code long}, ...). */
  public record Column(String name, String type, boolean nullable, Map<String, String> metadata) {
    public Column {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
      metadata = new TreeMap<>(metadata);
    }

    public Column(String name, String type) {
      this(name, type, true, Map.of());
    }
  }

  public DeltaLogWriter(Path root) {
    this.root = requireNonNull(root, "root is null");
  }

  public Path root() {
    return root;
  }

  /**
   * Writes commit {@code version} with {@code actions} (each one JSON object) and a commitInfo, its
   * file's modification time set to {@code timestampMillis}.
   */
  public Path commit(long version, long timestampMillis, String operation, List<String> actions) {
    List<String> lines = new ArrayList<>(actions);
    lines.add(
        "{\"commitInfo\":{\"timestamp\":"
            + timestampMillis
            + ",\"operation\":"
            + quote(operation)
            + ",\"engineInfo\":\"buzz-datagen\"}}");
    Path file = root.resolve("_delta_log").resolve(String.format("%020d.json", version));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      Files.setLastModifiedTime(file, FileTime.fromMillis(timestampMillis));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** A protocol action; features only from reader version 3 and writer version 7. */
  public static String protocol(
      int minReader, int minWriter, List<String> readerFeatures, List<String> writerFeatures) {
    StringBuilder json =
        new StringBuilder("{\"protocol\":{\"minReaderVersion\":")
            .append(minReader)
            .append(",\"minWriterVersion\":")
            .append(minWriter);
    if (minReader >= 3) {
      json.append(",\"readerFeatures\":").append(array(readerFeatures));
    }
    if (minWriter >= 7) {
      json.append(",\"writerFeatures\":").append(array(writerFeatures));
    }
    return json.append("}}").toString();
  }

  /** A metaData action: the schema, the partition columns and the table's configuration. */
  public static String metadata(
      String id,
      List<Column> schema,
      List<String> partitionColumns,
      Map<String, String> configuration,
      long createdTime) {
    StringBuilder fields = new StringBuilder();
    for (Column column : schema) {
      if (fields.length() > 0) {
        fields.append(',');
      }
      fields
          .append("{\"name\":")
          .append(quote(column.name()))
          .append(",\"type\":")
          .append(quote(column.type()))
          .append(",\"nullable\":")
          .append(column.nullable())
          .append(",\"metadata\":")
          .append(object(column.metadata(), true))
          .append('}');
    }
    String schemaString = "{\"type\":\"struct\",\"fields\":[" + fields + "]}";
    return "{\"metaData\":{\"id\":"
        + quote(id)
        + ",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":"
        + quote(schemaString)
        + ",\"partitionColumns\":"
        + array(partitionColumns)
        + ",\"configuration\":"
        + object(configuration, false)
        + ",\"createdTime\":"
        + createdTime
        + "}}";
  }

  /**
   * An add action for {@code file} under the root, its size and modification time read from disk.
   *
   * @param partitionValues by partition column (physical names under column mapping); a null value
   *     is a NULL partition
   * @param stats the file's statistics JSON, or null
   */
  public String add(Path file, Map<String, String> partitionValues, String stats) {
    return add(file, partitionValues, stats, null);
  }

  /** The same with a deletion vector: its JSON object ({@link DeletionVectorWriter}), or null. */
  public String add(
      Path file, Map<String, String> partitionValues, String stats, String deletionVector) {
    try {
      String add =
          add(
              relativeUri(file),
              partitionValues,
              Files.size(file),
              Files.getLastModifiedTime(file).toMillis(),
              stats);
      return deletionVector == null
          ? add
          : add.substring(0, add.length() - 2) + ",\"deletionVector\":" + deletionVector + "}}";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** An add action for the (URI-encoded, relative) {@code path}. */
  public static String add(
      String path,
      Map<String, String> partitionValues,
      long size,
      long modificationTime,
      String stats) {
    return "{\"add\":{\"path\":"
        + quote(path)
        + ",\"partitionValues\":"
        + object(partitionValues, false)
        + ",\"size\":"
        + size
        + ",\"modificationTime\":"
        + modificationTime
        + ",\"dataChange\":true"
        + (stats == null ? "" : ",\"stats\":" + quote(stats))
        + "}}";
  }

  /** A remove action for {@code file} under the root. */
  public String remove(Path file, long deletionTimestamp) {
    return remove(file, deletionTimestamp, null);
  }

  /** A remove action for {@code file} with the deletion vector it had (its JSON), or null. */
  public String remove(Path file, long deletionTimestamp, String deletionVector) {
    return "{\"remove\":{\"path\":"
        + quote(relativeUri(file))
        + ",\"deletionTimestamp\":"
        + deletionTimestamp
        + ",\"dataChange\":true"
        + (deletionVector == null ? "" : ",\"deletionVector\":" + deletionVector)
        + "}}";
  }

  /** {@code file}'s path relative to the root, as the URI path Delta's {@code add.path} holds. */
  public String relativeUri(Path file) {
    String relative = root.relativize(file).toString().replace('\\', '/');
    try {
      return new URI(null, null, relative, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot encode " + relative, e);
    }
  }

  private static String array(List<String> values) {
    StringBuilder json = new StringBuilder("[");
    for (String value : values) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(quote(value));
    }
    return json.append(']').toString();
  }

  /** A JSON object of strings; with {@code typed}, values that are JSON numbers stay numbers. */
  private static String object(Map<String, String> values, boolean typed) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      String value = entry.getValue();
      json.append(quote(entry.getKey()))
          .append(':')
          .append(value == null ? "null" : typed && value.matches("-?\\d+") ? value : quote(value));
    }
    return json.append('}').toString();
  }

  /** A JSON string. */
  static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
