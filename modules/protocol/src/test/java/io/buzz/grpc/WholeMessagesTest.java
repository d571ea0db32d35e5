package io.buzz.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
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
      Buffer big = message(random, MAX + 1 + random.nextInt(50_000));
      Buffer after = message(random, random.nextInt(MAX));
      Buffer stream = Buffer.buffer().appendBuffer(big).appendBuffer(after);
      List<Buffer> out = new ArrayList<>();
      WholeMessages framer = new WholeMessages(out::add, MAX);
      chunks(random, stream).forEach(framer::handle);
      framer.flush();

      Buffer passed = Buffer.buffer();
      out.subList(0, out.size() - 1).forEach(passed::appendBuffer);
      assertThat(passed).as("seed %d", seed).isEqualTo(big);
      assertThat(out.get(out.size() - 1)).as("seed %d", seed).isEqualTo(after);
    }
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
