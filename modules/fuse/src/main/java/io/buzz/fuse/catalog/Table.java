package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.buzz.plan.sql.TableSchema;
import java.util.List;
import java.util.OptionalLong;

/**
 * A catalog table as the Fuse plans it: its files with their partition values and its schema.
 *
 * @param name the catalog name used in SQL
 * @param uri the normalized location
 * @param partitionKeys the partition columns: the Hive-style keys found in the files' paths, in
 *     order of first appearance, or a Delta table's partition columns; also the order of each
 *     file's {@link TableFile#partitionValues()}
 * @param files every Parquet file, sorted by URI
 * @param schema the table's columns, partition columns included
 * @param version the table version read, for tables that have versions (Delta)
 */
public record Table(
    String name,
    String uri,
    List<String> partitionKeys,
    List<TableFile> files,
    TableSchema schema,
    OptionalLong version) {
  public Table {
    requireNonNull(name, "name is null");
    requireNonNull(uri, "uri is null");
    partitionKeys = List.copyOf(partitionKeys);
    files = List.copyOf(files);
    requireNonNull(schema, "schema is null");
    requireNonNull(version, "version is null");
  }

  /** A table without versions: a folder of files. */
  public Table(
      String name,
      String uri,
      List<String> partitionKeys,
      List<TableFile> files,
      TableSchema schema) {
    this(name, uri, partitionKeys, files, schema, OptionalLong.empty());
  }

  public long totalBytes() {
    long total = 0;
    for (TableFile file : files) {
      total += file.size();
    }
    return total;
  }
}
