package io.buzz.kernels.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.ColumnType;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The validity helpers write the AND of their inputs' bitmaps bit for bit and report NULLs exactly:
 * row counts on and off word boundaries, a NULL only in the last partial word, no NULL at all.
 */
class VectorsValidityTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  @Test
  void copyAndAndMatchTheBitsAndReportNulls() {
    Random random = new Random(11);
    for (int rows : new int[] {1, 63, 64, 65, 130, 1000}) {
      for (int nullRow : new int[] {-1, 0, rows - 1, rows / 2}) {
        try (BigIntVector a = vector(rows, nullRow, random, false);
            BigIntVector b = vector(rows, -1, random, true);
            FieldVector copied = Vectors.allocate(ColumnType.INT64, rows, allocator);
            FieldVector anded = Vectors.allocate(ColumnType.INT64, rows, allocator);
            FieldVector all = Vectors.allocate(ColumnType.INT64, rows, allocator)) {
          boolean aNulls = nullRow >= 0;
          boolean bNulls = b.getNullCount() > 0;
          assertThat(Vectors.copyValidity(copied, a, rows)).isEqualTo(aNulls);
          assertThat(Vectors.andValidity(anded, a, b, rows)).isEqualTo(aNulls || bNulls);
          assertThat(Vectors.andValidity(all, new FieldVector[] {a, b, a}, rows))
              .isEqualTo(aNulls || bNulls);
          for (int r = 0; r < rows; r++) {
            boolean valid = !a.isNull(r);
            assertThat(Vectors.bit(copied.getValidityBuffer(), r)).isEqualTo(valid);
            boolean both = valid && !b.isNull(r);
            assertThat(Vectors.bit(anded.getValidityBuffer(), r)).isEqualTo(both);
            assertThat(Vectors.bit(all.getValidityBuffer(), r)).isEqualTo(both);
          }
        }
      }
    }
  }

  /** A vector with one NULL at {@code nullRow} (none when negative), or random NULLs. */
  private BigIntVector vector(int rows, int nullRow, Random random, boolean randomNulls) {
    BigIntVector vector = new BigIntVector("v", allocator);
    vector.allocateNew(rows);
    for (int r = 0; r < rows; r++) {
      boolean isNull = randomNulls ? random.nextInt(5) == 0 : r == nullRow;
      if (isNull) {
        vector.setNull(r);
      } else {
        vector.set(r, r);
      }
    }
    vector.setValueCount(rows);
    return vector;
  }
}
