package io.buzz.hcomb;

import io.buzz.grpc.WholeMessages;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import java.util.function.Consumer;

/**
 * An HTTP/2 request that the HComb can stop reading itself, so that a paused HBee stream holds its
 * bytes in the HBee (HTTP/2 flow control) rather than in the HComb's heap.
 *
 * <p>Pausing a Vert.x gRPC call only stops it delivering messages: its own queue keeps reading up
 * to 16 more messages from the HTTP/2 stream before it pauses that, so 1,000 paused HBee streams
 * could leave gigabytes of received messages in the heap, outside any query's memory limit (an
 * HComb with 1.6 GB of heap ran out of it that way). The gRPC server sees this wrapper as its HTTP
 * request; the stream's read is paused while either gRPC's queue or the HComb ({@link #hold}) wants
 * it paused, and resumed only when neither does.
 *
 * <p>Vert.x gRPC takes no request of our making, so the wrapper extends Vert.x's internal {@link
 * HttpServerRequestWrapper} (the gRPC server casts its requests to {@link
 * HttpServerRequestInternal}) and hands each call handler its wrapper through a thread-local while
 * it runs; {@code BackPressureTest} fails if an upgrade changes either.
 *
 * <p>The wrapper also hands gRPC the bytes of a binary gRPC request ({@code application/grpc…}) cut
 * into whole messages ({@link WholeMessages}), which its deframer then takes without copying.
 *
 * <p>Threads: the request's event loop only.
 */
final class HttpHold extends HttpServerRequestWrapper {
  /** HBee streams one HTTP/2 connection may carry at once. */
  static final int MAX_STREAMS_PER_CONNECTION = 10_000;

  /**
   * The HTTP/2 connection window the HComb grants: every stream's default window (64 KiB) at once,
   * so that streams paused on a shared connection never stall the others (a smaller window would
   * let enough paused streams hang the window's oldest). It is not memory: a connection holds at
   * most its paused streams' windows.
   */
  static final int CONNECTION_WINDOW_BYTES = MAX_STREAMS_PER_CONNECTION * 65_535;

  /**
   * The largest HTTP/2 frame the HComb accepts: a stream's whole window (64 KiB) instead of the
   * default 16 KiB, so that a window's bytes may arrive as one DATA frame — fewer frames to decode
   * and hand over, and fewer socket writes of window updates (in a profile of 1,000 streams they
   * fell from ~23% of the event loops' time to ~14%). Netty reads a whole frame before decoding it,
   * so a connection may now buffer up to 64 KiB of one.
   */
  static final int MAX_FRAME_BYTES = 65_535;

  private static final ThreadLocal<HttpHold> HANDED = new ThreadLocal<>();
  private final long maxMessageBytes;
  private final ReceiveWindows.Stream window;
  private WholeMessages messages;
  private boolean pausedByGrpc;
  private boolean held;
  private boolean paused;

  private HttpHold(
      HttpServerRequestInternal request, long maxMessageBytes, ReceiveWindows windows) {
    super(request);
    this.maxMessageBytes = maxMessageBytes;
    this.window = windows.open(request);
    // gRPC ends every call's response; a reset stream or a closed connection closes it.
    request.response().endHandler(v -> window.close());
    request.response().closeHandler(v -> window.close());
  }

  /**
   * The HComb server's HTTP/2 settings: streams per connection, frame size and connection window as
   * above. A paused stream keeps its window's bytes unread: a connection's window must outlast many
   * paused streams, or one would stall the others on its connection.
   */
  static HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setInitialSettings(
            new Http2Settings()
                .setMaxConcurrentStreams(MAX_STREAMS_PER_CONNECTION)
                .setMaxFrameSize(MAX_FRAME_BYTES))
        .setHttp2ConnectionWindowSize(CONNECTION_WINDOW_BYTES);
  }

  /**
   * A request handler that hands {@code grpc} every request wrapped; a call handler that {@code
   * grpc} runs meanwhile finds its wrapper with {@link #handed}. {@code maxMessageBytes} is the
   * largest message {@code grpc} accepts; {@code windows} widens the streams that carry a lot.
   */
  static Handler<HttpServerRequest> wrapping(
      Handler<HttpServerRequest> grpc, long maxMessageBytes, ReceiveWindows windows) {
    return request -> {
      HttpHold wrapped =
          new HttpHold((HttpServerRequestInternal) request, maxMessageBytes, windows);
      HANDED.set(wrapped);
      try {
        grpc.handle(wrapped);
      } finally {
        HANDED.remove();
      }
    };
  }

  /**
   * How to hold the request being handed to the gRPC server on this thread ({@link #hold}); outside
   * {@link #wrapping}'s handler, a hold that does nothing.
   */
  static Consumer<Boolean> handed() {
    HttpHold handed = HANDED.get();
    return handed == null ? held -> {} : handed::hold;
  }

  /** Stops (or lets go on) reading the HTTP/2 stream, whatever gRPC's queue wants. */
  void hold(boolean hold) {
    held = hold;
    apply();
  }

  @Override
  public HttpServerRequest handler(Handler<Buffer> handler) {
    String type = delegate.getHeader(HttpHeaders.CONTENT_TYPE);
    boolean framed =
        type != null
            && type.startsWith("application/grpc")
            && !type.startsWith("application/grpc-web");
    messages = handler == null || !framed ? null : new WholeMessages(handler, maxMessageBytes);
    Handler<Buffer> target = messages != null ? messages : handler;
    delegate.handler(
        target == null
            ? null
            : bytes -> {
              window.received(bytes.length());
              target.handle(bytes);
            });
    return this;
  }

  @Override
  public HttpServerRequest endHandler(Handler<Void> handler) {
    delegate.endHandler(
        handler == null
            ? null
            : v -> {
              window.close(); // nothing more comes in: the window need not stay wide
              if (messages != null) {
                messages.flush(); // a message the stream's end cut off, for gRPC to see
              }
              handler.handle(v);
            });
    return this;
  }

  @Override
  public HttpServerRequest pause() {
    pausedByGrpc = true;
    apply();
    return this;
  }

  @Override
  public HttpServerRequest resume() {
    pausedByGrpc = false;
    apply();
    return this;
  }

  @Override
  public HttpServerRequest fetch(long amount) {
    if (amount > 0) {
      pausedByGrpc = false;
      if (held || delegate.isEnded()) {
        apply();
      } else {
        paused = false;
        delegate.fetch(amount);
      }
    }
    return this;
  }

  private void apply() {
    if (delegate.isEnded()) {
      return; // reset or read to its end: Vert.x refuses to pause or resume it (and need not)
    }
    boolean wanted = pausedByGrpc || held;
    if (wanted && !paused) {
      paused = true;
      delegate.pause();
    } else if (!wanted && paused) {
      paused = false;
      delegate.resume();
    }
  }
}
