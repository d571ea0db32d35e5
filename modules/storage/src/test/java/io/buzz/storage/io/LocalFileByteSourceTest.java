package io.buzz.storage.io;

import static io.buzz.storage.io.Await.await;
import static io.buzz.storage.io.Await.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileByteSourceTest {
  static Vertx vertx;
  @TempDir Path dir;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  private byte[] content() {
    byte[] bytes = new byte[10_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  @Test
  void readsRangesListsAndTails() throws Exception {
    byte[] content = content();
    Path file = Files.write(dir.resolve("f.bin"), content);
    try (ByteSource source =
        new ByteSources(vertx, null, S3ReadOptions.DEFAULTS).open(file.toUri().toString())) {
      assertThat(source).isInstanceOf(LocalFileByteSource.class);
      assertThat(await(source.length())).isEqualTo(10_000L);
      assertThat(bytes(await(source.read(100, 50))))
          .isEqualTo(Arrays.copyOfRange(content, 100, 150));
      List<ByteBuffer> buffers =
          await(
              source.read(
                  List.of(new ByteRange(9_000, 1_000), new ByteRange(0, 3), new ByteRange(5, 0))));
      assertThat(bytes(buffers.get(0))).isEqualTo(Arrays.copyOfRange(content, 9_000, 10_000));
      assertThat(bytes(buffers.get(1))).isEqualTo(Arrays.copyOfRange(content, 0, 3));
      assertThat(buffers.get(2).remaining()).isZero();
      assertThat(bytes(await(source.readTail(10))))
          .isEqualTo(Arrays.copyOfRange(content, 9_990, 10_000));
      assertThat(bytes(await(source.readTail(1 << 20)))).isEqualTo(content);
      assertThat(source.stats().requests()).isEqualTo(6);
      assertThat(source.stats().bytesFetched()).isEqualTo(50 + 1_000 + 3 + 10 + 10_000);
    }
  }

  @Test
  void reportsMissingFilesAndReadsPastTheEnd() throws Exception {
    Path missing = dir.resolve("missing.parquet");
    try (ByteSource source = LocalFileByteSource.forUri(vertx, missing.toUri().toString())) {
      assertThatThrownBy(() -> await(source.readTail(8)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
          .hasMessageContaining(missing.toUri().toString());
    }
    Path file = Files.write(dir.resolve("small.bin"), new byte[100]);
    try (ByteSource source = LocalFileByteSource.forUri(vertx, file.toUri().toString())) {
      assertThatThrownBy(() -> await(source.read(90, 20)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
          .hasMessageContaining("[90, 110)")
          .hasMessageContaining("100 bytes");
    }
  }

  @Test
  void picksSourcesByScheme() {
    ByteSources sources = new ByteSources(vertx, null, S3ReadOptions.DEFAULTS);

    assertThatThrownBy(() -> sources.open("s3://bucket/key"))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("no S3 client");
    assertThatThrownBy(() -> sources.open("gs://bucket/key"))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
    assertThatThrownBy(() -> S3Location.parse("s3://bucket-only"))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY));
    assertThat(S3Location.parse("s3://b/dir/a b.parquet"))
        .isEqualTo(new S3Location("b", "dir/a b.parquet"));
  }
}
