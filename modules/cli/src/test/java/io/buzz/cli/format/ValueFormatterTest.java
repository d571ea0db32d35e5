package io.buzz.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueFormatterTest {
  @Test
  void bytesPrintAsDuckDbPrintsABlob() {
    assertThat(ValueFormatter.formatBytes(new byte[0])).isEmpty();
    assertThat(
            ValueFormatter.formatBytes("ab ~".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo("ab ~");
    assertThat(ValueFormatter.formatBytes(new byte[] {0, 0x1f, (byte) 0xff, '\\', 0x7f, 'x'}))
        .isEqualTo("\\x00\\x1F\\xFF\\x5C\\x7Fx");
  }
}
