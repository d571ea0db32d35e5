package io.buzz.grpc;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-cuts the bytes of a gRPC request as they arrive (HTTP/2 DATA frames, 16 KiB by default) into
 * chunks of one whole message each — its 5-byte prefix and its payload — for Vert.x gRPC's
 * deframer, which then slices the payload out without copying.
 *
 * <p>Fed frame by frame, that deframer appends each frame to the first one, growing its buffer by
 * doubling: a 200 KB Arrow batch arriving as 13 frames was copied about three times over into
 * freshly zeroed arrays, the HComb's largest cost per byte after the socket itself. Here a message
 * that lies within one chunk is passed on as a slice of it (no copy), and one spread over several
 * is copied once, when its last byte arrives, into an array of exactly its size. Until then its
 * parts are only referenced: the memory a slow sender makes the receiver hold is what it sent, not
 * what its prefix claims.
 *
 * <p>A message whose payload is over {@code maxMessageBytes} is not assembled: its bytes pass
 * through as they come, so that the deframer refuses it as it would have. Bytes left at the
 * stream's end (a cut-off message) are passed on by {@link #flush}.
 *
 * <p>Threads: the request's event loop only.
 */
public final class WholeMessages implements Handler<Buffer> {
  private static final int PREFIX_BYTES = 5;

  private final Handler<Buffer> downstream;
  private final long maxMessageBytes;

  /** The parts received so far of the message being assembled. */
  private final List<Buffer> parts = new ArrayList<>();

  private int heldBytes;

  /** Prefix and payload of the message being assembled; -1 until its prefix is complete. */
  private long messageBytes = -1;

  /** Bytes of an oversized message still to pass through. */
  private long passing;

  /**
   * @param downstream the gRPC request's handler, given whole messages
   * @param maxMessageBytes the largest payload the gRPC server accepts
   */
  public WholeMessages(Handler<Buffer> downstream, long maxMessageBytes) {
    this.downstream = requireNonNull(downstream, "downstream is null");
    if (maxMessageBytes < 0) {
      throw new IllegalArgumentException("maxMessageBytes must not be negative");
    }
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void handle(Buffer chunk) {
    int position = 0;
    int length = chunk.length();
    while (position < length) {
      int available = length - position;
      if (passing > 0) {
        int n = (int) Math.min(passing, available);
        downstream.handle(chunk.slice(position, position + n));
        passing -= n;
        position += n;
      } else if (heldBytes == 0 && available >= PREFIX_BYTES) {
        long size = PREFIX_BYTES + (chunk.getInt(position + 1) & 0xFFFF_FFFFL);
        if (size - PREFIX_BYTES > maxMessageBytes) {
          passing = size;
        } else if (size <= available) {
          downstream.handle(chunk.slice(position, position + (int) size));
          position += (int) size;
        } else {
          messageBytes = size;
          hold(chunk.slice(position, length));
          position = length;
        }
      } else {
        long wanted = messageBytes < 0 ? PREFIX_BYTES - heldBytes : messageBytes - heldBytes;
        int n = (int) Math.min(wanted, available);
        hold(chunk.slice(position, position + n));
        position += n;
        if (messageBytes < 0 && heldBytes == PREFIX_BYTES) {
          messageBytes = PREFIX_BYTES + (assemble(PREFIX_BYTES).getInt(1) & 0xFFFF_FFFFL);
          if (messageBytes - PREFIX_BYTES > maxMessageBytes) {
            passing = messageBytes - heldBytes;
            flush();
            continue;
          }
        }
        if (heldBytes == messageBytes) {
          Buffer message = assemble(heldBytes);
          release();
          downstream.handle(message);
        }
      }
    }
  }

  /** Passes on what is held of a message not complete yet (the stream ended, or it is too big). */
  public void flush() {
    List<Buffer> held = List.copyOf(parts);
    release();
    held.forEach(downstream::handle);
  }

  private void hold(Buffer part) {
    parts.add(part);
    heldBytes += part.length();
  }

  private void release() {
    parts.clear();
    heldBytes = 0;
    messageBytes = -1;
  }

  /** The first {@code bytes} held, in one array of that size. */
  private Buffer assemble(int bytes) {
    byte[] whole = new byte[bytes];
    int at = 0;
    for (Buffer part : parts) {
      int n = Math.min(part.length(), bytes - at);
      part.getBytes(0, n, whole, at);
      at += n;
      if (at == bytes) {
        break;
      }
    }
    return BufferInternal.buffer(Unpooled.wrappedBuffer(whole));
  }
}
