package io.buzz.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.grpc.common.CodecException;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.WireFormat;

/**
 * A protobuf decoder for gRPC messages whose {@code bytes} fields share the received payload
 * instead of copying it. The stock decoder copies a message twice (the payload into an array, then
 * each {@code bytes} field out of it); for Arrow batches of megabytes that is most of what the
 * HComb does per byte received.
 *
 * <p>Safe because Vert.x hands a gRPC payload over in a heap buffer of its own (copied out of
 * Netty's pooled buffers as the bytes arrive) that nothing writes or reuses afterwards; the decoded
 * message keeps it alive for as long as its fields are in use. A payload in any other kind of
 * buffer, or taking less than half of its array, is copied, as the stock decoder does.
 *
 * <p>Protobuf aliases only an input it was told is immutable, which {@code
 * CodedInputStream.newInstance(byte[], …)} never says: the input is read through a {@code
 * ByteString} wrapping the payload's array, whose coded input does.
 */
public final class AliasingDecoder<T extends MessageLite> implements GrpcMessageDecoder<T> {
  private final Parser<T> parser;

  public AliasingDecoder(Parser<T> parser) {
    this.parser = requireNonNull(parser, "parser is null");
  }

  @Override
  public T decode(GrpcMessage message) throws CodecException {
    try {
      return parser.parseFrom(input(message.payload()));
    } catch (InvalidProtocolBufferException e) {
      throw new CodecException(e);
    }
  }

  private static CodedInputStream input(Buffer payload) {
    if (payload instanceof BufferInternal internal) {
      ByteBuf bytes = internal.getByteBuf();
      // A payload sharing a larger array (a small message cut out of a received frame) is copied:
      // kept alive by its message, the array would hold memory that nothing counts.
      if (bytes.hasArray() && 2L * bytes.readableBytes() >= bytes.array().length) {
        CodedInputStream in =
            UnsafeByteOperations.unsafeWrap(
                    bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes())
                .newCodedInput();
        in.enableAliasing(true);
        return in;
      }
    }
    return CodedInputStream.newInstance(payload.getBytes());
  }

  @Override
  public boolean accepts(WireFormat format) {
    return format == WireFormat.PROTOBUF;
  }
}
