package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;

/**
 * An object in S3: bucket and key, written {@code s3://bucket/key}.
 *
 * @param bucket the bucket name, not empty
 * @param key the object key without a leading slash, not empty
 */
public record S3Location(String bucket, String key) {
  public S3Location {
    requireNonNull(bucket, "bucket is null");
    requireNonNull(key, "key is null");
    if (bucket.isEmpty() || key.isEmpty()) {
      throw new IllegalArgumentException(
          "bucket and key must not be empty: s3://" + bucket + "/" + key);
    }
  }

  /**
   * Parses {@code s3://bucket/key} ({@code s3a://} is accepted too). The key is taken verbatim, not
   * URL-decoded, so keys may contain any character S3 allows.
   *
   * @throws BuzzException BAD_QUERY when the URI is not of that form
   */
  public static S3Location parse(String uri) {
    requireNonNull(uri, "uri is null");
    int schemeEnd = uri.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : uri.substring(0, schemeEnd);
    if (!scheme.equalsIgnoreCase("s3") && !scheme.equalsIgnoreCase("s3a")) {
      throw new BuzzException(ErrorCode.BAD_QUERY, "not an s3:// URI: " + uri);
    }
    String rest = uri.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new BuzzException(
          ErrorCode.BAD_QUERY, "malformed S3 URI " + uri + ": expected s3://bucket/key");
    }
    return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
