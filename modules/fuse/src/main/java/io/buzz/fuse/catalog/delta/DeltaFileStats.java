package io.buzz.fuse.catalog.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buzz.exec.StatisticsPruner.ColumnBounds;
import io.buzz.fuse.catalog.FileStats;
import io.buzz.plan.sql.TableColumn;
import io.buzz.plan.sql.TableSchema;
import io.buzz.protocol.plan.DataType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Delta add action's {@code stats} as {@link FileStats}, conservatively: bounds only for the
 * types whose bounds Delta writers keep exact enough — integers, booleans, dates; timestamps
 * (written to the millisecond, so the maximum is widened by 999 µs); strings (written to 32
 * characters: the minimum is then still a lower bound, a maximum that long is dropped). Floating
 * point and decimal columns get null counts only. Anything unreadable is simply not used.
 */
final class DeltaFileStats {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STRING_PREFIX = 32;

  private DeltaFileStats() {}

  /** The statistics, or null when there are none usable. */
  static FileStats parse(String json, TableSchema schema) {
    if (json == null || json.isBlank()) {
      return null;
    }
    JsonNode stats;
    try {
      stats = JSON.readTree(json);
    } catch (IOException e) {
      return null;
    }
    if (stats == null || !stats.path("numRecords").canConvertToLong()) {
      return null;
    }
    Map<String, ColumnBounds> columns = new HashMap<>();
    for (TableColumn column : schema.columns()) {
      if (column.partition()) {
        continue;
      }
      String name = column.fileColumn();
      JsonNode nulls = stats.path("nullCount").path(name);
      OptionalLong nullCount =
          nulls.canConvertToLong() ? OptionalLong.of(nulls.longValue()) : OptionalLong.empty();
      Optional<Object> min = value(stats.path("minValues").path(name), column.type().id(), false);
      Optional<Object> max = value(stats.path("maxValues").path(name), column.type().id(), true);
      if (nullCount.isPresent() || min.isPresent() || max.isPresent()) {
        columns.put(name, new ColumnBounds(nullCount, min, max));
      }
    }
    return new FileStats(stats.path("numRecords").longValue(), columns);
  }

  /** A bound in the pruner's value classes; empty when it cannot be trusted or read. */
  private static Optional<Object> value(JsonNode node, DataType type, boolean max) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    try {
      return switch (type) {
        case BOOL -> node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
        case INT32 -> node.canConvertToInt() ? Optional.of(node.intValue()) : Optional.empty();
        case INT64 -> node.canConvertToLong() ? Optional.of(node.longValue()) : Optional.empty();
        case DATE32 -> Optional.of((int) LocalDate.parse(node.textValue()).toEpochDay());
        case TIMESTAMP_MICROS -> Optional.of(micros(node.textValue()) + (max ? 999 : 0));
        case UTF8 ->
            max && node.textValue().codePointCount(0, node.textValue().length()) >= STRING_PREFIX
                ? Optional.empty()
                : Optional.of(node.textValue());
        default -> Optional.empty();
      };
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Microseconds since the epoch of a stats timestamp, UTC ({@code …Z}) or zone-less. */
  private static long micros(String text) {
    LocalDateTime time =
        text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")
            ? OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
            : LocalDateTime.parse(text);
    return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), time);
  }
}
