package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Opens the {@link ByteSource} for a URI by its scheme: {@code file:} → {@link
 * LocalFileByteSource}, {@code s3:}/{@code s3a:} → {@link S3ByteSource}. Immutable and thread-safe;
 * the Vert.x instance and the S3 client stay owned by the caller.
 */
public final class ByteSources {
  private final Vertx vertx;
  private final S3AsyncClient s3;
  private final S3ReadOptions s3Options;

  /** The prefix of an S3 object version: its ETag as listed. */
  public static final String ETAG = "etag:";

  /** The prefix of a local file's version: its modification time in nanoseconds. */
  public static final String MTIME = "mtime:";

  /**
   * @param vertx runs blocking local reads on its worker pool
   * @param s3 the client for {@code s3://} URIs, or {@code null} for a local-only HBee
   * @param s3Options coalescing and timeouts of S3 reads
   */
  public ByteSources(Vertx vertx, S3AsyncClient s3, S3ReadOptions s3Options) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.s3 = s3;
    this.s3Options = requireNonNull(s3Options, "s3Options is null");
  }

  /**
   * A new source for {@code uri}, owned by the caller. Opening does no I/O: a missing object fails
   * the first read.
   *
   * @throws BuzzException BAD_QUERY for a malformed URI, UNSUPPORTED for an unknown scheme or an
   *     {@code s3://} URI when no S3 client is configured
   */
  public ByteSource open(String uri) {
    return open(uri, "");
  }

  /**
   * Like {@link #open(String)} for the object's {@code version} as listed: {@code "etag:<ETag>"}
   * makes an S3 source read only that version (If-Match), {@code "mtime:<ns>"} makes a local source
   * refuse a file modified since; an empty version checks nothing.
   */
  public ByteSource open(String uri, String version) {
    requireNonNull(uri, "uri is null");
    String etag = version.startsWith(ETAG) ? version.substring(ETAG.length()) : null;
    int colon = uri.indexOf(':');
    String scheme = colon <= 0 ? "" : uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    switch (scheme) {
      case "file":
        return LocalFileByteSource.forUri(vertx, uri, mtime(version));
      case "s3":
      case "s3a":
        if (s3 == null) {
          throw new BuzzException(
              ErrorCode.UNSUPPORTED, "cannot read " + uri + ": this process has no S3 client");
        }
        return new S3ByteSource(s3, S3Location.parse(uri), s3Options, etag);
      default:
        throw new BuzzException(
            ErrorCode.UNSUPPORTED,
            "cannot read " + uri + ": unsupported URI scheme (expected file:// or s3://)");
    }
  }

  /** The modification time of a local file's version, -1 when not one. */
  private static long mtime(String version) {
    if (!version.startsWith(MTIME)) {
      return -1;
    }
    try {
      return Long.parseLong(version.substring(MTIME.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
