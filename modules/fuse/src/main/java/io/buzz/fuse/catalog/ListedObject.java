package io.buzz.fuse.catalog;

/**
 * An object found under a table location.
 *
 * @param uri absolute URI of the object
 * @param relativePath path below the table location, '/'-separated; the file name alone when the
 *     location names the object itself
 * @param size bytes
 */
public record ListedObject(String uri, String relativePath, long size) {}
