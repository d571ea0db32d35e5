package io.buzz.storage.io;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Random read access to one immutable object (a local file, an S3 object), asynchronously.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Every read returns exactly the bytes asked for, or fails with a {@link
 *       io.buzz.error.BuzzException}: {@code NOT_FOUND} when the object does not exist, {@code
 *       BAD_QUERY} when a range lies past its end, {@code UNAVAILABLE} when the storage fails or
 *       times out. Messages name the object's URI.
 *   <li>Returned buffers are heap buffers positioned at 0 with the requested length as limit. They
 *       belong to the caller but may share a backing array with each other (coalesced reads): treat
 *       them as read-only.
 *   <li>Methods may be called from any thread, concurrently. They never block the caller; futures
 *       complete on the caller's Vert.x context when there is one, otherwise on an I/O thread.
 *   <li>{@link #close()} releases files and in-flight state; reads after it fail.
 * </ul>
 */
public interface ByteSource extends AutoCloseable {
  /** The object's URI, e.g. {@code file:///data/a.parquet} or {@code s3://bucket/key}. */
  String uri();

  /** The object's size in bytes; implementations cache it after the first answer. */
  Future<Long> length();

  /** Exactly {@code length} bytes starting at {@code offset}. */
  Future<ByteBuffer> read(long offset, int length);

  /**
   * One buffer per range, in the order asked. Implementations may merge nearby ranges into fewer
   * requests and issue them in parallel; ranges may overlap.
   */
  Future<List<ByteBuffer>> read(List<ByteRange> ranges);

  /** The last {@code min(n, length())} bytes. */
  Future<ByteBuffer> readTail(int n);

  /** A snapshot of the I/O this source has issued so far. */
  IoStats stats();

  @Override
  void close();
}
