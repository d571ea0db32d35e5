package io.buzz.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.common.WireFormat;
import io.vertx.grpc.common.impl.Http2GrpcMessageDeframer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WholeMessagesTest {
  private static final int MAX = 40_000;

  /** A gRPC message: its prefix (uncompressed, the payload's length) and a payload of {@code n}. */
  private static Buffer message(Random random, int n) {
    byte[] payload = new byte[n];
    random.nextBytes(payload);
    return Buffer.buffer().appendByte((byte) 0).appendInt(n).appendBytes(payload);
  }

  /** Cuts {@code stream} at random places, from single bytes to a few frames' worth. */
  private static List<Buffer> chunks(Random random, Buffer stream) {
    List<Buffer> chunks = new ArrayList<>();
    int at = 0;
    while (at < stream.length()) {
      int n = Math.min(stream.length() - at, random.nextInt(4) == 0 ? 1 : random.nextInt(70_000));
      n = Math.max(1, n);
      chunks.add(stream.getBuffer(at, at + n)); // a copy of its own, as Vert.x hands frames over
      at += n;
    }
    return chunks;
  }

  @Test
  void everyChunkPassedOnIsOneWholeMessageAndNothingIsLost() {
    for (long seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      List<Buffer> messages = new ArrayList<>();
      Buffer stream = Buffer.buffer();
      for (int i = random.nextInt(12); i >= 0; i--) {
        Buffer m =
            message(random, random.nextInt(3) == 0 ? random.nextInt(8) : random.nextInt(MAX));
        messages.add(m);
        stream.appendBuffer(m);
      }
      List<Buffer> out = new ArrayList<>();
      WholeMessages framer = new WholeMessages(out::add, MAX);
      chunks(random, stream).forEach(framer::handle);
      framer.flush();
      assertThat(out).as("seed %d", seed).isEqualTo(messages);
    }
  }

  @Test
  void aMessageWithinOneChunkIsPassedOnWithoutACopy() {
    Random random = new Random(1);
    Buffer first = message(random, 1_000);
    Buffer second = message(random, 2_000);
    Buffer chunk = Buffer.buffer().appendBuffer(first).appendBuffer(second);
    List<Buffer> out = new ArrayList<>();
    new WholeMessages(out::add, MAX).handle(chunk);

    assertThat(out).containsExactly(first, second);
    byte[] array = ((BufferInternal) chunk).getByteBuf().array();
    assertThat(out)
        .allSatisfy(m -> assertThat(((BufferInternal) m).getByteBuf().array()).isSameAs(array));
  }

  @Test
  void anOversizedMessagePassesThroughAsItComesAndTheNextIsFramedAgain() {
    for (long seed = 0; seed < 50; seed++) {
      Random random = new Random(seed);
      int oversized = MAX + 1 + (seed % 2 == 0 ? 0 : random.nextInt(50_000));
      Buffer big = message(random, oversized);
      Buffer after = message(random, seed % 3 == 0 ? MAX : random.nextInt(MAX));
      List<Buffer> out = new ArrayList<>();
      WholeMessages framer = new WholeMessages(out::add, MAX);
      // Its prefix and a little of it: passed on at once, not held until it is whole.
      framer.handle(big.getBuffer(0, 3));
      framer.handle(big.getBuffer(3, 100));
      assertThat(out).as("seed %d", seed).isNotEmpty();
      chunks(random, big.getBuffer(100, big.length()).appendBuffer(after)).forEach(framer::handle);
      framer.flush();

      Buffer passed = Buffer.buffer();
      out.subList(0, out.size() - 1).forEach(passed::appendBuffer);
      assertThat(passed).as("seed %d", seed).isEqualTo(big);
      assertThat(out.get(out.size() - 1)).as("seed %d", seed).isEqualTo(after);
    }
  }

  @Test
  void vertxGrpcDeframerFedThroughItSeesEveryMessageAndRefusesTheOversizedOne() {
    Random random = new Random(3);
    List<Buffer> messages =
        List.of(
            message(random, 10),
            message(random, MAX),
            message(random, MAX + 1),
            message(random, 0),
            message(random, 30_000));
    Buffer stream = Buffer.buffer();
    messages.forEach(stream::appendBuffer);
    Http2GrpcMessageDeframer deframer = new Http2GrpcMessageDeframer(null, WireFormat.PROTOBUF);
    deframer.maxMessageSize(MAX);
    List<Object> decoded = new ArrayList<>();
    WholeMessages framer =
        new WholeMessages(
            chunk -> {
              deframer.update(chunk);
              for (Object next = deframer.next(); next != null; next = deframer.next()) {
                decoded.add(next);
              }
            },
            MAX);
    chunks(random, stream).forEach(framer::handle);

    assertThat(decoded).hasSize(5);
    assertThat(decoded.get(2)).isInstanceOf(MessageSizeOverflowException.class);
    for (int i : new int[] {0, 1, 3, 4}) {
      assertThat(((GrpcMessage) decoded.get(i)).payload())
          .isEqualTo(messages.get(i).getBuffer(5, messages.get(i).length()));
    }
  }

  @Test
  void aMessageInSingleByteFramesArrivesWhole() {
    Random random = new Random(4);
    Buffer m = message(random, 20_000);
    List<Buffer> out = new ArrayList<>();
    WholeMessages framer = new WholeMessages(out::add, MAX);
    for (int i = 0; i < m.length(); i++) {
      framer.handle(m.getBuffer(i, i + 1));
    }
    assertThat(out).containsExactly(m);
  }

  @Test
  void aMessageCutOffByTheStreamsEndIsPassedOnByFlush() {
    Random random = new Random(2);
    Buffer whole = message(random, 5_000);
    Buffer cut = whole.getBuffer(0, 3_000);
    List<Buffer> out = new ArrayList<>();
    WholeMessages framer = new WholeMessages(out::add, MAX);
    framer.handle(cut.getBuffer(0, 3));
    framer.handle(cut.getBuffer(3, 3_000));
    assertThat(out).isEmpty();

    framer.flush();
    Buffer passed = Buffer.buffer();
    out.forEach(passed::appendBuffer);
    assertThat(passed).isEqualTo(cut);
  }
}
