package io.buzz.fuse.catalog.delta;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.catalog.Catalog;
import io.buzz.fuse.catalog.Table;
import io.buzz.fuse.catalog.TableFile;
import io.buzz.fuse.catalog.TableLocation;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.sql.TableColumn;
import io.buzz.plan.sql.TableSchema;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.util.ColumnMapping;
import io.delta.kernel.internal.util.ColumnMapping.ColumnMappingMode;
import io.delta.kernel.types.StructField;
import io.delta.kernel.utils.CloseableIterator;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  private Table read() throws Exception {
    String root = kernelPath(location);
    if (spec.timestamp().isPresent()) {
      // an instant is resolved against the log every time: not cached
      return readLog(root).table(spec.name());
    }
    long version = spec.version().orElse(-1);
    DeltaState cached = tables.cached(root, version);
    if (cached != null && version >= 0) {
      tables.counted("hit");
      return cached.table(spec.name());
    }
    if (cached != null) {
      DeltaTables.Freshness freshness = tables.freshness(root);
      if (freshness == DeltaTables.Freshness.CURRENT) {
        tables.counted("hit");
        return cached.table(spec.name());
      }
      if (freshness == DeltaTables.Freshness.NEWER) {
        Optional<DeltaState> updated = applyTail(cached);
        if (updated.isPresent()) {
          tables.counted("incremental");
          tables.keep(root, version, updated.get());
          return updated.get().table(spec.name());
        }
      }
    }
    tables.counted("miss");
    DeltaState read = readLog(root);
    tables.keep(root, version, read);
    return read.table(spec.name());
  }

  /**
   * The kept state with the newer commits applied; empty when they cannot be (a metadata or
   * protocol change, or a log that no longer has them): the table is then read afresh.
   */
  private Optional<DeltaState> applyTail(DeltaState cached) {
    try {
      return DeltaLogTail.apply(tables.engine(), cached);
    } catch (Exception e) {
      System.getLogger(DeltaCatalog.class.getName())
          .log(System.Logger.Level.DEBUG, "reading " + cached.root() + " afresh: " + e);
      return Optional.empty();
    }
  }

  /** Reads the log now, on this thread, bypassing the cache (the Fuse's warm-up). */
  Table readUncached() throws IOException {
    return readLog(kernelPath(location)).table(spec.name());
  }

  private DeltaState readLog(String root) throws IOException {
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
    ColumnMappingMode mode =
        ColumnMapping.getColumnMappingMode(snapshot.getMetadata().getConfiguration());
    boolean mapped = mode != ColumnMappingMode.NONE;
    TableSchema schema =
        DeltaSchemas.schema(
            spec.name(),
            snapshot.getSchema(),
            new LinkedHashSet<>(snapshot.getPartitionColumnNames()),
            mode);
    // partition values are keyed by physical name under column mapping
    Map<String, String> physicalKeys = new HashMap<>();
    for (StructField field : snapshot.getSchema().fields()) {
      physicalKeys.put(
          field.getName(), mapped ? ColumnMapping.getPhysicalName(field) : field.getName());
    }
    List<String> keys = schema.partitionColumns().stream().map(TableColumn::name).toList();
    DeltaState empty =
        new DeltaState(
            root, location.uri(), schema, keys, physicalKeys, Map.of(), snapshot.getVersion());
    Map<String, TableFile> files = new LinkedHashMap<>();
    Scan scan = snapshot.getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine, true)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            AddFile add =
                new AddFile(rows.next().getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
            TableFile file = empty.file(add);
            files.put(DeltaState.key(file.uri(), add.getDeletionVector().orElse(null)), file);
          }
        }
      }
    }
    return new DeltaState(
        root, location.uri(), schema, keys, physicalKeys, files, snapshot.getVersion());
  }

  /** The table root as Kernel takes it: {@code file:/abs/dir} (unescaped) or {@code s3://…}. */
  static String kernelPath(TableLocation location) {
    if (location instanceof TableLocation.Local local) {
      return "file:" + local.path().toAbsolutePath();
    }
    String uri = location.uri();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
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
