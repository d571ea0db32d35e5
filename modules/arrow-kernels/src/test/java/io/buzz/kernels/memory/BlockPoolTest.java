package io.buzz.kernels.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/** Freed Arrow blocks of the kept sizes come back for the next buffer, within the pool's bytes. */
class BlockPoolTest {
  @Test
  void aFreedBlockOfAKeptSizeServesTheNextBufferOfThatSize() {
    BlockPool pool = new BlockPool(8L << 20);
    try (BufferAllocator allocator = Allocators.root(pool, Long.MAX_VALUE)) {
      long first;
      try (ArrowBuf buffer = allocator.buffer(1 << 20)) {
        first = buffer.memoryAddress();
        buffer.setLong(0, 42);
      }
      assertThat(pool.pooledBytes()).isEqualTo(1 << 20);
      try (ArrowBuf again = allocator.buffer(1 << 20)) {
        assertThat(again.memoryAddress()).isEqualTo(first);
        assertThat(pool.reusedBlocks()).isEqualTo(1);
        assertThat(pool.pooledBytes()).isZero();
      }
      // Arrow rounds 700,000 bytes up to 1 MiB: the same block again
      try (ArrowBuf rounded = allocator.buffer(700_000)) {
        assertThat(rounded.memoryAddress()).isEqualTo(first);
      }
    } finally {
      free(pool);
    }
  }

  @Test
  void keepsOnlyPowersOfTwoInItsRangeAndNoMoreThanItsCapacity() {
    assertThat(BlockPool.keeps(BlockPool.MIN_BLOCK)).isTrue();
    assertThat(BlockPool.keeps(BlockPool.MAX_BLOCK)).isTrue();
    assertThat(BlockPool.keeps(BlockPool.MIN_BLOCK / 2)).isFalse();
    assertThat(BlockPool.keeps(BlockPool.MAX_BLOCK * 2)).isFalse();
    assertThat(BlockPool.keeps(48L << 20)).isFalse();
    BlockPool pool = new BlockPool(3L << 20);
    try (BufferAllocator allocator = Allocators.root(pool, Long.MAX_VALUE)) {
      ArrowBuf a = allocator.buffer(1 << 20);
      ArrowBuf b = allocator.buffer(1 << 20);
      ArrowBuf c = allocator.buffer(2 << 20);
      ArrowBuf small = allocator.buffer(1024);
      a.close();
      b.close();
      c.close(); // 2 MiB more would exceed 3 MiB: freed, not kept
      small.close();
      assertThat(pool.pooledBytes()).isEqualTo(2L << 20);
    } finally {
      free(pool);
    }
  }

  @Test
  void vectorsOnReusedBlocksStartEmptyAndNull() {
    BlockPool pool = new BlockPool(64L << 20);
    try (BufferAllocator allocator = Allocators.root(pool, Long.MAX_VALUE)) {
      for (int round = 0; round < 2; round++) {
        try (VarCharVector vector = new VarCharVector("v", allocator)) {
          vector.allocateNew(1 << 20, 100_000);
          if (round == 0) {
            for (int i = 0; i < 100_000; i++) {
              vector.setSafe(i, ("value-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
          } else {
            assertThat(pool.reusedBlocks()).isPositive();
            for (int i = 0; i < 100_000; i++) {
              assertThat(vector.isNull(i)).isTrue();
              assertThat(vector.getStartOffset(i)).isZero();
            }
          }
        }
      }
    } finally {
      free(pool);
    }
  }

  private static void free(BlockPool pool) {
    for (long address : pool.drain()) {
      MemoryUtil.freeMemory(address);
    }
  }
}
