package io.buzz.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.buzz.protocol.flight.FlightData;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.WireFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AliasingDecoderTest {
  private static final AliasingDecoder<FlightData> DECODER =
      new AliasingDecoder<>(FlightData.parser());

  private static FlightData message() {
    byte[] body = new byte[4096];
    Arrays.fill(body, (byte) 7);
    return FlightData.newBuilder()
        .setDataHeader(ByteString.copyFromUtf8("header"))
        .setDataBody(ByteString.copyFrom(body))
        .build();
  }

  private static FlightData decode(Buffer payload) {
    return DECODER.decode(GrpcMessage.message("identity", WireFormat.PROTOBUF, payload));
  }

  @Test
  void aHeapPayloadsBytesFieldsShareItsArray() {
    byte[] encoded = message().toByteArray();
    byte[] framed = new byte[encoded.length + 10]; // the payload sits inside a larger array
    System.arraycopy(encoded, 0, framed, 5, encoded.length);
    Buffer payload = BufferInternal.buffer(Unpooled.wrappedBuffer(framed, 5, encoded.length));

    FlightData decoded = decode(payload);
    assertThat(decoded).isEqualTo(message());

    // The body was not copied: a change to the payload's array shows through the decoded field.
    int bodyEnd = 5 + encoded.length;
    framed[bodyEnd - 1] = 42;
    assertThat(decoded.getDataBody().byteAt(decoded.getDataBody().size() - 1)).isEqualTo((byte) 42);
  }

  @Test
  void aDirectPayloadIsCopied() {
    byte[] encoded = message().toByteArray();
    Buffer payload =
        BufferInternal.buffer(Unpooled.directBuffer(encoded.length).writeBytes(encoded));

    FlightData decoded = decode(payload);
    assertThat(decoded).isEqualTo(message());

    ((BufferInternal) payload).getByteBuf().setByte(encoded.length - 1, 42);
    assertThat(decoded.getDataBody().byteAt(decoded.getDataBody().size() - 1)).isEqualTo((byte) 7);
  }

  @Test
  void aPayloadTakingLittleOfItsArrayIsCopiedSoItDoesNotPinTheRest() {
    byte[] encoded = message().toByteArray();
    byte[] frame = new byte[3 * encoded.length]; // a small message cut out of a larger frame
    System.arraycopy(encoded, 0, frame, 0, encoded.length);
    Buffer payload = BufferInternal.buffer(Unpooled.wrappedBuffer(frame, 0, encoded.length));

    FlightData decoded = decode(payload);
    assertThat(decoded).isEqualTo(message());

    frame[encoded.length - 1] = 42;
    assertThat(decoded.getDataBody().byteAt(decoded.getDataBody().size() - 1)).isEqualTo((byte) 7);
  }
}
