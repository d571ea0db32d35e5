package io.buzz.storage.parquet;

/**
 * Raised by the low-level decoders (Thrift, levels, values, pages) when bytes do not follow the
 * format. They do not know which file or column they decode; the reader that does catches this and
 * reports a {@link io.buzz.error.BuzzException} naming the file, the column and the page.
 */
final class MalformedParquetException extends RuntimeException {
  MalformedParquetException(String message) {
    super(message);
  }

  MalformedParquetException(String message, Throwable cause) {
    super(message, cause);
  }
}
