package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.buzz.protocol.task.DeletionVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One Parquet object of a table.
 *
 * @param uri {@code file:///…} or {@code s3://bucket/key}
 * @param size bytes
 * @param version the object's version as listed, empty when unknown (see {@link ListedObject})
 * @param partitionValues one per partition key of the table, in the table's key order; {@code null}
 *     where the file's path has no segment for that key
 * @param deletionVector the rows of the file a Delta table deleted, or null when none were
 * @param stats what the catalog knows of the file's values, or null
 */
public record TableFile(
    String uri,
    long size,
    String version,
    List<String> partitionValues,
    DeletionVector deletionVector,
    FileStats stats) {
  public TableFile {
    requireNonNull(uri, "uri is null");
    requireNonNull(version, "version is null");
    partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
  }

  /** A file all of whose rows are live. */
  public TableFile(String uri, long size, String version, List<String> partitionValues) {
    this(uri, size, version, partitionValues, null, null);
  }
}
