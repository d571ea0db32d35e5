package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ByteSource} over a byte array, for tests and for objects already in memory. Every read
 * completes immediately on the calling thread and counts as one request; returned buffers are views
 * of the array (no copy) that callers must not write.
 */
public final class InMemoryByteSource implements ByteSource {
  private final String uri;
  private final byte[] bytes;
  private final IoStatsRecorder stats = new IoStatsRecorder();
  private volatile boolean closed;

  /** Wraps {@code bytes} without copying; the caller must not change them afterwards. */
  public InMemoryByteSource(String uri, byte[] bytes) {
    this.uri = requireNonNull(uri, "uri is null");
    this.bytes = requireNonNull(bytes, "bytes is null");
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public Future<Long> length() {
    if (closed) {
      return Future.failedFuture(ByteSourceErrors.closed(uri));
    }
    return Future.succeededFuture((long) bytes.length);
  }

  @Override
  public Future<ByteBuffer> read(long offset, int length) {
    try {
      return Future.succeededFuture(slice(offset, length));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<List<ByteBuffer>> read(List<ByteRange> ranges) {
    try {
      List<ByteBuffer> buffers = new ArrayList<>(ranges.size());
      for (ByteRange range : ranges) {
        buffers.add(slice(range.offset(), range.length()));
      }
      return Future.succeededFuture(buffers);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<ByteBuffer> readTail(int n) {
    if (n < 0) {
      return Future.failedFuture(new IllegalArgumentException("n is negative: " + n));
    }
    int length = Math.min(n, bytes.length);
    return read(bytes.length - length, length);
  }

  @Override
  public IoStats stats() {
    return stats.snapshot();
  }

  @Override
  public void close() {
    closed = true;
  }

  private ByteBuffer slice(long offset, int length) {
    if (closed) {
      throw ByteSourceErrors.closed(uri);
    }
    new ByteRange(offset, length);
    if (offset + length > bytes.length) {
      throw ByteSourceErrors.pastEnd(uri, offset, length, bytes.length);
    }
    long start = stats.requestStarted();
    stats.firstByte(start);
    stats.requestEnded(start, length);
    return ByteBuffer.wrap(bytes, (int) offset, length).slice();
  }
}
