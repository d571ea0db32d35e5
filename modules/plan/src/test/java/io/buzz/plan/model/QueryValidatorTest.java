package io.buzz.plan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QueryValidatorTest {
  private static final Step MAP =
      new Step("SELECT * FROM t", "map", StepType.HBEE, Optional.of("d = '1'"));
  private static final Step REDUCE = new Step("SELECT * FROM map", "reduce", StepType.HCOMB);
  private static final CatalogSpec CATALOG = new CatalogSpec("t", CatalogType.STATIC, "s3://bkt/t");

  private static Query query(List<Step> steps, int zones, List<CatalogSpec> catalogs) {
    return new Query(steps, new Capacity(zones), catalogs);
  }

  private static Query valid() {
    return query(List.of(MAP, REDUCE), 1, List.of(CATALOG));
  }

  private static BuzzException error(Query query, ErrorCode code) {
    BuzzException e =
        catchThrowableOfType(BuzzException.class, () -> QueryValidator.validate(query));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    return e;
  }

  private static String badQuery(Query query) {
    return error(query, ErrorCode.BAD_QUERY).getMessage();
  }

  private static Query withCatalog(String name, String uri) {
    return query(
        List.of(MAP, REDUCE), 1, List.of(new CatalogSpec(name, CatalogType.DELTA_LAKE, uri)));
  }

  @Test
  void acceptsAValidQuery() {
    assertThatNoException().isThrownBy(() -> QueryValidator.validate(valid()));
  }

  @Test
  void requiresOneHBeeStepFollowedByOneHCombStep() {
    assertThat(badQuery(query(List.of(MAP), 1, List.of(CATALOG))))
        .isEqualTo(
            "steps: a query has exactly one HBee step followed by exactly one HComb step (or is one"
                + " SQL statement, {\"sql\": \"SELECT ...\"}); got 1 steps (HBee)");
    assertThat(badQuery(query(List.of(), 1, List.of(CATALOG)))).endsWith("got 0 steps");
    Step secondMap = new Step("SELECT 1 FROM t", "map2", StepType.HBEE);
    assertThat(badQuery(query(List.of(MAP, secondMap, REDUCE), 1, List.of(CATALOG))))
        .endsWith("got 3 steps (HBee, HBee, HComb)");
    assertThat(badQuery(query(List.of(REDUCE, MAP), 1, List.of(CATALOG))))
        .isEqualTo(
            "steps[0].step_type is HComb: a query has exactly one HBee step followed by exactly one"
                + " HComb step; got HComb, HBee");
    assertThat(badQuery(query(List.of(MAP, secondMap), 1, List.of(CATALOG))))
        .startsWith("steps[1].step_type is HBee:");
  }

  @Test
  void aStatementNeedsSqlAndMayReadACatalogNamedLikeItsStep() {
    Query statement =
        Query.ofStatement(
            "SELECT COUNT(*) FROM query",
            Capacity.DEFAULT,
            List.of(new CatalogSpec(Query.STATEMENT_NAME, CatalogType.STATIC, "s3://bkt/q")));
    assertThatNoException().isThrownBy(() -> QueryValidator.validate(statement));
    assertThat(badQuery(Query.ofStatement(" ", Capacity.DEFAULT, List.of(CATALOG))))
        .isEqualTo("sql is empty; write one SELECT statement");
    assertThat(badQuery(Query.ofStatement("SELECT 1 FROM t", Capacity.DEFAULT, List.of())))
        .startsWith("catalogs: at least one catalog is required");
    Query filtered =
        new Query(
            List.of(new Step("SELECT * FROM t", "query", StepType.STATEMENT, Optional.of("d"))),
            Capacity.DEFAULT,
            List.of(CATALOG));
    assertThat(badQuery(filtered)).contains("its WHERE clause prunes the files");
  }

  @Test
  void stepNamesAreNonEmptyUniqueIdentifiers() {
    Step unnamed = new Step("SELECT * FROM map", "", StepType.HCOMB);
    assertThat(badQuery(query(List.of(MAP, unnamed), 1, List.of(CATALOG))))
        .isEqualTo("steps[1].name is empty; every step needs a name");
    Step spaced = new Step("SELECT * FROM map", "my step", StepType.HCOMB);
    assertThat(badQuery(query(List.of(MAP, spaced), 1, List.of(CATALOG))))
        .startsWith("steps[1].name 'my step' is not a valid SQL identifier");
    Step digit = new Step("SELECT * FROM t", "1map", StepType.HBEE);
    assertThat(badQuery(query(List.of(digit, REDUCE), 1, List.of(CATALOG))))
        .startsWith("steps[0].name '1map' is not a valid SQL identifier");
    Step same = new Step("SELECT * FROM map", "MAP", StepType.HCOMB);
    assertThat(badQuery(query(List.of(MAP, same), 1, List.of(CATALOG))))
        .isEqualTo(
            "steps[1].name 'MAP' is also the name of steps[0]; step names must be unique"
                + " (case-insensitively)");
  }

  @Test
  void sqlMustNotBeBlank() {
    Step blank = new Step("  ", "reduce", StepType.HCOMB);
    assertThat(badQuery(query(List.of(MAP, blank), 1, List.of(CATALOG))))
        .isEqualTo("steps[1].sql of step 'reduce' is empty");
  }

  @Test
  void partitionFilterOnlyOnTheHBeeStep() {
    Step filtered = new Step("SELECT * FROM map", "reduce", StepType.HCOMB, Optional.of("x = 1"));
    assertThat(badQuery(query(List.of(MAP, filtered), 1, List.of(CATALOG))))
        .isEqualTo(
            "steps[1].partition_filter: only the HBee step may have a partition filter; step"
                + " 'reduce' is an HComb step");
    Step blank = new Step("SELECT * FROM t", "map", StepType.HBEE, Optional.of(" "));
    assertThat(badQuery(query(List.of(blank, REDUCE), 1, List.of(CATALOG))))
        .startsWith("steps[0].partition_filter of step 'map' is empty");
  }

  @Test
  void zonesMustBeOneForNow() {
    assertThat(badQuery(query(List.of(MAP, REDUCE), 0, List.of(CATALOG))))
        .isEqualTo("capacity.zones = 0: must be at least 1");
    assertThat(
            error(query(List.of(MAP, REDUCE), 2, List.of(CATALOG)), ErrorCode.UNSUPPORTED)
                .getMessage())
        .isEqualTo("capacity.zones = 2: multi-zone reduce is not supported yet; use 1");
  }

  @Test
  void catalogsAreRequiredUniqueAndDistinctFromSteps() {
    assertThat(badQuery(query(List.of(MAP, REDUCE), 1, List.of())))
        .startsWith("catalogs: at least one catalog is required");
    CatalogSpec twin = new CatalogSpec("T", CatalogType.STATIC, "file:///data/t");
    assertThat(badQuery(query(List.of(MAP, REDUCE), 1, List.of(CATALOG, twin))))
        .isEqualTo(
            "catalogs[1].name 'T' is also the name of catalogs[0]; catalog names must be unique"
                + " (case-insensitively)");
    assertThat(badQuery(withCatalog("Reduce", "s3://bkt/x")))
        .startsWith("catalogs[0].name 'Reduce' is also the name of steps[1]");
    assertThat(badQuery(withCatalog(" ", "s3://bkt/x")))
        .isEqualTo("catalogs[0].name is empty; every catalog needs a name");
  }

  @Test
  void acceptsS3AndFileUris() {
    for (String uri :
        List.of(
            "s3://bucket",
            "s3://bucket/",
            "s3://my-bucket.v2/delta-tables/nyc-taxi-daily",
            "file:///tmp/data",
            "file:/tmp/data",
            "file:data/nyc",
            "file:///")) {
      assertThatNoException()
          .as(uri)
          .isThrownBy(() -> QueryValidator.validate(withCatalog("t", uri)));
    }
  }

  @Test
  void rejectsOtherUrisNamingThePath() {
    assertThat(badQuery(withCatalog("t", "https://example.com/t")))
        .isEqualTo(
            "catalogs[0].uri 'https://example.com/t' has an unsupported scheme; use"
                + " s3://bucket[/prefix], file:///absolute/dir or file:relative/dir");
    assertThat(badQuery(withCatalog("t", "/tmp/data"))).startsWith("catalogs[0].uri '/tmp/data'");
    assertThat(badQuery(withCatalog("t", "s3://Bucket/x")))
        .startsWith("catalogs[0].uri 's3://Bucket/x' is not a valid S3 URI");
    assertThat(badQuery(withCatalog("t", "s3://"))).startsWith("catalogs[0].uri 's3://' is not");
    assertThat(badQuery(withCatalog("t", "s3a://bucket/x"))).contains("unsupported scheme");
    assertThat(badQuery(withCatalog("t", "file:")))
        .isEqualTo(
            "catalogs[0].uri 'file:' has no path; use s3://bucket[/prefix], file:///absolute/dir or"
                + " file:relative/dir");
    assertThat(badQuery(withCatalog("t", "file://host/data")))
        .startsWith("catalogs[0].uri 'file://host/data' names a host");
  }

  @Test
  void onlyDeltaCatalogsChooseAVersionAndOnlyOneWay() {
    CatalogSpec delta = new CatalogSpec("t", CatalogType.DELTA_LAKE, "s3://bkt/t");
    Instant noon = Instant.parse("2026-01-02T12:00:00Z");
    QueryValidator.validate(
        query(
            List.of(MAP, REDUCE),
            1,
            List.of(delta.withSnapshot(OptionalLong.of(2), Optional.empty()))));
    assertThat(
            badQuery(
                query(
                    List.of(MAP, REDUCE),
                    1,
                    List.of(
                        new CatalogSpec(
                            "t",
                            CatalogType.STATIC,
                            "s3://bkt/t",
                            OptionalLong.of(2),
                            Optional.empty())))))
        .isEqualTo(
            "catalogs[0].version: only DeltaLake catalogs have versions to choose from; Static"
                + " catalogs read the files present now");
    assertThat(
            badQuery(
                query(
                    List.of(MAP, REDUCE),
                    1,
                    List.of(delta.withSnapshot(OptionalLong.of(2), Optional.of(noon))))))
        .isEqualTo(
            "catalogs[0]: version and timestamp both choose the version to read; give one of them");
    assertThat(
            badQuery(
                query(
                    List.of(MAP, REDUCE),
                    1,
                    List.of(delta.withSnapshot(OptionalLong.of(-1), Optional.empty())))))
        .isEqualTo("catalogs[0].version must be 0 or more, got -1");
  }
}
