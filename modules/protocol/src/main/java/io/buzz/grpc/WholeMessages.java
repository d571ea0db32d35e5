package io.buzz.grpc;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-cuts the bytes of a gRPC request as they arrive (HTTP/2 DATA frames) into chunks of one whole
 * message each — its 5-byte prefix and its payload — for Vert.x gRPC's deframer, which then slices
 * the payload out without copying.
 *
 * <p>Fed frame by frame, that deframer appends each frame to the first one, growing its buffer by
 * doubling: a 200 KB Arrow batch arriving as 13 frames was copied once per frame and once or twice
 * more as the buffer grew, into freshly zeroed arrays — the HComb's largest cost per byte after the
 * socket itself. Here a message that lies within one chunk is passed on as a slice of it (no copy),
 * and one spread over several is copied once, when its last byte arrives, into an array of exactly
 * its size. Until then its parts are referenced, parts under {@value #SMALL_PART_BYTES} bytes
 * copied together, so what a sender makes the receiver hold is about what it sent, not what its
 * prefix claims, however small its frames.
 *
 * <p>A message whose payload is over {@code maxMessageBytes} is not assembled: its bytes pass
 * through as they come, so that the deframer refuses it as it would have. {@link #flush} passes on
 * the bytes of a message not complete yet, as they would have reached the deframer.
 *
 * <p>Threads: the request's event loop only.
 */
public final class WholeMessages implements Handler<Buffer> {
  private static final int PREFIX_BYTES = 5;

  /** Parts smaller than this are copied into one staging buffer rather than each referenced. */
  static final int SMALL_PART_BYTES = 4096;

  private final Handler<Buffer> downstream;
  private final long maxMessageBytes;

  /** The parts received so far of the message being assembled. */
  private final List<Buffer> parts = new ArrayList<>();

  /** The last of {@link #parts} when it gathers small parts, else null. */
  private Buffer staging;

  private int heldBytes;

  /** Prefix and payload of the message being assembled; -1 until its prefix is complete. */
  private long messageBytes = -1;

  /** Bytes of an oversized message still to pass through. */
  private long passing;

  /**
   * @param downstream the gRPC request's handler, given whole messages
   * @param maxMessageBytes the largest payload the gRPC server accepts (a message must fit an
   *     array)
   */
  public WholeMessages(Handler<Buffer> downstream, long maxMessageBytes) {
    this.downstream = requireNonNull(downstream, "downstream is null");
    if (maxMessageBytes < 0 || maxMessageBytes > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException(
          "maxMessageBytes must be in [0, "
              + (Integer.MAX_VALUE - 64)
              + "], got "
              + maxMessageBytes);
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

  /**
   * Passes on what is held of a message not complete yet (the stream ended, or it is too big). At
   * the stream's end that changes nothing for gRPC: its deframer drops a cut-off message, as it did
   * fed frame by frame.
   */
  public void flush() {
    List<Buffer> held = List.copyOf(parts);
    release();
    held.forEach(downstream::handle);
  }

  private void hold(Buffer part) {
    if (part.length() < SMALL_PART_BYTES) {
      if (staging == null) {
        staging = Buffer.buffer(SMALL_PART_BYTES);
        parts.add(staging);
      }
      staging.appendBuffer(part);
    } else {
      staging = null;
      parts.add(part);
    }
    heldBytes += part.length();
  }

  private void release() {
    parts.clear();
    staging = null;
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
