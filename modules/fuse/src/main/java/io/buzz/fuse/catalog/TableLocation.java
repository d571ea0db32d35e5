package io.buzz.fuse.catalog;

import io.buzz.error.BuzzException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a table's files live: a local path or an S3 bucket and key prefix, parsed from a catalog
 * {@code uri}: {@code file:///abs/dir}, {@code file:relative/dir} (resolved against the working
 * directory of this process), or {@code s3://bucket/prefix}. The location may name a single Parquet
 * object or a directory/prefix searched recursively.
 */
public sealed interface TableLocation {
  /** The normalized URI, {@code file:///…} or {@code s3://bucket/key}. */
  String uri();

  record Local(Path path) implements TableLocation {
    @Override
    public String uri() {
      return path.toUri().toString();
    }
  }

  record S3(String bucket, String key) implements TableLocation {
    @Override
    public String uri() {
      return "s3://" + bucket + "/" + key;
    }
  }

  /**
   * Parses a catalog URI.
   *
   * @param field the JSON path of the URI, for messages, e.g. {@code catalogs[0].uri}
   * @throws BuzzException BAD_QUERY when the URI is malformed or its scheme unsupported
   */
  static TableLocation parse(String uri, String field) {
    if (uri == null || uri.isBlank()) {
      throw BuzzException.badQuery(field + " is empty");
    }
    URI parsed;
    try {
      parsed = new URI(uri.strip());
    } catch (URISyntaxException e) {
      throw BuzzException.badQuery(field + " '" + uri + "' is not a valid URI: " + e.getReason());
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme();
    switch (scheme) {
      case "file" -> {
        if (parsed.isOpaque()) {
          return new Local(Path.of(parsed.getSchemeSpecificPart()).toAbsolutePath().normalize());
        }
        if (parsed.getAuthority() != null && !parsed.getAuthority().isEmpty()) {
          throw BuzzException.badQuery(
              field
                  + " '"
                  + uri
                  + "' names host '"
                  + parsed.getAuthority()
                  + "'; use file:///absolute/path or file:relative/path");
        }
        return new Local(Path.of(parsed.getPath()).normalize());
      }
      case "s3" -> {
        String bucket = parsed.getHost();
        if (bucket == null || bucket.isEmpty()) {
          throw BuzzException.badQuery(
              field + " '" + uri + "' has no bucket: use s3://bucket/prefix");
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        return new S3(bucket, path.startsWith("/") ? path.substring(1) : path);
      }
      default ->
          throw BuzzException.badQuery(
              field
                  + " '"
                  + uri
                  + "' must start with file: or s3:// (got scheme '"
                  + scheme
                  + "')");
    }
  }
}
