package io.buzz.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3LatencyModelTest {
  @Test
  void offAndRealisticPresets() {
    assertThat(S3LatencyModel.parse("off").isOff()).isTrue();
    assertThat(S3LatencyModel.parse(" Realistic ")).isEqualTo(S3LatencyModel.realistic(1));
    assertThat(S3LatencyModel.realistic(1).describe())
        .contains("first byte 20-60 ms", "1.0% of requests 10x slower", "90 MB/s", "5500 GET/HEAD");
    assertThat(S3LatencyModel.off().describe()).isEqualTo("off");
  }

  @Test
  void everyPartCanBeSet() {
    S3LatencyModel m =
        S3LatencyModel.parse(
            "realistic,first-byte=5-15,tail=0.05x4,bandwidth=10,rate=100,write-rate=50,seed=42");
    assertThat(m).isEqualTo(new S3LatencyModel(5, 15, 0.05, 4, 10e6, 100, 50, 42));
    assertThat(S3LatencyModel.parse("realistic,rate=0").readsPerSecond()).isZero();
  }

  @Test
  void badSpecsNameThePart() {
    assertThatThrownBy(() -> S3LatencyModel.parse("fast"))
        .hasMessageContaining("S3 latency 'fast'")
        .hasMessageContaining("expected off, realistic");
    assertThatThrownBy(() -> S3LatencyModel.parse("realistic,first-byte=60"))
        .hasMessageContaining("'first-byte=60'")
        .hasMessageContaining("LOW-HIGH");
    assertThatThrownBy(() -> S3LatencyModel.parse("realistic,bandwidth=lots"))
        .hasMessageContaining("'lots' is not a number");
    assertThatThrownBy(() -> S3LatencyModel.parse("realistic,speed=3"))
        .hasMessageContaining("'speed=3': unknown key");
    assertThatThrownBy(() -> S3LatencyModel.parse("realistic,seed"))
        .hasMessageContaining("'seed': not key=value");
    assertThatThrownBy(() -> S3LatencyModel.parse("realistic,first-byte=60-20"))
        .hasMessageContaining("first-byte high must be at least its low");
    assertThatThrownBy(() -> S3LatencyModel.parse("realistic,tail=2x10"))
        .hasMessageContaining("tail probability must be in [0, 1]");
  }
}
