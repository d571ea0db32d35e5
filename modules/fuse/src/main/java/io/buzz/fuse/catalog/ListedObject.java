package io.buzz.fuse.catalog;

/**
 * An object found under a table location.
 *
 * @param uri absolute URI of the object
 * @param relativePath path below the table location, '/'-separated; the file name alone when the
 *     location names the object itself
 * @param size bytes
 * @param version the object's version as listed ({@code etag:…} for S3, {@code mtime:…} for a local
 *     file, see {@code io.buzz.storage.io.ByteSources}); empty when unknown
 */
public record ListedObject(String uri, String relativePath, long size, String version) {
  /** An object whose version is not known. */
  public ListedObject(String uri, String relativePath, long size) {
    this(uri, relativePath, size, "");
  }
}
