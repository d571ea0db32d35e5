package io.buzz.plan.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.model.Query;
import io.buzz.plan.model.Step;
import io.buzz.plan.model.StepType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryJsonTest {
  static final String SEED =
      """
      {"steps":[{"sql":"SELECT payment_type, COUNT(payment_type) AS payment_type_count FROM nyc_taxi GROUP BY payment_type","name":"nyc_taxi_map","step_type":"HBee","partition_filter":"pickup_date<='2009-01-05'"},{"sql":"SELECT payment_type, SUM(payment_type_count) FROM nyc_taxi_map GROUP BY payment_type","name":"nyc_taxi_reduce","step_type":"HComb"}],"capacity":{"zones":1},"catalogs":[{"name":"nyc_taxi","type":"DeltaLake","uri":"s3://bucket/delta-tables/nyc-taxi-daily"}]}
      """;

  private static BuzzException error(String json) {
    BuzzException e = catchThrowableOfType(BuzzException.class, () -> QueryJson.parse(json));
    assertThat(e).as("error for %s", json).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    return e;
  }

  /** The seed query with one replacement, for targeted errors. */
  private static String seedWith(String from, String to) {
    assertThat(SEED).contains(from);
    return SEED.replace(from, to);
  }

  @Test
  void readsAndWritesAQueryWrittenAsOneStatement() {
    String json =
        "{\"sql\": \"SELECT payment_type, COUNT(*) FROM nyc_taxi GROUP BY payment_type\","
            + " \"catalogs\": [{\"name\": \"nyc_taxi\", \"type\": \"Static\", \"uri\":"
            + " \"file:/data/nyc\"}]}";
    Query query = QueryJson.parse(json);
    assertThat(query.isStatement()).isTrue();
    assertThat(query.statement().sql())
        .isEqualTo("SELECT payment_type, COUNT(*) FROM nyc_taxi GROUP BY payment_type");
    assertThat(query.statement().describe()).isEqualTo("sql");
    assertThat(query.capacity()).isEqualTo(Capacity.DEFAULT);
    assertThat(QueryJson.parse(QueryJson.toJson(query))).isEqualTo(query);
    assertThat(QueryJson.toJson(query)).doesNotContain("steps");

    assertThat(error(json.replace("{\"sql\"", "{\"steps\": [], \"sql\"")).getMessage())
        .isEqualTo("steps: a query is either one SQL statement (sql) or steps, not both");
    assertThat(error("{\"sql\": 7, \"catalogs\": []}").getMessage())
        .isEqualTo("sql must be a string, got number 7");
    assertThat(error(seedWith("\"HComb\"", "\"sql\"")).getMessage())
        .isEqualTo("steps[1].step_type: unknown step type 'sql'; allowed values: HBee, HComb");
  }

  @Test
  void parsesTheSeedQuery() {
    Query query = QueryJson.parse(SEED);
    assertThat(query.steps())
        .containsExactly(
            new Step(
                "SELECT payment_type, COUNT(payment_type) AS payment_type_count FROM nyc_taxi"
                    + " GROUP BY payment_type",
                "nyc_taxi_map",
                StepType.HBEE,
                Optional.of("pickup_date<='2009-01-05'")),
            new Step(
                "SELECT payment_type, SUM(payment_type_count) FROM nyc_taxi_map GROUP BY"
                    + " payment_type",
                "nyc_taxi_reduce",
                StepType.HCOMB));
    assertThat(query.capacity()).isEqualTo(new Capacity(1));
    assertThat(query.catalogs())
        .containsExactly(
            new CatalogSpec(
                "nyc_taxi", CatalogType.DELTA_LAKE, "s3://bucket/delta-tables/nyc-taxi-daily"));
  }

  @Test
  void roundTripsThroughJson() {
    Query query = QueryJson.parse(SEED);
    assertThat(QueryJson.parse(QueryJson.toJson(query))).isEqualTo(query);
    Query noFilter =
        new Query(
            List.of(
                new Step("SELECT 1", "a", StepType.HBEE),
                new Step("SELECT 2", "b", StepType.HCOMB)),
            new Capacity(3),
            List.of(new CatalogSpec("t", CatalogType.STATIC, "file:data/t")));
    String json = QueryJson.toJson(noFilter);
    assertThat(json).doesNotContain("partition_filter").contains("\"type\":\"Static\"");
    assertThat(QueryJson.parse(json)).isEqualTo(noFilter);
  }

  @Test
  void capacityDefaultsToOneZoneAndNullOptionalsAreAbsent() {
    Query query =
        QueryJson.parse(
            seedWith("\"capacity\":{\"zones\":1},", "")
                .replace(
                    "\"partition_filter\":\"pickup_date<='2009-01-05'\"",
                    "\"partition_filter\":null"));
    assertThat(query.capacity()).isEqualTo(Capacity.DEFAULT);
    assertThat(query.steps().get(0).partitionFilter()).isEmpty();
  }

  @Test
  void malformedJsonGivesLineAndColumn() {
    BuzzException e = error("{\"steps\": [\n  {\"sql\": \"SELECT 1\",, }\n]}");
    assertThat(e.getMessage()).startsWith("query JSON is malformed at line 2, column 22: ");
    assertThat(error("{\"steps\": [] ").getMessage()).contains("malformed at line 1");
    assertThat(error("").getMessage()).startsWith("query JSON is empty");
    assertThat(error("{} {}").getMessage()).contains("malformed");
  }

  @Test
  void duplicateKeysAreMalformed() {
    assertThat(
            error(seedWith("\"capacity\":{\"zones\":1}", "\"capacity\":{\"zones\":1,\"zones\":2}"))
                .getMessage())
        .contains("malformed")
        .contains("zones");
  }

  @Test
  void wrongTypesNameTheJsonPath() {
    assertThat(error("[]").getMessage()).isEqualTo("the query must be an object, got an array");
    assertThat(error(seedWith("\"zones\":1", "\"zones\":\"1\"")).getMessage())
        .isEqualTo("capacity.zones must be an integer (32-bit), got string \"1\"");
    assertThat(error(seedWith("\"zones\":1", "\"zones\":1.5")).getMessage())
        .isEqualTo("capacity.zones must be an integer (32-bit), got number 1.5");
    assertThat(error(seedWith("\"zones\":1", "\"zones\":4294967296")).getMessage())
        .startsWith("capacity.zones must be an integer (32-bit)");
    assertThat(error(seedWith("\"name\":\"nyc_taxi_reduce\"", "\"name\":7")).getMessage())
        .isEqualTo("steps[1].name must be a string, got number 7");
    assertThat(error(seedWith("\"capacity\":{\"zones\":1}", "\"capacity\":[1]")).getMessage())
        .isEqualTo("capacity must be an object, got an array");
    assertThat(error("{\"steps\":{},\"catalogs\":[]}").getMessage())
        .isEqualTo("steps must be an array, got an object");
    assertThat(error("{\"steps\":[1],\"catalogs\":[]}").getMessage())
        .isEqualTo("steps[0] must be an object, got number 1");
    assertThat(
            error(
                    seedWith(
                        "\"partition_filter\":\"pickup_date<='2009-01-05'\"",
                        "\"partition_filter\":true"))
                .getMessage())
        .isEqualTo("steps[0].partition_filter must be a string, got boolean true");
  }

  @Test
  void missingRequiredFieldsNameTheJsonPath() {
    assertThat(error("{\"catalogs\":[]}").getMessage())
        .startsWith("sql or steps is required: a query is one SQL statement");
    assertThat(error("{\"steps\":[]}").getMessage()).isEqualTo("catalogs is required");
    assertThat(error(seedWith("\"name\":\"nyc_taxi_reduce\",", "")).getMessage())
        .isEqualTo("steps[1].name is required");
    assertThat(
            error(
                    seedWith(
                        "\"sql\":\"SELECT payment_type, SUM", "\"sq\":\"SELECT payment_type, SUM"))
                .getMessage())
        .startsWith("steps[1].sq: unknown field");
    assertThat(error(seedWith(",\"step_type\":\"HComb\"", "")).getMessage())
        .isEqualTo("steps[1].step_type is required");
    assertThat(error(seedWith("\"zones\":1", "")).getMessage())
        .isEqualTo("capacity.zones is required");
    assertThat(error(seedWith("\"type\":\"DeltaLake\",", "")).getMessage())
        .isEqualTo("catalogs[0].type is required");
    assertThat(
            error(seedWith(",\"uri\":\"s3://bucket/delta-tables/nyc-taxi-daily\"", ""))
                .getMessage())
        .isEqualTo("catalogs[0].uri is required");
    assertThat(error(seedWith("\"name\":\"nyc_taxi\",", "")).getMessage())
        .isEqualTo("catalogs[0].name is required");
  }

  @Test
  void unknownFieldsAreRejectedNamingTheAllowedOnes() {
    assertThat(error(seedWith("\"capacity\":", "\"capcity\":")).getMessage())
        .isEqualTo(
            "capcity: unknown field; allowed fields of the query: capacity, catalogs, sql, steps");
    assertThat(
            error(seedWith("\"step_type\":\"HComb\"", "\"step_type\":\"HComb\",\"zone\":2"))
                .getMessage())
        .isEqualTo(
            "steps[1].zone: unknown field; allowed fields of steps[1]: name, partition_filter, sql,"
                + " step_type");
    assertThat(error(seedWith("\"zones\":1", "\"zones\":1,\"memory\":3")).getMessage())
        .isEqualTo("capacity.memory: unknown field; allowed fields of capacity: zones");
    assertThat(
            error(seedWith("\"type\":\"DeltaLake\"", "\"type\":\"DeltaLake\",\"region\":\"x\""))
                .getMessage())
        .isEqualTo(
            "catalogs[0].region: unknown field; allowed fields of catalogs[0]: name, timestamp, type,"
                + " uri, version");
  }

  @Test
  void unknownEnumValuesListTheAllowedValues() {
    assertThat(error(seedWith("\"step_type\":\"HComb\"", "\"step_type\":\"hcomb\"")).getMessage())
        .isEqualTo("steps[1].step_type: unknown step type 'hcomb'; allowed values: HBee, HComb");
    assertThat(error(seedWith("\"type\":\"DeltaLake\"", "\"type\":\"Iceberg\"")).getMessage())
        .isEqualTo(
            "catalogs[0].type: unknown catalog type 'Iceberg'; allowed values: Static, DeltaLake");
  }

  @Test
  void deltaCatalogsChooseAVersionOrATimestampAndKeepThemThroughJson() {
    Query atVersion =
        QueryJson.parse(seedWith("\"type\":\"DeltaLake\"", "\"type\":\"DeltaLake\",\"version\":3"));
    assertThat(atVersion.catalogs().get(0).version()).hasValue(3);
    assertThat(atVersion.catalogs().get(0).snapshotDescription()).isEqualTo("version 3");
    assertThat(QueryJson.parse(QueryJson.toJson(atVersion))).isEqualTo(atVersion);

    for (String[] form :
        new String[][] {
          {"2026-01-02T10:00:00Z", "2026-01-02T10:00:00Z"},
          {"2026-01-02T11:00:00+01:00", "2026-01-02T10:00:00Z"},
          {"2026-01-02 10:00:00.25", "2026-01-02T10:00:00.250Z"},
          {"2026-01-02T10:00:00", "2026-01-02T10:00:00Z"},
          {"2026-01-02", "2026-01-02T00:00:00Z"}
        }) {
      Query asOf =
          QueryJson.parse(
              seedWith(
                  "\"type\":\"DeltaLake\"",
                  "\"type\":\"DeltaLake\",\"timestamp\":\"" + form[0] + "\""));
      assertThat(asOf.catalogs().get(0).timestamp()).as(form[0]).hasValue(Instant.parse(form[1]));
      assertThat(QueryJson.parse(QueryJson.toJson(asOf))).isEqualTo(asOf);
    }
    assertThat(
            error(
                    seedWith(
                        "\"type\":\"DeltaLake\"",
                        "\"type\":\"DeltaLake\",\"timestamp\":\"yesterday\""))
                .getMessage())
        .isEqualTo(
            "catalogs[0].timestamp 'yesterday' is not a timestamp; use ISO-8601 such as"
                + " 2026-01-01T10:00:00Z, 2026-01-01 10:00:00 (UTC) or 2026-01-01 (midnight UTC)");
    assertThat(
            error(seedWith("\"type\":\"DeltaLake\"", "\"type\":\"DeltaLake\",\"version\":\"3\""))
                .getMessage())
        .isEqualTo("catalogs[0].version must be an integer (64-bit), got string \"3\"");
  }
}
