package io.buzz.hbee.runtime;

/**
 * Settings of the HBee runtime.
 *
 * @param batchRows most rows per decoded batch
 * @param taskMemoryLimitBytes Arrow memory one task may hold (decoded batches and operator state)
 * @param pageIndex whether a filter may use a file's Parquet page index to skip pages (off: only
 *     row groups are skipped, on their statistics)
 * @param footerCacheBytes footer bytes a warm HBee keeps across tasks ({@code FooterCache}); 0
 *     turns the cache off
 */
public record HBeeConfig(
    int batchRows, long taskMemoryLimitBytes, boolean pageIndex, long footerCacheBytes) {
  /** The default footer cache: 32 MiB of footers, a few hundred wide files. */
  public static final long DEFAULT_FOOTER_CACHE_BYTES = 32L << 20;

  public HBeeConfig {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1");
    }
    if (taskMemoryLimitBytes < 1) {
      throw new IllegalArgumentException("taskMemoryLimitBytes must be positive");
    }
    if (footerCacheBytes < 0) {
      throw new IllegalArgumentException("footerCacheBytes must not be negative");
    }
  }

  /** With the page index in use and the default footer cache. */
  public HBeeConfig(int batchRows, long taskMemoryLimitBytes) {
    this(batchRows, taskMemoryLimitBytes, true, DEFAULT_FOOTER_CACHE_BYTES);
  }

  public static HBeeConfig defaults() {
    return new HBeeConfig(8192, 1024L * 1024 * 1024);
  }

  public HBeeConfig withPageIndex(boolean use) {
    return new HBeeConfig(batchRows, taskMemoryLimitBytes, use, footerCacheBytes);
  }
}
