package io.buzz.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxiDataGeneratorTest {
  private static final TaxiDataSpec SMALL =
      new TaxiDataSpec(20_000, 28, LocalDate.of(2009, 1, 1), 4096);

  @TempDir Path temp;

  @Test
  void writesOneHivePartitionPerDayWithTheRequestedRows() throws Exception {
    Path dir = temp.resolve("taxi");
    assertThat(TaxiDataGenerator.generate(dir, SMALL)).isTrue();

    try (Stream<Path> partitions = Files.list(dir)) {
      assertThat(partitions.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
          .hasSize(28)
          .allMatch(name -> name.matches("pickup_date=2009-01-\\d\\d"));
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), count(passenger_count), count(tip_amount), count(payment_type),"
                    + " count(DISTINCT pickup_date), min(pickup_date), max(pickup_date),"
                    + " bool_and(CAST(pickup_datetime AS DATE) = CAST(pickup_date AS DATE))"
                    + " FROM read_parquet('"
                    + dir
                    + "/**/*.parquet', hive_partitioning = true)")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(20_000);
      assertThat(rs.getLong(2)).isBetween(19_000L, 19_800L); // ~3% NULL
      assertThat(rs.getLong(3)).isBetween(17_000L, 18_800L); // ~10% NULL
      assertThat(rs.getLong(4)).isBetween(19_600L, 19_990L); // ~1% NULL
      assertThat(rs.getLong(5)).isEqualTo(28);
      assertThat(rs.getString(6)).isEqualTo("2009-01-01");
      assertThat(rs.getString(7)).isEqualTo("2009-01-28");
      assertThat(rs.getBoolean(8)).isTrue();
    }
  }

  @Test
  void sameSpecIsReusedAndDataAreDeterministic() throws Exception {
    Path first = temp.resolve("a");
    Path second = temp.resolve("b");
    TaxiDataGenerator.generate(first, SMALL);
    assertThat(TaxiDataGenerator.generate(first, SMALL)).isFalse();
    TaxiDataGenerator.generate(second, SMALL);
    assertThat(checksum(first)).isEqualTo(checksum(second));
  }

  private static String checksum(Path dir) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT sum(hash(vendor_id, pickup_datetime, passenger_count, trip_distance,"
                    + " payment_type, fare_amount, tip_amount, total_amount, pickup_date))"
                    + " FROM read_parquet('"
                    + dir
                    + "/**/*.parquet', hive_partitioning = true)")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
