package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ByteSource} over a local file ({@code file://} URIs).
 *
 * <p>Threads: the blocking positional {@link FileChannel} reads run on the Vert.x worker pool via
 * {@link Vertx#executeBlocking(java.util.concurrent.Callable, boolean)} (unordered, so reads of one
 * source may run in parallel); futures complete on the caller's context. The file is opened lazily
 * on a worker thread by the first call, so a missing file fails that call with {@code NOT_FOUND}. A
 * list of ranges is read in one worker task, one positional read per range (local reads gain
 * nothing from coalescing).
 */
public final class LocalFileByteSource implements ByteSource {
  private final Vertx vertx;
  private final Path path;
  private final String uri;
  private final IoStatsRecorder stats = new IoStatsRecorder();
  private final Object lock = new Object();
  private FileChannel channel; // guarded by lock
  private long size = -1; // guarded by lock
  private boolean closed; // guarded by lock

  /** The modification time (ns) the file must still have when opened; -1 for any. */
  private final long expectedMtimeNanos;

  public LocalFileByteSource(Vertx vertx, Path path) {
    this(vertx, path, -1);
  }

  /**
   * A source that fails with NOT_FOUND ("changed during the query") when the file's modification
   * time is no longer {@code expectedMtimeNanos} as it opens (-1 accepts any).
   */
  public LocalFileByteSource(Vertx vertx, Path path, long expectedMtimeNanos) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.path = requireNonNull(path, "path is null").toAbsolutePath();
    this.uri = this.path.toUri().toString();
    this.expectedMtimeNanos = expectedMtimeNanos;
  }

  /** A source for a {@code file:} URI such as {@code file:///data/a.parquet}. */
  public static LocalFileByteSource forUri(Vertx vertx, String uri) {
    return forUri(vertx, uri, -1);
  }

  /** Like {@link #forUri(Vertx, String)}, for the version with that modification time (ns). */
  public static LocalFileByteSource forUri(Vertx vertx, String uri, long expectedMtimeNanos) {
    requireNonNull(uri, "uri is null");
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw new BuzzException(ErrorCode.BAD_QUERY, "malformed file URI " + uri, e);
    }
    if (!"file".equalsIgnoreCase(parsed.getScheme())) {
      throw new BuzzException(ErrorCode.BAD_QUERY, "not a file URI: " + uri);
    }
    try {
      return new LocalFileByteSource(vertx, Path.of(parsed), expectedMtimeNanos);
    } catch (IllegalArgumentException e) {
      throw new BuzzException(ErrorCode.BAD_QUERY, "malformed file URI " + uri, e);
    }
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public Future<Long> length() {
    return vertx.executeBlocking(this::sizeBlocking, false);
  }

  @Override
  public Future<ByteBuffer> read(long offset, int length) {
    ByteRange range = new ByteRange(offset, length);
    return vertx.executeBlocking(() -> readBlocking(range), false);
  }

  @Override
  public Future<List<ByteBuffer>> read(List<ByteRange> ranges) {
    List<ByteRange> copy = List.copyOf(ranges);
    return vertx.executeBlocking(
        () -> {
          List<ByteBuffer> buffers = new ArrayList<>(copy.size());
          for (ByteRange range : copy) {
            buffers.add(readBlocking(range));
          }
          return buffers;
        },
        false);
  }

  @Override
  public Future<ByteBuffer> readTail(int n) {
    if (n < 0) {
      return Future.failedFuture(new IllegalArgumentException("n is negative: " + n));
    }
    return vertx.executeBlocking(
        () -> {
          long fileSize = sizeBlocking();
          int length = (int) Math.min(n, fileSize);
          return readBlocking(new ByteRange(fileSize - length, length));
        },
        false);
  }

  @Override
  public IoStats stats() {
    return stats.snapshot();
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          throw ByteSourceErrors.unavailable(uri, "close", e);
        }
      }
    }
  }

  private FileChannel channelBlocking() {
    synchronized (lock) {
      if (closed) {
        throw ByteSourceErrors.closed(uri);
      }
      if (channel == null) {
        try {
          channel = FileChannel.open(path, StandardOpenOption.READ);
          size = channel.size();
          if (expectedMtimeNanos >= 0
              && Files.getLastModifiedTime(path).to(TimeUnit.NANOSECONDS) != expectedMtimeNanos) {
            channel.close();
            channel = null;
            throw new BuzzException(
                ErrorCode.NOT_FOUND,
                uri
                    + " changed during the query (modified after the query listed it); run the query again");
          }
        } catch (NoSuchFileException e) {
          throw ByteSourceErrors.notFound(uri);
        } catch (IOException e) {
          throw ByteSourceErrors.unavailable(uri, "open", e);
        }
      }
      return channel;
    }
  }

  private long sizeBlocking() {
    channelBlocking();
    synchronized (lock) {
      return size;
    }
  }

  private ByteBuffer readBlocking(ByteRange range) {
    FileChannel file = channelBlocking();
    long fileSize = sizeBlocking();
    if (range.end() > fileSize) {
      throw ByteSourceErrors.pastEnd(uri, range.offset(), range.length(), fileSize);
    }
    ByteBuffer buffer = ByteBuffer.allocate(range.length());
    long start = stats.requestStarted();
    boolean first = true;
    try {
      while (buffer.hasRemaining()) {
        int read = file.read(buffer, range.offset() + buffer.position());
        if (read < 0) {
          throw ByteSourceErrors.pastEnd(uri, range.offset(), range.length(), fileSize);
        }
        if (first) {
          stats.firstByte(start);
          first = false;
        }
      }
    } catch (IOException e) {
      throw ByteSourceErrors.unavailable(uri, "read of bytes " + range, e);
    } finally {
      stats.requestEnded(start, buffer.position());
    }
    return buffer.flip();
  }
}
