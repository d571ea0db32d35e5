package io.buzz.fuse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionPathTest {
  @Test
  void severalKeysInPathOrder() {
    Map<String, String> values = PartitionPath.parse("year=2009/month=01/day=05/part-0.parquet");
    assertThat(values)
        .containsExactly(
            Map.entry("year", "2009"), Map.entry("month", "01"), Map.entry("day", "05"));
    assertThat(List.copyOf(values.keySet())).containsExactly("year", "month", "day");
  }

  @Test
  void urlEncodedValuesAreDecodedButPlusIsKept() {
    Map<String, String> values =
        PartitionPath.parse("city=New%20York/kind=a%2Fb/math=1+1%3D2/f.parquet");
    assertThat(values)
        .containsEntry("city", "New York")
        .containsEntry("kind", "a/b")
        .containsEntry("math", "1+1=2");
  }

  @Test
  void malformedEscapesAreKeptAsWritten() {
    assertThat(PartitionPath.parse("pct=100%/f.parquet")).containsEntry("pct", "100%");
  }

  @Test
  void hiveDefaultPartitionIsNull() {
    Map<String, String> expected = new HashMap<>();
    expected.put("payment_type", null);
    expected.put("day", "1");
    assertThat(PartitionPath.parse("payment_type=__HIVE_DEFAULT_PARTITION__/day=1/f.parquet"))
        .isEqualTo(expected);
  }

  @Test
  void segmentsWithoutKeyAreIgnored() {
    assertThat(PartitionPath.parse("raw/2009/day=3/f.parquet"))
        .containsExactly(Map.entry("day", "3"));
    assertThat(PartitionPath.parse("=x/f.parquet")).isEmpty();
    assertThat(PartitionPath.parse("key=a=b/f.parquet")).containsExactly(Map.entry("key", "a=b"));
    assertThat(PartitionPath.parse("empty=/f.parquet")).containsExactly(Map.entry("empty", ""));
  }

  @Test
  void theFileNameCarriesNoValue() {
    assertThat(PartitionPath.parse("day=1.parquet")).isEmpty();
    assertThat(PartitionPath.parse("f.parquet")).isEmpty();
  }

  @Test
  void hiddenAndMetadataNames() {
    assertThat(PartitionPath.isHidden(".part-0.parquet.crc")).isTrue();
    assertThat(PartitionPath.isHidden("_delta_log")).isTrue();
    assertThat(PartitionPath.isHidden("_SUCCESS")).isTrue();
    assertThat(PartitionPath.isHidden("day=1")).isFalse();
    assertThat(PartitionPath.isHidden("part-0.parquet")).isFalse();
  }
}
