package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.buzz.plan.sql.TableSchema;
import java.util.List;

/**
 * A catalog table as the Fuse plans it: its files with their partition values and its schema.
 *
 * @param name the catalog name used in SQL
 * @param uri the normalized location
 * @param partitionKeys the Hive-style partition keys found in the files' paths, in order of first
 *     appearance; also the order of each file's {@link TableFile#partitionValues()}
 * @param files every Parquet file, sorted by URI
 * @param schema the file columns (from a Parquet footer) followed by the partition columns
 */
public record Table(
    String name,
    String uri,
    List<String> partitionKeys,
    List<TableFile> files,
    TableSchema schema) {
  public Table {
    requireNonNull(name, "name is null");
    requireNonNull(uri, "uri is null");
    partitionKeys = List.copyOf(partitionKeys);
    files = List.copyOf(files);
    requireNonNull(schema, "schema is null");
  }

  public long totalBytes() {
    long total = 0;
    for (TableFile file : files) {
      total += file.size();
    }
    return total;
  }
}
