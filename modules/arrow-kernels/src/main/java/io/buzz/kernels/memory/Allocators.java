package io.buzz.kernels.memory;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.BuzzRootAllocators;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The root Arrow allocators of Buzz's processes (HBee, HComb, Fuse, the local stack): native memory
 * from the C allocator as Arrow's own unsafe allocation manager gets it, with freed blocks of the
 * common sizes kept for reuse in one pool per process ({@link BlockPool}: an eighth of the maximum
 * heap, at most {@value #MAX_DEFAULT_POOL_MB} MiB, unless the system property {@value
 * #POOL_MB_PROPERTY} gives its MiB; 0 turns it off). The process's memory (a Lambda function's, an
 * HComb task's) leaves room for it beside the heap.
 *
 * <p>Measured on the wide table (`--no-duckdb`, 2 warm-up and 6 timed runs each, one process): pool
 * off / on, medians: title_groups 1,108 / 636 ms, wide_agg 960 / 552 ms, distinct_high 1,440 /
 * 1,193 ms; the process's CPU 73.6 / 55.4 s — the pages of a fresh block each fault and are zeroed
 * by the kernel, a third of an HComb's CPU merging 2 M groups before.
 */
public final class Allocators {
  /** System property: MiB of freed Arrow blocks a process keeps for reuse. */
  public static final String POOL_MB_PROPERTY = "buzz.arrow.pool.mb";

  /** The pool's bytes unless {@value #POOL_MB_PROPERTY} is set: an eighth of the heap's maximum. */
  public static final long MAX_DEFAULT_POOL_MB = 512;

  private static final BlockPool POOL = new BlockPool(poolBytes());

  private Allocators() {}

  private static long poolBytes() {
    Long configured = Long.getLong(POOL_MB_PROPERTY);
    if (configured != null) {
      return Math.max(0, configured) << 20;
    }
    return Math.min(MAX_DEFAULT_POOL_MB << 20, Runtime.getRuntime().maxMemory() / 8);
  }

  /** A root allocator drawing on the process's pool, without a limit of its own. */
  public static RootAllocator root() {
    return root(POOL, Long.MAX_VALUE);
  }

  /** A root allocator of at most {@code limitBytes} drawing on {@code pool}. */
  public static RootAllocator root(BlockPool pool, long limitBytes) {
    return BuzzRootAllocators.withFactory(factory(pool), limitBytes);
  }

  /** The process's pool, for its figures. */
  public static BlockPool pool() {
    return POOL;
  }

  static AllocationManager.Factory factory(BlockPool pool) {
    return new AllocationManager.Factory() {
      @Override
      public AllocationManager create(BufferAllocator accountingAllocator, long size) {
        return new PooledAllocationManager(accountingAllocator, size, pool);
      }

      @Override
      public ArrowBuf empty() {
        return UnsafeAllocationManager.FACTORY.empty();
      }
    };
  }

  /** One block of native memory, from the pool when it has one of the size. */
  private static final class PooledAllocationManager extends AllocationManager {
    private final BlockPool pool;
    private final long address;
    private final long size;

    PooledAllocationManager(BufferAllocator accountingAllocator, long size, BlockPool pool) {
      super(accountingAllocator);
      long kept = pool.take(size);
      this.address = kept != 0 ? kept : MemoryUtil.allocateMemory(size);
      this.size = size;
      this.pool = pool;
    }

    @Override
    public long getSize() {
      return size;
    }

    @Override
    protected long memoryAddress() {
      return address;
    }

    @Override
    protected void release0() {
      if (!pool.give(address, size)) {
        MemoryUtil.freeMemory(address);
      }
    }
  }
}
