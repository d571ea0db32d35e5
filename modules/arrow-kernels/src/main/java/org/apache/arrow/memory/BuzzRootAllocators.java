package org.apache.arrow.memory;

/**
 * Buzz's only class in Arrow's package: Arrow Java takes a custom {@link AllocationManager.Factory}
 * only through its package-private allocator configuration, so {@code
 * io.buzz.kernels.memory.Allocators} builds its root allocators here. Runs on the class path (the
 * package is split between Arrow's jar and Buzz's), as every Buzz process does.
 */
public final class BuzzRootAllocators {
  private BuzzRootAllocators() {}

  /** A root allocator of at most {@code limitBytes} whose memory comes from {@code factory}. */
  public static RootAllocator withFactory(AllocationManager.Factory factory, long limitBytes) {
    return new RootAllocator(
        BaseAllocator.configBuilder()
            .allocationManagerFactory(factory)
            .maxAllocation(limitBytes)
            .build());
  }
}
