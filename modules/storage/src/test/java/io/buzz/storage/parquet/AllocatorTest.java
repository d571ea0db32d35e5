package io.buzz.storage.parquet;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A base for tests that decode: a fresh allocator per test, closed after it, so a leak fails. */
abstract class AllocatorTest {
  protected BufferAllocator allocator;

  @BeforeEach
  final void createAllocator() {
    allocator = new RootAllocator();
  }

  @AfterEach
  final void closeAllocator() {
    allocator.close();
  }
}
