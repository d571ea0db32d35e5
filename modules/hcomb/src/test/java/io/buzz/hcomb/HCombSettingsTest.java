package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HComb container's settings come from its environment; a wrong one is named. */
class HCombSettingsTest {
  @Test
  void readsTheContainersEnvironment() {
    HCombSettings settings =
        HCombSettings.from(
            Map.of(
                "BUZZ_HCOMB_HOST", "10.0.1.7",
                "BUZZ_HCOMB_PORT", "7100",
                "BUZZ_HCOMB_IDLE_SHUTDOWN", "90s",
                "BUZZ_HCOMB_METRICS_PORT", "-1",
                "BUZZ_HCOMB_QUERY_MEMORY_MB", "256"));
    assertThat(settings.hcomb().host()).isEqualTo("10.0.1.7");
    assertThat(settings.hcomb().port()).isEqualTo(7100);
    assertThat(settings.hcomb().idleShutdown()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.hcomb().queryMemoryLimitBytes()).isEqualTo(256L << 20);
    assertThat(settings.metricsPort()).isEqualTo(-1);
    HCombSettings defaults = HCombSettings.from(Map.of());
    assertThat(defaults.hcomb().host()).isEqualTo("0.0.0.0");
    assertThat(defaults.hcomb().port()).isEqualTo(7001);
  }

  @Test
  void aWrongSettingIsNamedWithItsVariable() {
    assertThatThrownBy(() -> HCombSettings.from(Map.of("BUZZ_HCOMB_IDLE_SHUTDOWN", "soon")))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("buzz.hcomb.idle.shutdown 'soon'")
        .hasMessageContaining("BUZZ_HCOMB_IDLE_SHUTDOWN");
    assertThatThrownBy(
            () ->
                HCombSettings.from(
                    Map.of("BUZZ_HCOMB_PORT", "7001", "BUZZ_HCOMB_METRICS_PORT", "7001")))
        .hasMessageContaining("must differ from buzz.hcomb.port");
  }
}
