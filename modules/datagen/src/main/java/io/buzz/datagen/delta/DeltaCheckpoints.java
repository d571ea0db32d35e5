package io.buzz.datagen.delta;

import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes a table's checkpoint with Delta Kernel's own writer (a classic single-file Parquet
 * checkpoint and {@code _last_checkpoint}), so the checkpoints Buzz reads are the ones Delta's
 * readers write, not a hand-made imitation.
 */
public final class DeltaCheckpoints {
  private DeltaCheckpoints() {}

  /** Writes the checkpoint of {@code version} of the table at {@code root}. */
  public static void write(Path root, long version) {
    Engine engine = DefaultEngine.create(new Configuration());
    try {
      Table.forPath(engine, root.toAbsolutePath().toString()).checkpoint(engine, version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint " + root + " at version " + version, e);
    }
  }
}
