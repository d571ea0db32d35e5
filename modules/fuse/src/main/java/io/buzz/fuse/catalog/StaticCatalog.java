package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.exec.PlanTypes;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.plan.physical.ValueType;
import io.buzz.plan.sql.TableColumn;
import io.buzz.plan.sql.TableSchema;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.parquet.FooterCache;
import io.buzz.storage.parquet.ParquetColumn;
import io.buzz.storage.parquet.ParquetFileReader;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A table that is a Parquet file or a folder/prefix of Parquet files ({@code type: Static}).
 * Hive-style {@code key=value} directories become partition columns (UTF8; NULL for a file whose
 * path has no segment for the key or the value {@code __HIVE_DEFAULT_PARTITION__}, and then
 * declared nullable); the other columns come from the footer of the first file in path order, so
 * all files are expected to share it (the HBees check each file against it).
 */
public final class StaticCatalog implements Catalog {
  private final String name;
  private final TableLocation location;
  private final ObjectLister lister;
  private final ByteSources byteSources;
  private final FooterCache footers;

  /**
   * @param footers where the schema file's parsed footer is kept across queries
   */
  public StaticCatalog(
      String name,
      TableLocation location,
      ObjectLister lister,
      ByteSources byteSources,
      FooterCache footers) {
    this.name = requireNonNull(name, "name is null");
    this.location = requireNonNull(location, "location is null");
    this.lister = requireNonNull(lister, "lister is null");
    this.byteSources = requireNonNull(byteSources, "byteSources is null");
    this.footers = requireNonNull(footers, "footers is null");
  }

  @Override
  public Future<Table> load() {
    return lister
        .list(location)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof BuzzException buzz
                        ? new BuzzException(
                            buzz.code(), "catalog '" + name + "': " + buzz.getMessage(), buzz)
                        : failure))
        .compose(this::describe);
  }

  private Future<Table> describe(List<ListedObject> objects) {
    if (objects.isEmpty()) {
      return Future.failedFuture(
          BuzzException.notFound(
              "catalog '"
                  + name
                  + "' has no Parquet files under "
                  + location.uri()
                  + ", so its schema is unknown"));
    }
    List<Map<String, String>> partitions = new ArrayList<>(objects.size());
    Set<String> keys = new LinkedHashSet<>();
    for (ListedObject object : objects) {
      Map<String, String> values = PartitionPath.parse(object.relativePath());
      partitions.add(values);
      keys.addAll(values.keySet());
    }
    List<String> partitionKeys = List.copyOf(keys);
    Set<String> nullableKeys = new HashSet<>();
    List<TableFile> files = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      List<String> values = new ArrayList<>(partitionKeys.size());
      for (String key : partitionKeys) {
        String value = partitions.get(i).get(key);
        if (value == null) {
          nullableKeys.add(key);
        }
        values.add(value);
      }
      ListedObject object = objects.get(i);
      files.add(new TableFile(object.uri(), object.size(), object.version(), values));
    }
    ListedObject first = objects.get(0);
    String schemaFile = first.uri();
    ByteSource source = byteSources.open(schemaFile, first.version());
    return footers
        .open(source, first.size(), first.version())
        .eventually(
            () -> {
              source.close();
              return Future.succeededFuture();
            })
        .map(
            reader ->
                new Table(
                    name,
                    location.uri(),
                    partitionKeys,
                    files,
                    schema(reader, partitionKeys, nullableKeys, schemaFile)));
  }

  private TableSchema schema(
      ParquetFileReader reader,
      List<String> partitionKeys,
      Set<String> nullableKeys,
      String schemaFile) {
    List<TableColumn> columns = new ArrayList<>();
    Map<String, String> unsupported = new LinkedHashMap<>();
    for (ParquetColumn column : reader.columns()) {
      if (containsIgnoreCase(partitionKeys, column.name())) {
        throw BuzzException.badQuery(
            "catalog '"
                + name
                + "': column '"
                + column.name()
                + "' of "
                + schemaFile
                + " is also a partition key in the file paths");
      }
      if (column.isSupported()) {
        columns.add(
            TableColumn.data(
                column.name(), valueType(column.arrowType().orElseThrow()), column.nullable()));
      } else {
        unsupported.put(
            column.name(),
            "Parquet type " + column.unsupportedReason().orElseThrow() + " is not supported yet");
      }
    }
    for (String key : partitionKeys) {
      columns.add(TableColumn.partition(key, nullableKeys.contains(key)));
    }
    return new TableSchema(name, columns, unsupported);
  }

  private static ValueType valueType(ArrowType type) {
    return type instanceof ArrowType.Decimal decimal
        ? ValueType.decimal(decimal.getPrecision(), decimal.getScale())
        : ValueType.of(PlanTypes.dataType(ColumnType.of(type)));
  }

  /** SQL identifiers are case-insensitive, so {@code Day} and {@code day} would clash. */
  private static boolean containsIgnoreCase(List<String> names, String name) {
    for (String candidate : names) {
      if (candidate.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
