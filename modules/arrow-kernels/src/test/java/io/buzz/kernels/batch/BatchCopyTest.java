package io.buzz.kernels.batch;

import static io.buzz.kernels.testing.TestBatches.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.operator.AllTypes;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchCopyTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void copyOfEveryTypeIsEqualAndIndependent() {
    try (BufferAllocator other = allocator.newChildAllocator("copies", 0, Long.MAX_VALUE)) {
      Batch original = AllTypes.batchWithDecimals(allocator, 133);
      Batch sliced = original.slice(7, 100, allocator);
      Batch empty = original.slice(0, 0, allocator);
      List<List<Object>> expectedOriginal = rows(original);
      org.apache.arrow.vector.types.pojo.Schema schema = original.schema();
      List<List<Object>> expectedSliced = rows(sliced);
      Batch copy = original.copy(other);
      Batch slicedCopy = sliced.copy(other);
      Batch emptyCopy = empty.copy(other);
      original.close();
      sliced.close();
      empty.close();
      assertThat(other.getAllocatedMemory()).isPositive();
      assertThat(copy.schema()).isEqualTo(schema);
      assertThat(rows(copy)).isEqualTo(expectedOriginal);
      assertThat(rows(slicedCopy)).isEqualTo(expectedSliced);
      assertThat(emptyCopy.rowCount()).isZero();
      copy.close();
      slicedCopy.close();
      emptyCopy.close();
    }
  }
}
