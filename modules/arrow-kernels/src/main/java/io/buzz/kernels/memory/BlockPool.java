package io.buzz.kernels.memory;

/**
 * Freed blocks of native memory kept for the next Arrow buffer of the same size, so that a process
 * that allocates and frees buffers of a few MB all day (an HComb decoding streams and emitting
 * groups, an HBee decoding row groups) touches memory it has touched before instead of new pages.
 * The C allocator hands blocks of this size back to the kernel ({@code munmap}, or a whole arena
 * heap once it is empty), and the next block's every 4 KiB page then faults and is zeroed by the
 * kernel: a third of an HComb's CPU merging 2 M groups went to those faults.
 *
 * <p>Only sizes Arrow actually asks for are kept: powers of two from {@link #MIN_BLOCK} to {@link
 * #MAX_BLOCK} (Arrow rounds a request below its 16 MiB chunk to the next power of two); the most
 * recently freed block of a size is reused first (its pages are likeliest still in cache). At most
 * {@code capacityBytes} wait in the pool; a block freed beyond that is returned to the C allocator.
 * A reused block holds what its last buffer left in it, as any {@code malloc}'d block does: Arrow
 * zeroes what must start zeroed (validity and offsets). Thread-safe.
 */
public final class BlockPool {
  /** The smallest block kept: below it the C allocator reuses memory well enough. */
  public static final long MIN_BLOCK = 64L << 10;

  /** The largest block kept. */
  public static final long MAX_BLOCK = 64L << 20;

  private static final int MIN_SHIFT = Long.numberOfTrailingZeros(MIN_BLOCK);
  private static final int CLASSES = Long.numberOfTrailingZeros(MAX_BLOCK) - MIN_SHIFT + 1;

  private final long capacityBytes;
  private final long[][] blocks = new long[CLASSES][];
  private final int[] counts = new int[CLASSES];
  private long pooledBytes;
  private long reused;

  /**
   * @param capacityBytes the most bytes of free blocks kept; 0 keeps none
   */
  public BlockPool(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes is negative: " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
    for (int c = 0; c < CLASSES; c++) {
      blocks[c] = new long[4];
    }
  }

  /** Whether blocks of {@code size} bytes are kept. */
  public static boolean keeps(long size) {
    return size >= MIN_BLOCK && size <= MAX_BLOCK && Long.bitCount(size) == 1;
  }

  /** A kept block of {@code size} bytes taken out of the pool, or 0 when there is none. */
  public synchronized long take(long size) {
    if (!keeps(size)) {
      return 0;
    }
    int c = sizeClass(size);
    if (counts[c] == 0) {
      return 0;
    }
    pooledBytes -= size;
    reused++;
    return blocks[c][--counts[c]];
  }

  /** Offers a freed block; returns whether the pool kept it (else the caller frees it). */
  public synchronized boolean give(long address, long size) {
    if (!keeps(size) || pooledBytes + size > capacityBytes) {
      return false;
    }
    int c = sizeClass(size);
    if (counts[c] == blocks[c].length) {
      blocks[c] = java.util.Arrays.copyOf(blocks[c], blocks[c].length * 2);
    }
    blocks[c][counts[c]++] = address;
    pooledBytes += size;
    return true;
  }

  /** Bytes of free blocks waiting in the pool. */
  public synchronized long pooledBytes() {
    return pooledBytes;
  }

  /** Blocks handed out again so far. */
  public synchronized long reusedBlocks() {
    return reused;
  }

  /** Takes every kept block out (the caller frees them), e.g. when the process shuts down. */
  synchronized long[] drain() {
    long[] all = new long[0];
    for (int c = 0; c < CLASSES; c++) {
      int n = counts[c];
      all = java.util.Arrays.copyOf(all, all.length + n);
      System.arraycopy(blocks[c], 0, all, all.length - n, n);
      counts[c] = 0;
    }
    pooledBytes = 0;
    return all;
  }

  private static int sizeClass(long size) {
    return Long.numberOfTrailingZeros(size) - MIN_SHIFT;
  }
}
