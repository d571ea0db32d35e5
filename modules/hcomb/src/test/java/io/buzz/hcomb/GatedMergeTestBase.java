package io.buzz.hcomb;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;

/**
 * A test whose HComb merges on one thread the test can hold back ({@link GatedExecutor}): "the
 * merge falls behind", deterministically.
 */
abstract class GatedMergeTestBase extends HCombTestBase {
  protected final AtomicReference<GatedExecutor> gate = new AtomicReference<>();

  @Override
  protected HCombConfig config() {
    return super.config().withMergeThreads(1);
  }

  @Override
  protected TestHooks hooks() {
    return GatedExecutor.hooks(gate);
  }

  /** Before the base class undeploys: held merges (and the releases queued behind them) run. */
  @AfterEach
  void openTheGate() {
    gate.get().open();
  }
}
