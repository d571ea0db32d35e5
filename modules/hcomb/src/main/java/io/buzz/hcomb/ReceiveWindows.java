package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
 * much before the HComb has taken it, and the HComb returns the window as it takes the bytes, one
 * window update (one socket write) per half a window taken. A stream that has sent a whole narrow
 * window is a large one; if it is the only stream of its connection (as every HBee's is), its
 * connection's stream window becomes {@link #WIDE} (a SETTINGS frame: the stream window is a
 * setting of the connection): more bytes per socket read and half as many window updates per byte.
 *
 * <p>The extra window is memory: what a paused stream may hold unread in the HComb. It is granted
 * out of a budget (a sixteenth of the heap by default) and charged once per stream open on a wide
 * connection; a stream that finds the budget spent keeps the narrow window. A stream that opens on
 * a connection already wide is charged too, even past the budget (an HBee never does that: it has
 * one stream per connection). A connection is narrowed again only once no stream is open on it —
 * narrowing under open, paused streams stalled them — and its last charge is given back when the
 * client acknowledged that. One SETTINGS change per connection is in flight at a time, the next
 * decided when it is acknowledged: Vert.x drops a change equal to the settings acknowledged so far,
 * so a narrowing sent before the widening's acknowledgement would be lost.
 *
 * <p>Limits, none met by Buzz's HBees: a stream that opens while its connection's narrowing is on
 * its way is narrowed under it; a client that sends 64 KiB before acknowledging the HComb's first
 * SETTINGS could have that acknowledgement taken for the widening's (Vert.x waits for the server's
 * SETTINGS before its first stream). The connection's close handler (Vert.x keeps one) is this
 * class's; nothing else in the HComb sets it.
 *
 * <p>Threads: a connection's state is touched on its event loop only ({@link Stream#close} hops
 * there when called elsewhere); the budget is shared.
 */
final class ReceiveWindows {
  /** The stream window every connection starts with: HTTP/2's default. */
  static final int NARROW = 65_535;

  /** The stream window of a large stream alone on its connection. */
  static final int WIDE = 256 * 1024;

  /** What widening one stream costs the budget. */
  static final long EXTRA = WIDE - NARROW;

  private final long budgetBytes;
  private final AtomicLong granted = new AtomicLong();
  private final AtomicLong widenings = new AtomicLong();
  private final Map<HttpConnection, Connection> connections = new ConcurrentHashMap<>();

  /**
   * @param budgetBytes the windows' bytes beyond {@link #NARROW}, all streams together
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

  /** Window bytes charged beyond the narrow windows now. */
  long grantedBytes() {
    return granted.get();
  }

  /** Connections widened so far. */
  long widenings() {
    return widenings.get();
  }

  /** Connections with a stream open or a wide window now. */
  int connectionCount() {
    return connections.size();
  }

  /**
   * A request began on its connection (on the connection's event loop); its stream must be {@link
   * Stream#close}d when done. A request that is not HTTP/2 gets a stream that does nothing.
   */
  Stream open(HttpServerRequest request) {
    requireNonNull(request, "request is null");
    HttpConnection connection = request.connection();
    Context context = Vertx.currentContext();
    if (request.version() != HttpVersion.HTTP_2 || connection == null || context == null) {
      return new Stream(null, null);
    }
    Connection state =
        connections.computeIfAbsent(
            connection,
            c -> {
              Connection created = new Connection(c);
              c.closeHandler(v -> created.gone());
              return created;
            });
    state.opened();
    return new Stream(state, context);
  }

  /** One connection's streams and window; touched on its event loop only. */
  private final class Connection {
    private final HttpConnection connection;
    private int open;

    /** Charges of {@link #EXTRA} held. */
    private int charges;

    /** Whether the window should be wide. */
    private boolean wanted;

    /** Whether the client acknowledged a wide window (and no narrowing since). */
    private boolean wide;

    /** Whether a SETTINGS change is on its way. */
    private boolean changing;

    private boolean gone;

    Connection(HttpConnection connection) {
      this.connection = connection;
    }

    /** Whether the connection's streams may have a wide window: wanted, or not yet narrowed. */
    private boolean exposed() {
      return wanted || wide;
    }

    void opened() {
      open++;
      if (exposed() && charges < open) {
        charge(open - charges); // past the budget if need be: the window is wide already
      }
    }

    void widen() {
      if (wanted || open != 1 || gone) {
        return;
      }
      if (charges == 0) {
        if (!take()) {
          return;
        }
        charges = 1;
      }
      wanted = true;
      widenings.incrementAndGet();
      reconcile();
    }

    void closed() {
      open--;
      if (gone) {
        return;
      }
      if (charges > Math.max(1, open)) {
        charge(Math.max(1, open) - charges); // a stream fewer on a wide connection
      }
      if (open == 0) {
        wanted = false; // the next stream starts narrow (an HBee's next task)
        reconcile();
      }
    }

    /** The connection closed: its streams and charges are gone with it. */
    void gone() {
      gone = true;
      charge(-charges);
      connections.remove(connection, this);
    }

    /** Sends the next SETTINGS change once the last was acknowledged; settles charges. */
    private void reconcile() {
      if (changing || gone) {
        return;
      }
      if (wanted == wide) {
        if (!wide) {
          charge(-charges); // narrow, acknowledged: nothing left to pay for
          if (open == 0) {
            connections.remove(connection, this);
          }
        }
        return;
      }
      boolean target = wanted;
      changing = true;
      connection
          .updateSettings(
              new Http2Settings(connection.settings()).setInitialWindowSize(target ? WIDE : NARROW))
          .onComplete(
              acknowledged -> {
                changing = false;
                if (acknowledged.failed()) {
                  // The frame was not written (the connection is closing, as a rule): the window
                  // may be either; the charges stay until the connection's close gives them back.
                  return;
                }
                wide = target;
                reconcile();
              });
    }

    private void charge(int count) {
      charges += count;
      granted.addAndGet(count * EXTRA);
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
    private final Context context;
    private final Thread loop;
    private long received;
    private boolean closed;

    private Stream(Connection connection, Context context) {
      this.connection = connection;
      this.context = context;
      this.loop = Thread.currentThread();
    }

    /** {@code bytes} of the request's body arrived; on the connection's event loop. */
    void received(int bytes) {
      if (connection == null || closed) {
        return;
      }
      received += bytes;
      if (received >= NARROW) {
        connection.widen();
      }
    }

    /** The request ended, was reset or its connection closed; idempotent, any thread. */
    void close() {
      if (connection == null) {
        return;
      }
      if (Thread.currentThread() != loop) {
        context.runOnContext(v -> close());
        return;
      }
      if (!closed) {
        closed = true;
        connection.closed();
      }
    }
  }
}
