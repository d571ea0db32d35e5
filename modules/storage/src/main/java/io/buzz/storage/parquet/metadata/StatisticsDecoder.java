package io.buzz.storage.parquet.metadata;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.parquet.ColumnStatistics;
import io.buzz.storage.parquet.metadata.ThriftFooter.Statistics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/** Decodes a chunk's raw Thrift statistics into {@link ColumnStatistics} for a mapped column. */
final class StatisticsDecoder {
  private StatisticsDecoder() {}

  static ColumnStatistics decode(Statistics raw, ColumnDescriptor column) {
    if (raw == null) {
      return ColumnStatistics.NONE;
    }
    OptionalLong nullCount =
        raw.nullCount() >= 0 ? OptionalLong.of(raw.nullCount()) : OptionalLong.empty();
    // INT96 has no defined order; unsigned columns' bounds are in unsigned order, which the
    // signed values compared against them do not share: no bounds rather than wrong ones.
    // DECIMAL bounds are unscaled (and in signed byte order for binary), which nothing compares
    // yet: none, so pruning stays conservative.
    if (column.column().type().isEmpty()
        || column.conversion() == ValueConversion.INT96_TO_MICROS
        || column.conversion() == ValueConversion.UINT32_TO_INT64
        || column.conversion() == ValueConversion.UINT64_TO_INT64
        || column.conversion() == ValueConversion.UUID_TO_STRING
        || column.conversion() == ValueConversion.DECIMAL) {
      return new ColumnStatistics(nullCount, Optional.empty(), Optional.empty());
    }
    ColumnType type = column.column().type().get();
    // The deprecated min/max were written in signed byte order: trustworthy for numbers only.
    boolean legacyUsable = type != ColumnType.UTF8;
    byte[] min = raw.minValue() != null ? raw.minValue() : legacyUsable ? raw.min() : null;
    byte[] max = raw.maxValue() != null ? raw.maxValue() : legacyUsable ? raw.max() : null;
    if (raw.minValue() == null != (raw.maxValue() == null)) {
      // one bound from each generation would mix orders; keep neither
      min = null;
      max = null;
    }
    return new ColumnStatistics(
        nullCount, value(min, type, column.conversion()), value(max, type, column.conversion()));
  }

  private static Optional<Object> value(byte[] bytes, ColumnType type, ValueConversion conversion) {
    if (bytes == null) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return switch (type) {
      case BOOL -> bytes.length == 1 ? Optional.of(bytes[0] != 0) : Optional.empty();
      case INT32, DATE32 -> bytes.length == 4 ? Optional.of(in.getInt()) : Optional.empty();
      case INT64 -> bytes.length == 8 ? Optional.of(in.getLong()) : Optional.empty();
      case TIMESTAMP_MICROS ->
          bytes.length == 8 ? micros(in.getLong(), conversion) : Optional.empty();
      case TIME_MICROS ->
          conversion == ValueConversion.TIME_MILLIS_TO_MICROS
              ? bytes.length == 4 ? Optional.of(in.getInt() * 1000L) : Optional.empty()
              : bytes.length == 8 ? micros(in.getLong(), conversion) : Optional.empty();
      case FLOAT64 -> {
        if (conversion != ValueConversion.NONE || bytes.length != 8) {
          yield Optional.empty(); // FLOAT16 bounds are not decoded
        }
        double value = in.getDouble();
        yield Double.isNaN(value) ? Optional.empty() : Optional.of(value);
      }
      case FLOAT32 -> {
        float value = bytes.length == 4 ? in.getFloat() : Float.NaN;
        yield Float.isNaN(value) ? Optional.empty() : Optional.of(value);
      }
      case UTF8 -> utf8(bytes);
      case VARBINARY -> Optional.empty(); // no pruning on bytes yet
      case DECIMAL128 -> Optional.empty(); // excluded above
    };
  }

  /**
   * A string bound, or nothing when its bytes are not valid UTF-8 (a writer truncated it inside a
   * character): decoded leniently, a replacement character could move the bound past real values.
   */
  static Optional<Object> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static Optional<Object> micros(long stored, ValueConversion conversion) {
    return switch (conversion) {
      case MILLIS_TO_MICROS -> {
        long micros = stored * 1000;
        yield micros / 1000 == stored ? Optional.of(micros) : Optional.empty();
      }
      case NANOS_TO_MICROS -> Optional.of(Math.floorDiv(stored, 1000L));
      case NONE -> Optional.of(stored);
      case INT96_TO_MICROS,
          TIME_MILLIS_TO_MICROS,
          FLOAT16_TO_DOUBLE,
          UINT32_TO_INT64,
          UINT64_TO_INT64,
          UUID_TO_STRING,
          DECIMAL ->
          Optional.empty();
    };
  }
}
