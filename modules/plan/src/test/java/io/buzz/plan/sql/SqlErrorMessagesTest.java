package io.buzz.plan.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SQL errors name the step, the SQL line and column, and what was wrong. */
class SqlErrorMessagesTest {
  private static final String IDENTITY = "SELECT * FROM nyc_taxi_map";

  private static BuzzException planError(String hbeeSql, String hcombSql) {
    return catchThrowableOfType(BuzzException.class, () -> PlanFixtures.plan(hbeeSql, hcombSql));
  }

  private static BuzzException tablesReadError(String hbeeSql, String hcombSql) {
    return catchThrowableOfType(
        BuzzException.class,
        () -> PlanFixtures.PLANNER.tablesRead(PlanFixtures.query(hbeeSql, hcombSql)));
  }

  @Test
  void tablesReadNamesTheCatalogAsDeclared() {
    Set<String> tables =
        PlanFixtures.PLANNER.tablesRead(
            PlanFixtures.query(
                "SELECT * FROM (SELECT * FROM NYC_TAXI WHERE trip_id > 1) t", IDENTITY));
    assertThat(tables).containsExactly("nyc_taxi");
  }

  @Test
  void syntaxErrorGivesLineAndColumn() {
    BuzzException e =
        planError("SELECT vendor_id\nFROM nyc_taxi\nWHERE vendor_id = = 'x'", IDENTITY);
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage())
        .startsWith("step 'nyc_taxi_map': SQL syntax error at line 3, column 17:")
        .contains("Encountered \"= =\"");
  }

  @Test
  void syntaxErrorInTheHCombStepNamesThatStep() {
    BuzzException e = tablesReadError("SELECT * FROM nyc_taxi", "SELECT FROM nyc_taxi_map");
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage()).startsWith("step 'nyc_taxi_reduce': SQL syntax error at line 1");
  }

  @Test
  void unknownTableIsNotFoundWithPositionAndCatalogs() {
    BuzzException e = tablesReadError("SELECT *\n  FROM taxis", IDENTITY);
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage())
        .isEqualTo(
            "step 'nyc_taxi_map': table 'taxis' (line 2, column 8) is not a catalog of this"
                + " query; available catalogs: nyc_taxi");
  }

  @Test
  void hcombStepMayOnlyReadTheHBeeStep() {
    BuzzException e = tablesReadError("SELECT * FROM nyc_taxi", "SELECT * FROM nyc_taxi");
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage())
        .isEqualTo(
            "step 'nyc_taxi_reduce' reads table 'nyc_taxi' (line 1, column 15); an HComb step"
                + " may only read the output of the HBee step, table 'nyc_taxi_map'");
  }

  @Test
  void unknownColumnIsNotFoundWithPositionAndTheColumnsThatExist() {
    BuzzException e = planError("SELECT vendor_id, fare FROM nyc_taxi", IDENTITY);
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage())
        .startsWith(
            "step 'nyc_taxi_map': column 'fare' (line 1, column 19) not found in catalog"
                + " 'nyc_taxi'; its columns: vendor_id, pickup_datetime,")
        .contains("fare_amount");
  }

  @Test
  void unknownColumnOfTheHBeeStepOutput() {
    BuzzException e =
        planError(
            "SELECT payment_type, COUNT(*) AS n FROM nyc_taxi GROUP BY payment_type",
            "SELECT payment_type, SUM(cnt) FROM nyc_taxi_map GROUP BY payment_type");
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage())
        .isEqualTo(
            "step 'nyc_taxi_reduce': column 'cnt' (line 1, column 26) not found in the output of"
                + " HBee step 'nyc_taxi_map'; its columns: payment_type, n");
  }

  @Test
  void unsupportedColumnSaysWhy() {
    BuzzException e =
        planError("SELECT trip_id FROM nyc_taxi WHERE congestion_surcharge > 1", IDENTITY);
    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(e.getMessage())
        .isEqualTo(
            "step 'nyc_taxi_map': column 'congestion_surcharge' (line 1, column 36) of catalog"
                + " 'nyc_taxi' cannot be used: Parquet type DECIMAL(10,2) is not supported yet");
  }

  @Test
  void validationErrorsKeepCalcitePositions() {
    BuzzException e =
        planError("SELECT vendor_id, fare_amount FROM nyc_taxi GROUP BY vendor_id", IDENTITY);
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage())
        .isEqualTo(
            "step 'nyc_taxi_map': Expression 'fare_amount' is not being grouped (line 1, column"
                + " 19)");
    BuzzException types = planError("SELECT * FROM nyc_taxi WHERE store_and_fwd > 1", IDENTITY);
    assertThat(types.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(types.getMessage()).startsWith("step 'nyc_taxi_map': ").contains("line 1, column");
  }

  @Test
  void unsupportedConstructsAreNamedWithTheirPosition() {
    String[][] cases = {
      {"SELECT * FROM nyc_taxi a JOIN nyc_taxi b ON a.trip_id = b.trip_id", "JOIN (line 1"},
      {"SELECT * FROM nyc_taxi a, nyc_taxi b", "JOIN (line 1"},
      {"SELECT vendor_id FROM nyc_taxi EXCEPT SELECT vendor_id FROM nyc_taxi", "EXCEPT (line 1"},
      {"SELECT vendor_id FROM nyc_taxi EXCEPT SELECT vendor_id FROM nyc_taxi", "EXCEPT (line 1"},
      {"SELECT vendor_id FROM nyc_taxi INTERSECT SELECT payment_type FROM nyc_taxi", "INTERSECT"},
      {
        "SELECT ROW_NUMBER() OVER (ORDER BY trip_id) FROM nyc_taxi",
        "a window function (OVER) (line 1, column 8)"
      },
      {
        "SELECT trip_id FROM nyc_taxi WHERE trip_id NOT IN (SELECT trip_id FROM nyc_taxi)",
        "NOT IN with a subquery (line 1, column 36)"
      },
      {
        "SELECT trip_id FROM nyc_taxi WHERE EXISTS (SELECT 1 FROM nyc_taxi)",
        "a subquery in an expression (line 1, column 36)"
      },
      {
        "SELECT EXISTS (SELECT trip_id FROM nyc_taxi) FROM nyc_taxi",
        "a subquery in an expression (line 1, column 8)"
      },
      {
        "SELECT vendor_id, COUNT(*) FROM nyc_taxi GROUP BY ROLLUP(vendor_id)",
        "ROLLUP (line 1, column 51)"
      },
      {
        "SELECT vendor_id, COUNT(*) FROM nyc_taxi GROUP BY CUBE(vendor_id)",
        "CUBE (line 1, column 51)"
      },
      {
        "SELECT vendor_id, COUNT(*) FROM nyc_taxi GROUP BY GROUPING SETS ((vendor_id), ())",
        "GROUPING SETS (line 1"
      },
      {"SELECT reverse(vendor_id) FROM nyc_taxi", "function reverse (line 1, column 8)"},
      {"SELECT my_udf(trip_id) FROM nyc_taxi", "function my_udf (line 1, column 8)"},
      {"SELECT vendor_id IS DISTINCT FROM 'x' FROM nyc_taxi", "operator IS DISTINCT FROM (line 1"},
      {
        "SELECT trip_id FROM nyc_taxi WHERE vendor_id SIMILAR TO 'C%'",
        "SIMILAR TO (line 1, column 36)"
      },
      {"VALUES (1, 2)", "VALUES (line 1, column 1)"},
      {"SELECT 1 + 1", "SELECT without FROM (line 1, column 1)"},
      {
        "WITH RECURSIVE t AS (SELECT trip_id FROM nyc_taxi) SELECT * FROM t",
        "WITH RECURSIVE (line 1"
      },
      {
        "WITH t AS (SELECT trip_id FROM nyc_taxi) SELECT * FROM t a JOIN t b ON a.trip_id = 1",
        "JOIN (line 1"
      },
      {"SELECT EXTRACT(EPOCH FROM pickup_datetime) FROM nyc_taxi", "EXTRACT(EPOCH ...) (line 1"},
      {"SELECT CAST(vendor_id AS VARBINARY) FROM nyc_taxi", "CAST to VARBINARY (line 1"},
      {"SELECT pickup_day + INTERVAL '1' HOUR FROM nyc_taxi", "adding a part of a day to a DATE"},
      {"SELECT SUM(fare_amount) WITHIN GROUP (ORDER BY trip_id) FROM nyc_taxi", "WITHIN GROUP"},
      {"SELECT * FROM nyc_taxi LIMIT ?", "a query parameter (?)"},
    };
    for (String[] c : cases) {
      BuzzException e = planError(c[0], IDENTITY);
      assertThat(e).as(c[0]).isNotNull();
      assertThat(e.code()).as(c[0]).isEqualTo(ErrorCode.UNSUPPORTED);
      assertThat(e.getMessage())
          .as(c[0])
          .startsWith("step 'nyc_taxi_map': ")
          .contains(c[1])
          .contains("is not supported");
    }
  }

  @Test
  void distinctOutsideTheAggregatesThatTakeItIsNamed() {
    BuzzException e = planError("SELECT UPPER(DISTINCT vendor_id) FROM nyc_taxi", IDENTITY);
    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(e.getMessage())
        .startsWith("step 'nyc_taxi_map': UPPER(DISTINCT ...) (line 1, column 8) is not supported")
        .contains("DISTINCT applies to COUNT, SUM, AVG, MIN and MAX");
    BuzzException stddev = planError("SELECT STDDEV(DISTINCT fare_amount) FROM nyc_taxi", IDENTITY);
    assertThat(stddev.getMessage())
        .startsWith(
            "step 'nyc_taxi_map': STDDEV(DISTINCT ...) (line 1, column 8) is not supported");
  }

  @Test
  void unsupportedConstructInTheHCombStepNamesThatStep() {
    BuzzException e =
        planError("SELECT * FROM nyc_taxi", "SELECT reverse(vendor_id) FROM nyc_taxi_map");
    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(e.getMessage())
        .startsWith("step 'nyc_taxi_reduce': function reverse (line 1")
        .contains("supported functions: ")
        .contains("LOWER")
        .contains("ILIKE");
  }

  @Test
  void aRegisteredFunctionWithTooManyOperandsNamesItsForms() {
    BuzzException e = planError("SELECT lower(vendor_id, vendor_id) FROM nyc_taxi", IDENTITY);
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage()).contains("LOWER");
  }

  @Test
  void stringsThatAreNotValidValuesOfTheComparedTypeAreBadQueries() {
    BuzzException date =
        planError("SELECT trip_id FROM nyc_taxi WHERE pickup_day > 'soon'", IDENTITY);
    assertThat(date.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(date.getMessage())
        .isEqualTo(
            "step 'nyc_taxi_map': 'soon' (line 1, column 49) is not a valid DATE (expected"
                + " yyyy-MM-dd)");
    BuzzException number =
        planError("SELECT trip_id FROM nyc_taxi WHERE passenger_count = 'two'", IDENTITY);
    assertThat(number.getMessage())
        .isEqualTo("step 'nyc_taxi_map': 'two' (line 1, column 54) is not a valid INTEGER");
  }
}
