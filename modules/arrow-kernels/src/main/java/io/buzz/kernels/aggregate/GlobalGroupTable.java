package io.buzz.kernels.aggregate;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The table of a global aggregate (no GROUP BY): exactly one group, id 0, which exists before any
 * input so that SINGLE and FINAL emit one row even over no input.
 */
final class GlobalGroupTable implements GroupTable {
  @Override
  public int intern(DenseColumn[] keys, int n, int[] groupIds) {
    Arrays.fill(groupIds, 0, n, 0);
    return 1;
  }

  @Override
  public int groupCount() {
    return 1;
  }

  @Override
  public void emitKeys(
      int from, int to, List<Field> keyFields, BufferAllocator allocator, List<FieldVector> out) {}

  @Override
  public long memoryBytes() {
    return 0;
  }

  @Override
  public void release() {}
}
