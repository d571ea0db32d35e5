package io.buzz.fuse.catalog.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.exec.StatisticsPruner.ColumnBounds;
import io.buzz.fuse.catalog.FileStats;
import io.buzz.plan.physical.ValueType;
import io.buzz.plan.sql.TableColumn;
import io.buzz.plan.sql.TableSchema;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Delta's per-file statistics, read only as far as they bound the data. */
class DeltaFileStatsTest {
  static final TableSchema SCHEMA =
      new TableSchema(
          "t",
          List.of(
              TableColumn.evolving("id", ValueType.INT64, true, "col-1"),
              TableColumn.evolving("day", ValueType.DATE32, true, "day"),
              TableColumn.evolving("at", ValueType.TIMESTAMP_MICROS, true, "at"),
              TableColumn.evolving("name", ValueType.UTF8, true, "name"),
              TableColumn.evolving("price", ValueType.FLOAT64, true, "price"),
              TableColumn.partition("p", ValueType.DATE32, true)));

  @Test
  void boundsAreKeptWhereTheyHoldAndWidenedOrDroppedWhereTheyMightNot() {
    String longName = "x".repeat(32);
    FileStats stats =
        DeltaFileStats.parse(
            "{\"numRecords\":10,\"minValues\":{\"col-1\":-5,\"day\":\"2009-01-02\","
                + "\"at\":\"2009-01-02T03:04:05.123Z\",\"name\":\"abc\",\"price\":1.5},"
                + "\"maxValues\":{\"col-1\":7,\"day\":\"2009-01-03\","
                + "\"at\":\"2009-01-02T03:04:05.999\",\"name\":\""
                + longName
                + "\",\"price\":9.5},"
                + "\"nullCount\":{\"col-1\":0,\"name\":2,\"price\":1}}",
            SCHEMA);
    assertThat(stats.rows()).isEqualTo(10);
    assertThat(stats.columns().get("col-1"))
        .isEqualTo(new ColumnBounds(OptionalLong.of(0), Optional.of(-5L), Optional.of(7L)));
    assertThat(stats.columns().get("day").min())
        .contains((int) LocalDate.parse("2009-01-02").toEpochDay());
    long minMicros =
        LocalDate.parse("2009-01-02").toEpochDay() * 86_400_000_000L
            + ((3 * 60 + 4) * 60 + 5) * 1_000_000L
            + 123_000L;
    assertThat(stats.columns().get("at").min()).contains(minMicros);
    // written to the millisecond: the maximum covers the microseconds cut off
    assertThat(stats.columns().get("at").max()).contains(minMicros + 876_000L + 999L);
    // a 32-character maximum may be a truncated prefix: not an upper bound
    assertThat(stats.columns().get("name"))
        .isEqualTo(new ColumnBounds(OptionalLong.of(2), Optional.of("abc"), Optional.empty()));
    // floating point: the null count only (NaN is not in the bounds)
    assertThat(stats.columns().get("price"))
        .isEqualTo(new ColumnBounds(OptionalLong.of(1), Optional.empty(), Optional.empty()));
  }

  @Test
  void missingOrUnreadableStatisticsAreNone() {
    assertThat(DeltaFileStats.parse(null, SCHEMA)).isNull();
    assertThat(DeltaFileStats.parse("{not json", SCHEMA)).isNull();
    assertThat(DeltaFileStats.parse("{\"minValues\":{}}", SCHEMA)).isNull();
    FileStats odd =
        DeltaFileStats.parse(
            "{\"numRecords\":3,\"minValues\":{\"day\":\"yesterday\",\"col-1\":\"x\"}}", SCHEMA);
    assertThat(odd.rows()).isEqualTo(3);
    assertThat(odd.columns()).isEmpty();
  }
}
