package io.buzz.storage.parquet.metadata;

/** Parquet's physical (storage) types, with their Thrift ids and PLAIN widths. */
public enum PhysicalType {
  BOOLEAN(0, 0),
  INT32(1, 4),
  INT64(2, 8),
  INT96(3, 12),
  FLOAT(4, 4),
  DOUBLE(5, 8),
  BYTE_ARRAY(6, -1),
  FIXED_LEN_BYTE_ARRAY(7, -1);

  private final int id;
  private final int plainWidth;

  PhysicalType(int id, int plainWidth) {
    this.id = id;
    this.plainWidth = plainWidth;
  }

  public int id() {
    return id;
  }

  /** Bytes per PLAIN value: 0 for bit-packed BOOLEAN, -1 when variable or schema-defined. */
  public int plainWidth() {
    return plainWidth;
  }

  /** The type with Thrift id {@code id}, or {@code null} when the id is unknown. */
  public static PhysicalType fromId(int id) {
    for (PhysicalType type : values()) {
      if (type.id == id) {
        return type;
      }
    }
    return null;
  }
}
