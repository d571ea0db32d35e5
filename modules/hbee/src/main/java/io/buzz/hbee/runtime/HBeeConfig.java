package io.buzz.hbee.runtime;

/**
 * Settings of the HBee runtime.
 *
 * @param batchRows most rows per decoded batch
 * @param taskMemoryLimitBytes Arrow memory one task may hold (decoded batches and operator state)
 * @param pageIndex whether a filter may use a file's Parquet page index to skip pages (off: only
 *     row groups are skipped, on their statistics)
 */
public record HBeeConfig(int batchRows, long taskMemoryLimitBytes, boolean pageIndex) {
  public HBeeConfig {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1");
    }
    if (taskMemoryLimitBytes < 1) {
      throw new IllegalArgumentException("taskMemoryLimitBytes must be positive");
    }
  }

  /** With the page index in use. */
  public HBeeConfig(int batchRows, long taskMemoryLimitBytes) {
    this(batchRows, taskMemoryLimitBytes, true);
  }

  public static HBeeConfig defaults() {
    return new HBeeConfig(8192, 1024L * 1024 * 1024);
  }

  public HBeeConfig withPageIndex(boolean use) {
    return new HBeeConfig(batchRows, taskMemoryLimitBytes, use);
  }
}
