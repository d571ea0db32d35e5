package io.buzz.storage.parquet.metadata;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;

/**
 * Raised by the low-level decoders (Thrift, levels, values, pages) when bytes do not follow the
 * format. They do not know which file or column they decode; the reader that does catches this and
 * reports a {@link BuzzException} naming the file, the column and the page, with {@link
 * #corrupt(String, String, Throwable)}.
 */
public final class MalformedParquetException extends RuntimeException {
  public MalformedParquetException(String message) {
    super(message);
  }

  public MalformedParquetException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The error users see for corrupt data: BAD_QUERY, {@code "corrupt Parquet file <where>:
   * <message>"}.
   *
   * @param where the file, or the file, column, row group and page
   */
  public static BuzzException corrupt(String where, String message) {
    return corrupt(where, message, null);
  }

  /** Like {@link #corrupt(String, String)}, with the failure that revealed it. */
  public static BuzzException corrupt(String where, String message, Throwable cause) {
    return new BuzzException(
        ErrorCode.BAD_QUERY, "corrupt Parquet file " + where + ": " + message, cause);
  }
}
