package io.buzz.fuse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.catalog.delta.DeltaTables;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.sql.TableColumn;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.S3ReadOptions;
import io.buzz.testing.Await;
import io.buzz.testing.EmbeddedS3;
import io.buzz.testing.ParquetFiles;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The Static catalog over an S3-compatible server (S3Proxy): listing with several pages, single
 * objects, Spark-style folders named {@code *.parquet}, missing buckets and prefixes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticCatalogS3Test {
  private static final String BUCKET = "tables";

  /** Small pages, so that a handful of objects takes several ListObjectsV2 requests. */
  private static final int PAGE_SIZE = 3;

  @TempDir static Path temp;

  private EmbeddedS3 s3;
  private Vertx vertx;
  private Catalogs catalogs;
  private byte[] parquet;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private S3AsyncClient listingClient;

  @BeforeAll
  void setUp() throws Exception {
    s3 = new EmbeddedS3();
    s3.createBucket(BUCKET);
    parquet =
        Files.readAllBytes(
            ParquetFiles.write(
                temp.resolve("one.parquet"),
                "SELECT i AS id, 'v' || i AS label FROM range(5) t(i)"));
    // 8 Parquet objects over 3 partitions, among metadata objects and a sibling prefix.
    for (int day = 1; day <= 3; day++) {
      for (int part = 0; part < (day == 2 ? 4 : 2); part++) {
        s3.put(BUCKET, "taxi/day=" + day + "/part-" + part + ".parquet", parquet);
      }
    }
    s3.put(BUCKET, "taxi/_SUCCESS", new byte[0]);
    s3.put(BUCKET, "taxi/_delta_log/00000.json", new byte[] {'{', '}'});
    s3.put(BUCKET, "taxi/day=1/.part-0.parquet.crc", new byte[4]);
    s3.put(BUCKET, "taxi-archive/day=9/part-0.parquet", parquet);
    s3.put(BUCKET, "city=New%20York/part-0.parquet", parquet);
    s3.put(BUCKET, "spark/out.parquet/part-00000.parquet", parquet);
    s3.put(BUCKET, "spark/out.parquet/part-00001.parquet", parquet);
    s3.put(BUCKET, "only-metadata/_SUCCESS", new byte[0]);
    vertx = Vertx.vertx();
    listingClient = s3.countingClient(requests);
    catalogs =
        new Catalogs(
            new ObjectLister(vertx, listingClient, PAGE_SIZE, strategy()),
            new ByteSources(vertx, s3.client(), S3ReadOptions.DEFAULTS),
            new DeltaTables(
                vertx,
                s3.client(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
  }

  @AfterAll
  void tearDown() {
    Await.result(vertx.close());
    listingClient.close();
    s3.close();
  }

  /** How the lister lists folders: both ways at once, as in production; subclasses test each. */
  ObjectLister.Strategy strategy() {
    return ObjectLister.Strategy.RACE;
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
  void aPrefixListedOverSeveralPages() {
    for (String uri : List.of("s3://tables/taxi", "s3://tables/taxi/")) {
      requests.clear();
      Table table = load(uri);
      if (strategy() == ObjectLister.Strategy.FLAT) {
        // 11 keys below taxi/ in pages of 3
        assertThat(requests.get("ListObjectsV2")).as(uri).hasValue(4);
      }
      assertThat(table.files())
          .as(uri)
          .extracting(TableFile::uri)
          .containsExactly(
              "s3://tables/taxi/day=1/part-0.parquet",
              "s3://tables/taxi/day=1/part-1.parquet",
              "s3://tables/taxi/day=2/part-0.parquet",
              "s3://tables/taxi/day=2/part-1.parquet",
              "s3://tables/taxi/day=2/part-2.parquet",
              "s3://tables/taxi/day=2/part-3.parquet",
              "s3://tables/taxi/day=3/part-0.parquet",
              "s3://tables/taxi/day=3/part-1.parquet");
      assertThat(table.partitionKeys()).containsExactly("day");
      assertThat(table.files().get(4).partitionValues()).containsExactly("2");
      assertThat(table.files()).allSatisfy(f -> assertThat(f.size()).isEqualTo(parquet.length));
      assertThat(table.schema().columns())
          .extracting(TableColumn::name)
          .containsExactly("id", "label", "day");
    }
  }

  @Test
  void aSingleObject() {
    Table table = load("s3://tables/taxi/day=2/part-3.parquet");
    assertThat(table.files())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.uri()).isEqualTo("s3://tables/taxi/day=2/part-3.parquet");
              assertThat(f.size()).isEqualTo(parquet.length);
            });
    assertThat(table.partitionKeys()).isEmpty();
  }

  @Test
  void aFolderNamedLikeAParquetFile() {
    assertThat(load("s3://tables/spark/out.parquet").files())
        .extracting(TableFile::uri)
        .containsExactly(
            "s3://tables/spark/out.parquet/part-00000.parquet",
            "s3://tables/spark/out.parquet/part-00001.parquet");
  }

  @Test
  void keysAreUsedVerbatimAndPartitionValuesDecoded() {
    Table table = load("s3://tables/city=New%20York/");
    assertThat(table.files())
        .singleElement()
        .satisfies(
            f -> assertThat(f.uri()).isEqualTo("s3://tables/city=New%20York/part-0.parquet"));
    // The location itself is the table root here, so its own segment is no partition.
    assertThat(table.partitionKeys()).isEmpty();

    List<List<String>> values = new ArrayList<>();
    for (TableFile file : load("s3://tables").files()) {
      if (file.uri().contains("New%20York")) {
        values.add(file.partitionValues());
      }
    }
    assertThat(values).hasSize(1);
    assertThat(values.get(0)).contains("New York");
  }

  @Test
  void aMissingBucketIsNotFound() {
    BuzzException error = loadFailure("s3://no-such-bucket/taxi/");
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage()).contains("catalog 't'").contains("bucket 'no-such-bucket'");
  }

  @Test
  void aMissingPrefixIsNotFound() {
    BuzzException error = loadFailure("s3://tables/no-such-table");
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage()).contains("s3://tables/no-such-table");
  }

  @Test
  void aMissingPrefixWithSlashIsNotFound() {
    BuzzException error = loadFailure("s3://tables/no-such-table/");
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage()).contains("s3://tables/no-such-table/");
  }

  @Test
  void aMissingObjectIsNotFound() {
    BuzzException error = loadFailure("s3://tables/taxi/day=2/part-9.parquet");
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage()).contains("s3://tables/taxi/day=2/part-9.parquet");
  }

  @Test
  void aPrefixWithoutParquetFilesIsNotFound() {
    BuzzException error = loadFailure("s3://tables/only-metadata");
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage()).contains("no Parquet files");
  }
}
