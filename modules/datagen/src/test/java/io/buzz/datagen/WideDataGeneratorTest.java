package io.buzz.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WideDataGeneratorTest {
  private static final WideDataSpec SMALL = new WideDataSpec(9_000, 4, 1024);

  @TempDir Path temp;

  @Test
  void writesTheFilesWithEveryColumnAndConsecutiveIds() throws Exception {
    Path dir = temp.resolve("wide");
    assertThat(WideDataGenerator.generate(dir, SMALL)).isTrue();
    assertThat(WideDataGenerator.generate(dir, SMALL)).isFalse();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")))
          .containsExactlyInAnyOrder(
              "part-00.parquet", "part-01.parquet", "part-02.parquet", "part-03.parquet");
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      String glob = "read_parquet('" + dir + "/*.parquet')";
      try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + glob)) {
        int columns = 0;
        while (rs.next()) {
          columns++;
        }
        assertThat(columns).isEqualTo(WideSql.COLUMNS);
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*), min(id), max(id), count(DISTINCT category), count(m04),"
                  + " min(length(url01)), max(length(url01)), count(DISTINCT url01),"
                  + " min(length(title01)), max(length(title01)), count(DISTINCT dt01)"
                  + " FROM "
                  + glob)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(9_000);
        assertThat(rs.getLong(2)).isZero();
        assertThat(rs.getLong(3)).isEqualTo(8_999);
        assertThat(rs.getLong(4)).isEqualTo(20);
        assertThat(rs.getLong(5)).isBetween(8_300L, 8_800L); // ~5% NULL
        assertThat(rs.getInt(6)).isGreaterThanOrEqualTo(35);
        assertThat(rs.getInt(7)).isLessThanOrEqualTo(95);
        assertThat(rs.getLong(8)).isGreaterThan(1_000);
        assertThat(rs.getInt(9)).isGreaterThanOrEqualTo(5);
        assertThat(rs.getInt(10)).isLessThanOrEqualTo(70);
        assertThat(rs.getLong(11)).isGreaterThan(1_000);
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT min(id), max(id) FROM read_parquet('" + dir + "/part-01.parquet')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(SMALL.firstId(1));
        assertThat(rs.getLong(2)).isEqualTo(SMALL.firstId(2) - 1);
      }
    }
  }
}
