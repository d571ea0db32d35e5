package io.buzz.fuse.catalog.delta;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.buzz.fuse.catalog.Catalog;
import io.buzz.fuse.catalog.Table;
import io.buzz.fuse.catalog.TableFile;
import io.buzz.fuse.catalog.TableLocation;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.sql.TableColumn;
import io.buzz.plan.sql.TableSchema;
import io.buzz.protocol.task.DeletionVector;
import io.buzz.protocol.task.DeletionVectorFile;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.util.ColumnMapping;
import io.delta.kernel.internal.util.ColumnMapping.ColumnMappingMode;
import io.delta.kernel.types.StructField;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A Delta Lake table ({@code "type": "DeltaLake"}): Delta Kernel reads its log at the version the
 * catalog asks for (latest, {@code version} or {@code timestamp}) and the live files become the
 * table's files, each with its typed partition values. The table's reader features are checked
 * against what Buzz reads ({@link DeltaFeatures}) before any file is listed.
 */
public final class DeltaCatalog implements Catalog {
  private final CatalogSpec spec;
  private final TableLocation location;
  private final DeltaTables tables;

  /**
   * @param location the table's root, parsed from {@code spec.uri()}
   */
  public DeltaCatalog(CatalogSpec spec, TableLocation location, DeltaTables tables) {
    this.spec = requireNonNull(spec, "spec is null");
    this.location = requireNonNull(location, "location is null");
    this.tables = requireNonNull(tables, "tables is null");
  }

  @Override
  public Future<Table> load() {
    return tables
        .run(this::read)
        .recover(failure -> Future.failedFuture(DeltaFailures.describe(spec, location, failure)));
  }

  private Table read() throws IOException {
    String root = kernelPath(location);
    // the cache key's version: the one asked for, -1 for the latest; an instant is resolved
    // against the log every time, so it is not cached (Long.MIN_VALUE)
    long version = spec.version().orElse(spec.timestamp().isPresent() ? Long.MIN_VALUE : -1);
    if (version != Long.MIN_VALUE) {
      Table cached = tables.cached(root, version);
      if (cached != null) {
        return renamed(cached);
      }
    }
    Table read = readLog(root);
    if (version != Long.MIN_VALUE) {
      tables.keep(root, version, read);
    }
    return read;
  }

  /** A cached table under this query's catalog name. */
  private Table renamed(Table table) {
    TableSchema schema = table.schema();
    return new Table(
        spec.name(),
        table.uri(),
        table.partitionKeys(),
        table.files(),
        new TableSchema(spec.name(), schema.columns(), schema.unsupportedColumns()),
        table.version());
  }

  /** Reads the log now, on this thread, bypassing the cache (the Fuse's warm-up). */
  Table readUncached() throws IOException {
    return readLog(kernelPath(location));
  }

  private Table readLog(String root) throws IOException {
    Engine engine = tables.engine();
    io.delta.kernel.Table table = io.delta.kernel.Table.forPath(engine, root);
    Snapshot snapshot;
    if (spec.version().isPresent()) {
      snapshot = table.getSnapshotAsOfVersion(engine, spec.version().getAsLong());
    } else if (spec.timestamp().isPresent()) {
      snapshot = table.getSnapshotAsOfTimestamp(engine, spec.timestamp().get().toEpochMilli());
    } else {
      snapshot = table.getLatestSnapshot(engine);
    }
    DeltaFeatures.check(snapshot.getProtocol(), snapshot.getVersion());
    boolean mapped =
        ColumnMapping.getColumnMappingMode(snapshot.getMetadata().getConfiguration())
            != ColumnMappingMode.NONE;
    TableSchema schema =
        DeltaSchemas.schema(
            spec.name(),
            snapshot.getSchema(),
            new LinkedHashSet<>(snapshot.getPartitionColumnNames()),
            mapped);
    // partition values are keyed by physical name under column mapping
    Map<String, String> partitionKeys = new HashMap<>();
    for (StructField field : snapshot.getSchema().fields()) {
      partitionKeys.put(
          field.getName(), mapped ? ColumnMapping.getPhysicalName(field) : field.getName());
    }
    List<String> keys = schema.partitionColumns().stream().map(TableColumn::name).toList();
    List<TableFile> files = new ArrayList<>();
    Scan scan = snapshot.getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine, true)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            files.add(file(rows.next(), keys, partitionKeys, root, schema));
          }
        }
      }
    }
    files.sort(Comparator.comparing(TableFile::uri));
    return new Table(
        spec.name(), location.uri(), keys, files, schema, OptionalLong.of(snapshot.getVersion()));
  }

  private TableFile file(
      Row scanFile,
      List<String> keys,
      Map<String, String> physicalKeys,
      String root,
      TableSchema schema) {
    FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
    String uri = buzzUri(status.getPath());
    DeletionVectorDescriptor descriptor =
        InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile);
    DeletionVector deletionVector = descriptor == null ? null : deletionVector(descriptor, root);
    Map<String, String> values = InternalScanFileUtils.getPartitionValues(scanFile);
    List<String> partitionValues = new ArrayList<>(keys.size());
    for (String key : keys) {
      String value = values.get(physicalKeys.get(key));
      partitionValues.add(value == null || value.isEmpty() ? null : value);
    }
    // Delta's data files are immutable: a file's version is its commit's, never re-checked
    return new TableFile(
        uri,
        status.getSize(),
        "delta:" + status.getModificationTime(),
        partitionValues,
        deletionVector,
        DeltaFileStats.parse(
            new AddFile(scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL))
                .getStatsJson()
                .orElse(null),
            schema));
  }

  /**
   * A file's deletion vector as an HBee reads it: the bitmap itself when the log holds it inline,
   * otherwise where it is stored (a file beside the data, named by a UUID, or an absolute path).
   */
  private static DeletionVector deletionVector(DeletionVectorDescriptor descriptor, String root) {
    DeletionVector.Builder vector =
        DeletionVector.newBuilder().setCardinality(descriptor.getCardinality());
    if (descriptor.isInline()) {
      return vector.setInlineBitmap(ByteString.copyFrom(descriptor.inlineData())).build();
    }
    return vector
        .setFile(
            DeletionVectorFile.newBuilder()
                .setUri(buzzUri(descriptor.getAbsolutePath(root)))
                .setOffset(descriptor.getOffset().orElse(1))
                .setSizeInBytes(descriptor.getSizeInBytes()))
        .build();
  }

  /** The table root as Kernel takes it: {@code file:/abs/dir} (unescaped) or {@code s3://…}. */
  static String kernelPath(TableLocation location) {
    if (location instanceof TableLocation.Local local) {
      return "file:" + local.path().toAbsolutePath();
    }
    return location.uri();
  }

  /** A Kernel file path as Buzz addresses it: {@code file:///…} (escaped) or {@code s3://…}. */
  static String buzzUri(String kernelPath) {
    if (DeltaFileIO.isS3(kernelPath)) {
      return kernelPath.startsWith("s3a://")
          ? "s3://" + kernelPath.substring("s3a://".length())
          : kernelPath;
    }
    try {
      return DeltaFileIO.localPath(kernelPath).toUri().toString();
    } catch (RuntimeException e) {
      throw new UncheckedIOException(
          new IOException("the log names a file Buzz cannot address: " + kernelPath, e));
    }
  }
}
