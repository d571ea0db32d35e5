package io.buzz.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void walksOutermostFirstAndStopsAtACycle() {
    IOException inner = new IOException("inner");
    RuntimeException middle = new RuntimeException("middle", inner);
    IllegalStateException outer = new IllegalStateException("outer", middle);
    assertThat(Causes.chain(outer)).containsExactly(outer, middle, inner);
    inner.initCause(outer); // a cycle: outer → middle → inner → outer
    assertThat(Causes.chain(outer)).containsExactly(outer, middle, inner);
    assertThat(Causes.chain(null)).isEmpty();
  }

  @Test
  void aLongChainIsCut() {
    Throwable t = new RuntimeException("0");
    for (int i = 1; i < 100; i++) {
      t = new RuntimeException(Integer.toString(i), t);
    }
    assertThat(Causes.chain(t)).hasSize(Causes.MAX_DEPTH);
  }
}
