package io.buzz.storage.parquet.encoding;

import io.buzz.storage.parquet.metadata.PhysicalType;

/**
 * The Java form a physical type's values take once decoded, whatever their encoding: the type
 * argument of {@link ValuesDecoder}. A typed token, so that {@link ValuesDecoders} can hand out a
 * decoder of the right type from one table.
 *
 * @param <T> the array or holder the values are decoded into
 */
public final class ValueKind<T> {
  /** BOOLEAN: one byte per value, 0 or 1. */
  public static final ValueKind<byte[]> BOOLEANS = new ValueKind<>("BOOLEANS");

  /** INT32 values, and FLOAT values as their IEEE 754 bits. */
  public static final ValueKind<int[]> INTS = new ValueKind<>("INTS");

  /** INT64 values, and DOUBLE values as their IEEE 754 bits. */
  public static final ValueKind<long[]> LONGS = new ValueKind<>("LONGS");

  /** BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 (12 bytes) values, as bytes. */
  public static final ValueKind<BinaryValues> BINARY = new ValueKind<>("BINARY");

  private final String name;

  private ValueKind(String name) {
    this.name = name;
  }

  /** The form values of {@code type} are decoded into. */
  public static ValueKind<?> of(PhysicalType type) {
    return switch (type) {
      case BOOLEAN -> BOOLEANS;
      case INT32, FLOAT -> INTS;
      case INT64, DOUBLE -> LONGS;
      case INT96, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> BINARY;
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
