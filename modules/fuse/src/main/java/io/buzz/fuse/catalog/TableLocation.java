package io.buzz.fuse.catalog;

import io.buzz.error.BuzzException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a table's files live: a local path or an S3 bucket and key prefix, parsed from a catalog
 * {@code uri}: {@code file:///abs/dir}, {@code file:relative/dir} (resolved against the working
 * directory of this process), or {@code s3://bucket/prefix}. The location may name a single Parquet
 * object or a directory/prefix searched recursively.
 *
 * <p>File URIs are URIs: {@code %20} is a space, as {@link Path#toUri()} writes it. S3 keys are
 * taken verbatim, like {@link io.buzz.storage.io.S3Location} does when the HBees read them, because
 * S3 keys may contain any character, {@code %} included (Hive escapes partition values that way).
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

  /**
   * @param key the key or key prefix, verbatim, without a leading slash; empty for the whole bucket
   */
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
   * @throws BuzzException BAD_QUERY naming {@code field} when the URI is malformed or its scheme
   *     unsupported
   */
  static TableLocation parse(String uri, String field) {
    if (uri == null || uri.isBlank()) {
      throw BuzzException.badQuery(
          field + " is empty; expected file:///path or s3://bucket/prefix");
    }
    String text = uri.strip();
    int colon = text.indexOf(':');
    String scheme = colon <= 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> parseFile(text, field);
      case "s3", "s3a" -> parseS3(text, field);
      default ->
          throw BuzzException.badQuery(
              field
                  + " '"
                  + uri
                  + "' must start with file: or s3:// (got "
                  + (scheme.isEmpty() ? "no scheme" : "scheme '" + scheme + "'")
                  + ")");
    };
  }

  private static Local parseFile(String text, String field) {
    URI parsed;
    try {
      parsed = new URI(text);
    } catch (URISyntaxException e) {
      throw BuzzException.badQuery(
          field
              + " '"
              + text
              + "' is not a valid URI ("
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "); write spaces as %20");
    }
    String path;
    if (parsed.isOpaque()) {
      path = parsed.getSchemeSpecificPart();
    } else {
      String authority = parsed.getAuthority();
      if (authority != null && !authority.isEmpty() && !authority.equals("localhost")) {
        throw BuzzException.badQuery(
            field
                + " '"
                + text
                + "' names host '"
                + authority
                + "'; use file:///absolute/path or file:relative/path");
      }
      path = parsed.getPath();
    }
    if (path == null || path.isEmpty()) {
      throw BuzzException.badQuery(field + " '" + text + "' names no path");
    }
    try {
      return new Local(Path.of(path).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      throw BuzzException.badQuery(field + " '" + text + "' is not a valid path: " + e.getReason());
    }
  }

  private static S3 parseS3(String text, String field) {
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0) {
      throw BuzzException.badQuery(field + " '" + text + "' is not of the form s3://bucket/prefix");
    }
    String rest = text.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw BuzzException.badQuery(field + " '" + text + "' has no bucket: use s3://bucket/prefix");
    }
    for (int i = 0; i < bucket.length(); i++) {
      char c = bucket.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_';
      if (!allowed) {
        throw BuzzException.badQuery(
            field + " '" + text + "': '" + bucket + "' is not a valid bucket name");
      }
    }
    return new S3(bucket, key);
  }
}
