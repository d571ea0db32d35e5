package io.buzz.hbee.runtime;

/**
 * Settings of the HBee runtime.
 *
 * @param batchRows most rows per decoded batch
 * @param taskMemoryLimitBytes Arrow memory one task may hold (decoded batches and operator state)
 */
public record HBeeConfig(int batchRows, long taskMemoryLimitBytes) {
  public HBeeConfig {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1");
    }
    if (taskMemoryLimitBytes < 1) {
      throw new IllegalArgumentException("taskMemoryLimitBytes must be positive");
    }
  }

  public static HBeeConfig defaults() {
    return new HBeeConfig(8192, 1024L * 1024 * 1024);
  }
}
