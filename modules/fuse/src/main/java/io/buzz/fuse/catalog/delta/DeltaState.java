package io.buzz.fuse.catalog.delta;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.buzz.fuse.catalog.Table;
import io.buzz.fuse.catalog.TableFile;
import io.buzz.plan.sql.TableSchema;
import io.buzz.protocol.task.DeletionVector;
import io.buzz.protocol.task.DeletionVectorFile;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.fs.Path;
import io.delta.kernel.internal.util.VectorUtils;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A Delta table at one version as the Fuse keeps it: its live files keyed as the log's
 * reconciliation keys them (path and deletion vector), with what turning a log {@code add} into a
 * {@link TableFile} needs, so that the commits after it can be applied without reading the table
 * again ({@link DeltaLogTail}).
 *
 * @param root the table root as Kernel takes it
 * @param files the live files by {@link #key}
 * @param physicalKeys each partition column's key in the log's partition values
 */
record DeltaState(
    String root,
    String uri,
    TableSchema schema,
    List<String> partitionKeys,
    Map<String, String> physicalKeys,
    Map<String, TableFile> files,
    long version) {
  DeltaState {
    requireNonNull(root, "root is null");
    files = new LinkedHashMap<>(files);
  }

  /** The table, its files sorted by URI, under the catalog name {@code name}. */
  Table table(String name) {
    List<TableFile> sorted = new ArrayList<>(files.values());
    sorted.sort(Comparator.comparing(TableFile::uri));
    return new Table(
        name,
        uri,
        partitionKeys,
        sorted,
        new TableSchema(name, schema.columns(), schema.unsupportedColumns()),
        OptionalLong.of(version));
  }

  /**
   * What the state holds in memory, roughly: per file its URI, partition values and statistics, and
   * inline deletion vectors' bitmaps.
   */
  long estimatedBytes() {
    long bytes = 1024;
    for (TableFile file : files.values()) {
      bytes += 200 + 2L * file.uri().length() + 48L * file.partitionValues().size();
      if (file.stats() != null) {
        bytes += 120L * file.stats().columns().size();
      }
      if (file.deletionVector() != null) {
        bytes += 64 + file.deletionVector().getInlineBitmap().size();
      }
    }
    return bytes;
  }

  /** The log's key of a file: its URI and its deletion vector's unique id. */
  static String key(String uri, DeletionVectorDescriptor deletionVector) {
    return deletionVector == null ? uri : uri + "#" + deletionVector.getUniqueId();
  }

  /**
   * The absolute Buzz URI of a path in the log (relative to the root, URI-encoded, or absolute).
   */
  String uriOf(String logPath) {
    return DeltaCatalog.buzzUri(new Path(new Path(root), new Path(URI.create(logPath))).toString());
  }

  /** A log {@code add} as the file an HBee reads. */
  TableFile file(AddFile add) {
    Map<String, String> values = VectorUtils.toJavaMap(add.getPartitionValues());
    List<String> partitionValues = new ArrayList<>(partitionKeys.size());
    for (String key : partitionKeys) {
      String value = values.get(physicalKeys.get(key));
      partitionValues.add(value == null || value.isEmpty() ? null : value);
    }
    // Delta's data files are immutable: a file's version is its commit's, never re-checked
    return new TableFile(
        uriOf(add.getPath()),
        add.getSize(),
        "delta:" + add.getModificationTime(),
        partitionValues,
        add.getDeletionVector().map(this::deletionVector).orElse(null),
        DeltaFileStats.parse(add.getStatsJson().orElse(null), schema));
  }

  /**
   * A file's deletion vector as an HBee reads it: the bitmap itself when the log holds it inline,
   * otherwise where it is stored (a file beside the data, named by a UUID, or an absolute path).
   */
  private DeletionVector deletionVector(DeletionVectorDescriptor descriptor) {
    DeletionVector.Builder vector =
        DeletionVector.newBuilder().setCardinality(descriptor.getCardinality());
    if (descriptor.isInline()) {
      return vector.setInlineBitmap(ByteString.copyFrom(descriptor.inlineData())).build();
    }
    return vector
        .setFile(
            DeletionVectorFile.newBuilder()
                .setUri(DeltaCatalog.buzzUri(descriptor.getAbsolutePath(root)))
                .setOffset(descriptor.getOffset().orElse(0))
                .setSizeInBytes(descriptor.getSizeInBytes()))
        .build();
  }
}
