package io.buzz.fuse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.catalog.delta.DeltaTables;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.physical.ValueType;
import io.buzz.plan.sql.TableColumn;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.S3ReadOptions;
import io.buzz.testing.Await;
import io.buzz.testing.ParquetFiles;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Static catalog over local folders of DuckDB-written Parquet files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticCatalogLocalTest {
  private static final String ROWS =
      "SELECT i AS id, 'v' || i AS label, CAST(i * 1.5 AS DOUBLE) AS amount FROM range(10) t(i)";

  @TempDir Path temp;

  private Vertx vertx;
  private Catalogs catalogs;

  @BeforeAll
  void setUp() {
    vertx = Vertx.vertx();
    catalogs =
        new Catalogs(
            new ObjectLister(vertx, null),
            new ByteSources(vertx, null, S3ReadOptions.DEFAULTS),
            new DeltaTables(
                vertx, null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
  }

  @AfterAll
  void tearDown() {
    Await.result(vertx.close());
  }

  private Table load(String uri) {
    return Await.result(
        catalogs.open(new CatalogSpec("t", CatalogType.STATIC, uri), "catalogs[0]").load());
  }

  private BuzzException loadFailure(String uri) {
    Throwable failure =
        Await.failure(
            catalogs.open(new CatalogSpec("t", CatalogType.STATIC, uri), "catalogs[0]").load());
    assertThat(failure).isInstanceOf(BuzzException.class);
    return (BuzzException) failure;
  }

  @Test
  void aSingleFileUri() throws Exception {
    Path file = ParquetFiles.write(temp.resolve("single/one.parquet"), ROWS);
    Table table = load(file.toUri().toString());
    assertThat(table.partitionKeys()).isEmpty();
    assertThat(table.files())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.uri()).isEqualTo(file.toUri().toString());
              assertThat(f.size()).isEqualTo(Files.size(file));
              assertThat(f.partitionValues()).isEmpty();
            });
    assertThat(table.schema().columns())
        .extracting(TableColumn::name, TableColumn::type, TableColumn::partition)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", ValueType.INT64, false),
            org.assertj.core.groups.Tuple.tuple("label", ValueType.UTF8, false),
            org.assertj.core.groups.Tuple.tuple("amount", ValueType.FLOAT64, false));
    assertThat(table.totalBytes()).isEqualTo(Files.size(file));
  }

  @Test
  void nestedPartitionsSkippingHiddenAndMetadataEntries() throws Exception {
    Path root = temp.resolve("nested");
    ParquetFiles.write(root.resolve("year=2009/month=02/part-0.parquet"), ROWS);
    ParquetFiles.write(root.resolve("year=2009/month=01/part-1.parquet"), ROWS);
    ParquetFiles.write(root.resolve("year=2009/month=01/part-0.parquet"), ROWS);
    ParquetFiles.write(root.resolve("year=2010/month=12/part-0.parquet"), ROWS);
    // Everything below is skipped: hidden or metadata names, other extensions.
    ParquetFiles.write(root.resolve("_temporary/year=2011/month=01/part-0.parquet"), ROWS);
    ParquetFiles.write(root.resolve("year=2009/.month=03/part-0.parquet"), ROWS);
    ParquetFiles.write(root.resolve("year=2009/month=01/_part-9.parquet"), ROWS);
    ParquetFiles.write(root.resolve("year=2009/month=01/.part-0.parquet"), ROWS);
    Files.writeString(root.resolve("_SUCCESS"), "");
    Files.writeString(root.resolve("year=2009/month=01/part-0.parquet.crc"), "crc");
    Files.writeString(root.resolve("year=2009/month=01/notes.txt"), "notes");

    Table table = load(root.toUri().toString());

    assertThat(table.partitionKeys()).containsExactly("year", "month");
    assertThat(table.files())
        .extracting(f -> root.toUri().relativize(java.net.URI.create(f.uri())).toString())
        .containsExactly(
            "year=2009/month=01/part-0.parquet",
            "year=2009/month=01/part-1.parquet",
            "year=2009/month=02/part-0.parquet",
            "year=2010/month=12/part-0.parquet");
    assertThat(table.files())
        .extracting(TableFile::partitionValues)
        .containsExactly(
            List.of("2009", "01"),
            List.of("2009", "01"),
            List.of("2009", "02"),
            List.of("2010", "12"));
    assertThat(table.schema().partitionColumns())
        .extracting(TableColumn::name, TableColumn::nullable)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("year", false),
            org.assertj.core.groups.Tuple.tuple("month", false));
    assertThat(table.schema().columns()).hasSize(5);
  }

  @Test
  void encodedAndNullPartitionValues() {
    Path root = temp.resolve("encoded");
    ParquetFiles.write(root.resolve("city=New%20York/part-0.parquet"), ROWS);
    ParquetFiles.write(root.resolve("city=__HIVE_DEFAULT_PARTITION__/part-0.parquet"), ROWS);

    Table table = load(root.toUri().toString());

    List<List<String>> values = new ArrayList<>();
    for (TableFile file : table.files()) {
      values.add(file.partitionValues());
    }
    assertThat(values).containsExactlyInAnyOrder(List.of("New York"), Arrays.asList((String) null));
    assertThat(table.schema().partitionColumns())
        .singleElement()
        .satisfies(c -> assertThat(c.nullable()).as("a file has no value").isTrue());
  }

  @Test
  void filesMissingAKeyHaveNullForIt() {
    Path root = temp.resolve("ragged");
    ParquetFiles.write(root.resolve("day=1/part-0.parquet"), ROWS);
    ParquetFiles.write(root.resolve("day=2/kind=b/part-0.parquet"), ROWS);
    ParquetFiles.write(root.resolve("loose.parquet"), ROWS);

    Table table = load(root.toUri().toString());

    assertThat(table.partitionKeys()).containsExactly("day", "kind");
    assertThat(table.files())
        .extracting(TableFile::partitionValues)
        .containsExactly(
            Arrays.asList("1", null), Arrays.asList("2", "b"), Arrays.asList(null, null));
    assertThat(table.schema().partitionColumns())
        .allSatisfy(c -> assertThat(c.nullable()).isTrue());
  }

  @Test
  void aColumnThatIsAlsoAPartitionKeyIsRefused() {
    Path root = temp.resolve("clash");
    ParquetFiles.write(root.resolve("ID=1/part-0.parquet"), ROWS);

    BuzzException error = loadFailure(root.toUri().toString());

    assertThat(error.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(error.getMessage())
        .contains("catalog 't'")
        .contains("column 'id'")
        .contains("partition key")
        .contains("part-0.parquet");
  }

  @Test
  void aFolderNamedLikeAParquetFile() {
    Path root = temp.resolve("spark/out.parquet");
    ParquetFiles.write(root.resolve("part-00000.parquet"), ROWS);
    ParquetFiles.write(root.resolve("part-00001.parquet"), ROWS);
    assertThat(load(root.toUri().toString()).files()).hasSize(2);
  }

  @Test
  void symbolicLinksAreFollowed() throws Exception {
    Path real = temp.resolve("real-disk/taxi");
    ParquetFiles.write(real.resolve("day=1/part-0.parquet"), ROWS);
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    ParquetFiles.write(elsewhere.resolve("part-0.parquet"), ROWS);
    Files.createSymbolicLink(real.resolve("day=2"), elsewhere);
    Path link = Files.createSymbolicLink(temp.resolve("taxi-link"), real);

    Table table = load(link.toUri().toString());

    assertThat(table.files()).hasSize(2);
    assertThat(table.files())
        .extracting(TableFile::partitionValues)
        .containsExactly(List.of("1"), List.of("2"));
  }

  @Test
  void anEmptyFolderIsNotFound() throws Exception {
    Path root = Files.createDirectories(temp.resolve("empty"));
    Files.writeString(root.resolve("_SUCCESS"), "");
    BuzzException error = loadFailure(root.toUri().toString());
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage())
        .contains("catalog 't'")
        .contains("no Parquet files")
        .contains("empty");
  }

  @Test
  void aMissingFolderIsNotFound() {
    BuzzException error = loadFailure(temp.resolve("nowhere").toUri().toString());
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage())
        .contains("catalog 't'")
        .contains("nowhere")
        .contains("does not exist");
  }

  @Test
  void aFileThatIsNotParquet() throws Exception {
    Path file = temp.resolve("fake/data.parquet");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "this is not a parquet file, but it is long enough");
    BuzzException error = loadFailure(file.toUri().toString());
    assertThat(error.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(error.getMessage()).contains("data.parquet");
  }

  @Test
  void s3WithoutAClientIsUnsupported() {
    BuzzException error = loadFailure("s3://bucket/table/");
    assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(error.getMessage()).contains("s3://bucket/table/");
  }
}
