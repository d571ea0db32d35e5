package io.buzz.storage.parquet.metadata;

/**
 * Raised by low-level decoders for valid Parquet they do not implement (an encoding, a level
 * encoding); the column reader reports it as {@code UNSUPPORTED} with the file, column and page.
 */
public final class UnsupportedPageException extends RuntimeException {
  public UnsupportedPageException(String message) {
    super(message);
  }
}
