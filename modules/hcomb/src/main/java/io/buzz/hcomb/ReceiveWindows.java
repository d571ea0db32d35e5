package io.buzz.hcomb;

import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/2 receive windows wider than the default for the streams that carry a lot, out of a budget.
 *
 * <p>Every connection starts with 64 KiB stream windows ({@link #NARROW}): an HBee may send that
 * much before the HComb has taken it, and the HComb answers each 32 KiB taken with a window update,
 * one socket write each. A stream that has sent a whole narrow window is a large one; if it is the
 * only stream of its connection (as every HBee's is), its connection's window grows to {@link
 * #WIDE} (an HTTP/2 SETTINGS frame: the window is per connection setting), four times fewer reads,
 * frames and window updates per byte: on 1,000 streams into an HComb of its own process, 1.11–1.18
 * GB/s end to end against 0.63–0.87 with every window narrow (runs back to back). The extra bytes
 * are memory: a paused stream's window is what it may hold unread in the HComb. So the widening is
 * granted out of a budget (a sixteenth of the heap by default), given back when the stream ends, is
 * reset or its connection closes; a stream that finds the budget spent keeps the narrow window, as
 * does a connection carrying several streams (one wide setting would widen them all). A connection
 * is narrowed only once no stream is open on it: narrowing under open, paused streams stalled them.
 * A stream that opens on a wide connection is charged to the budget too, even past it (no client of
 * Buzz does that: an HBee has one stream).
 *
 * <p>Threads: {@link #open} and a {@link Stream}'s methods on the request's event loop (each
 * connection's state is touched by its loop only); the budget is shared.
 */
final class ReceiveWindows {
  /** The stream window every connection starts with: HTTP/2's default. */
  static final int NARROW = 65_535;

  /** The stream window of a large stream alone on its connection. */
  static final int WIDE = 256 * 1024;

  private static final long EXTRA = WIDE - NARROW;

  private final long budgetBytes;
  private final AtomicLong granted = new AtomicLong();
  private final Map<HttpConnection, Connection> connections = new ConcurrentHashMap<>();

  /**
   * @param budgetBytes the widened windows' bytes beyond {@link #NARROW}, all streams together
   */
  ReceiveWindows(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must not be negative");
    }
    this.budgetBytes = budgetBytes;
  }

  /** A budget of a sixteenth of this JVM's heap. */
  static ReceiveWindows forHeap() {
    return new ReceiveWindows(Runtime.getRuntime().maxMemory() / 16);
  }

  /** Window bytes granted beyond the narrow windows now. */
  long grantedBytes() {
    return granted.get();
  }

  /** A request began on its connection; its stream must be {@link Stream#close}d when done. */
  Stream open(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (request.version() != HttpVersion.HTTP_2 || connection == null) {
      return new Stream(null);
    }
    Connection state = connections.computeIfAbsent(connection, Connection::new);
    state.opened();
    return new Stream(state);
  }

  /** One connection's streams and window; touched on its event loop only. */
  private final class Connection {
    private final HttpConnection connection;
    private int open;
    private boolean wide;
    private int charged;

    Connection(HttpConnection connection) {
      this.connection = connection;
    }

    void opened() {
      open++;
      if (wide) {
        // One setting widens every stream of the connection, and narrowing it under open streams
        // can stall them: the new stream is charged too, even past the budget.
        granted.addAndGet(EXTRA);
        charged++;
      }
    }

    void widen() {
      if (wide || open != 1 || !take()) {
        return;
      }
      wide = true;
      charged = 1;
      connection.updateSettings(window(WIDE));
    }

    void closed() {
      open--;
      if (open > 0) {
        return;
      }
      connections.remove(connection);
      if (wide) {
        // No stream left: the connection narrows for the next one (an HBee's next task).
        wide = false;
        granted.addAndGet(-EXTRA * charged);
        charged = 0;
        connection.updateSettings(window(NARROW));
      }
    }

    private Http2Settings window(int bytes) {
      return new Http2Settings(connection.settings()).setInitialWindowSize(bytes);
    }

    private boolean take() {
      while (true) {
        long now = granted.get();
        if (now + EXTRA > budgetBytes) {
          return false;
        }
        if (granted.compareAndSet(now, now + EXTRA)) {
          return true;
        }
      }
    }
  }

  /** One request's part: how much it received, and its end. */
  final class Stream {
    private final Connection connection;
    private long received;
    private boolean closed;

    private Stream(Connection connection) {
      this.connection = connection;
    }

    /** {@code bytes} of the request's body arrived. */
    void received(int bytes) {
      if (connection == null || closed) {
        return;
      }
      received += bytes;
      if (received >= NARROW) {
        connection.widen();
      }
    }

    /** The request ended, was reset or its connection closed; idempotent. */
    void close() {
      if (connection == null || closed) {
        return;
      }
      closed = true;
      connection.closed();
    }
  }
}
