package io.buzz.storage.parquet.column;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/** Vector buffers for readers that overwrite every byte they read back. */
final class UnzeroedBuffers {
  private UnzeroedBuffers() {}

  /**
   * Gives a fixed-width {@code vector} buffers for {@code rows} values without zeroing them, as
   * Arrow's {@code allocateNew} does (a tenth of a scan's time for a batch of longs): for readers
   * whose {@code decodeValues} and {@code gather} write every row's value, null rows included;
   * {@code readBatch} writes the whole validity bitmap.
   */
  static void allocate(BaseFixedWidthVector vector, int rows) {
    if (rows < 2) {
      vector.allocateNew(rows);
      return;
    }
    BufferAllocator allocator = vector.getAllocator();
    try (ArrowBuf validity = allocator.buffer((rows + 7) >>> 3);
        ArrowBuf data = allocator.buffer((long) rows * vector.getTypeWidth())) {
      // Arrow keeps the bitmap given (a null count of 0 or rows could make it allocate and fill
      // one); the vector holds its own references to both buffers. Bytes past the rows (the
      // allocator rounds up) stay unset: nothing reads beyond the value count.
      vector.loadFieldBuffers(new ArrowFieldNode(rows, 1), List.of(validity, data));
    }
  }
}
