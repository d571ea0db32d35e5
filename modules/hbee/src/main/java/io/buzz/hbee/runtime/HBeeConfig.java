package io.buzz.hbee.runtime;

/**
 * Settings of the HBee runtime.
 *
 * @param batchRows most rows per decoded batch
 * @param taskMemoryLimitBytes Arrow memory one task may hold (decoded batches and operator state)
 * @param footerCacheBytes footer bytes a warm HBee keeps across tasks ({@code FooterCache}); 0
 *     turns the cache off
 */
public record HBeeConfig(int batchRows, long taskMemoryLimitBytes, long footerCacheBytes) {
  /** The default footer cache: 32 MiB of footers, a few hundred wide files. */
  public static final long DEFAULT_FOOTER_CACHE_BYTES = 32L << 20;

  public HBeeConfig(int batchRows, long taskMemoryLimitBytes) {
    this(batchRows, taskMemoryLimitBytes, DEFAULT_FOOTER_CACHE_BYTES);
  }

  public HBeeConfig {
    if (footerCacheBytes < 0) {
      throw new IllegalArgumentException("footerCacheBytes must not be negative");
    }
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
