package io.buzz.storage.parquet.encoding;

import org.apache.arrow.memory.ArrowBuf;

/**
 * The values of one data page (or of a dictionary page) in one encoding, decoded a run at a time
 * into the Java form of their physical type, its {@link ValueKind}: {@code byte[]} for BOOLEAN,
 * {@code int[]} for INT32 and FLOAT, {@code long[]} for INT64 and DOUBLE, {@link BinaryValues} for
 * BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96. One implementation per encoding (and kind), created
 * for each page by {@link ValuesDecoders}, the table of which encodings decode for which physical
 * type (Trino's {@code ValueDecoder}s are the model).
 *
 * <p>Contract: the page's encoded values are read in order, only non-null values (definition levels
 * are the caller's); the caller never asks for more values than the page holds. A call decodes a
 * run, so a column reader makes one call per run of rows, never one per value. The arrays belong to
 * the caller and are written only in the range asked for. Corrupt input raises {@link
 * io.buzz.storage.parquet.metadata.MalformedParquetException}. Single-threaded, like the column
 * reader that owns it.
 *
 * @param <T> the Java form of the values, one of {@link ValueKind}'s
 */
public interface ValuesDecoder<T> {
  /** Decodes the next {@code length} values into {@code values[offset, offset + length)}. */
  void read(T values, int offset, int length);

  /**
   * Decodes the next {@code length} values straight into Arrow's {@code buffer} at value index
   * {@code index}, when their encoded bytes already are Arrow's (PLAIN values of 4 or 8 bytes,
   * little-endian), with one bulk copy; returns false and consumes nothing otherwise. Column
   * readers try it for runs without nulls or conversion.
   */
  default boolean copyTo(ArrowBuf buffer, int index, int length) {
    return false;
  }
}
