package io.buzz.storage.parquet.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Bulk writes of primitive arrays into Arrow buffers: the slots asked for, and only those. */
class LittleEndianTest {
  @Test
  void longsLandInTheirSlotsLittleEndianAndTheNeighboursStay() {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBuf buf = allocator.buffer(8 * 8)) {
      buf.setZero(0, buf.capacity());
      long[] values = {0x0102030405060708L, -1L, Long.MIN_VALUE, 99L};
      LittleEndian.putLongs(buf, 3, values, 3); // the fourth value is not asked for
      assertThat(buf.getLong(16)).isZero();
      assertThat(buf.getLong(24)).isEqualTo(0x0102030405060708L);
      assertThat(buf.getByte(24)).isEqualTo((byte) 0x08);
      assertThat(buf.getLong(32)).isEqualTo(-1L);
      assertThat(buf.getLong(40)).isEqualTo(Long.MIN_VALUE);
      assertThat(buf.getLong(48)).isZero();
    }
  }

  @Test
  void intsLandInTheirSlotsLittleEndianAndTheNeighboursStay() {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBuf buf = allocator.buffer(4 * 8)) {
      buf.setZero(0, buf.capacity());
      int[] values = {0x01020304, Integer.MIN_VALUE};
      LittleEndian.putInts(buf, 6, values, 2);
      assertThat(buf.getInt(20)).isZero();
      assertThat(buf.getInt(24)).isEqualTo(0x01020304);
      assertThat(buf.getByte(24)).isEqualTo((byte) 0x04);
      assertThat(buf.getInt(28)).isEqualTo(Integer.MIN_VALUE);
    }
  }

  @Test
  void slotsPastTheBufferAreRefusedBeforeAnyWrite() {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBuf buf = allocator.buffer(8 * 4)) {
      buf.setZero(0, buf.capacity());
      long capacitySlots = buf.capacity() / 8;
      assertThatThrownBy(
              () -> LittleEndian.putLongs(buf, (int) capacitySlots - 1, new long[] {1, 2}, 2))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("outside a buffer of " + buf.capacity() + " bytes");
      assertThat(buf.getLong(buf.capacity() - 8)).isZero();
      assertThatThrownBy(() -> LittleEndian.putInts(buf, -1, new int[] {1}, 1))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> LittleEndian.putLongs(buf, 0, new long[] {7, 8}, 3))
          .isInstanceOf(IndexOutOfBoundsException.class); // more values than the array holds
      assertThat(buf.getLong(0)).isZero();
      LittleEndian.putLongs(buf, (int) capacitySlots, new long[0], 0); // nothing, at the end
    }
  }
}
