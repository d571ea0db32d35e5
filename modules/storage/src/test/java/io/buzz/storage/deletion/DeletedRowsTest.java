package io.buzz.storage.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.batch.Selection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** Delta's RoaringBitmapArray formats, the stored framing and the questions a scan asks. */
class DeletedRowsTest {
  /** Portable format, as Delta's spec writes it. */
  static byte[] portable(long... rows) {
    TreeMap<Integer, RoaringBitmap> byKey = bitmaps(rows);
    int size = 12;
    for (RoaringBitmap bitmap : byKey.values()) {
      size += 4 + bitmap.serializedSizeInBytes();
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(DeletedRows.PORTABLE).putLong(byKey.size());
    byKey.forEach(
        (key, bitmap) -> {
          out.putInt(key);
          bitmap.serialize(out);
        });
    return out.array();
  }

  /** Native format: a 32-bit count, then each bitmap's size and bytes (keys 0, 1, ...). */
  static byte[] nativeFormat(long... rows) {
    TreeMap<Integer, RoaringBitmap> byKey = bitmaps(rows);
    int count = byKey.isEmpty() ? 0 : byKey.lastKey() + 1;
    RoaringBitmap[] all = new RoaringBitmap[count];
    int size = 8;
    for (int k = 0; k < count; k++) {
      all[k] = byKey.getOrDefault(k, new RoaringBitmap());
      size += 4 + all[k].serializedSizeInBytes();
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(DeletedRows.NATIVE).putInt(count);
    for (RoaringBitmap bitmap : all) {
      out.putInt(bitmap.serializedSizeInBytes());
      bitmap.serialize(out);
    }
    return out.array();
  }

  private static TreeMap<Integer, RoaringBitmap> bitmaps(long... rows) {
    TreeMap<Integer, RoaringBitmap> byKey = new TreeMap<>();
    for (long row : rows) {
      byKey.computeIfAbsent((int) (row >>> 32), k -> new RoaringBitmap()).add((int) row);
    }
    byKey.values().forEach(RoaringBitmap::runOptimize);
    return byKey;
  }

  static ByteBuffer stored(byte[] bitmap, int crcDelta) {
    CRC32 crc = new CRC32();
    crc.update(bitmap);
    ByteBuffer out = ByteBuffer.allocate(bitmap.length + 8);
    out.putInt(bitmap.length).put(bitmap).putInt((int) crc.getValue() + crcDelta);
    return out.flip();
  }

  private static final long[] ROWS = {
    0, 1, 2, 1000, 65535, 65536, 70000, (1L << 32) + 5, (3L << 32) + 7, (3L << 32) + 8
  };

  @Test
  void bothFormatsGiveTheSameRowsAcrossHighKeys() throws Exception {
    for (byte[] bytes : new byte[][] {portable(ROWS), nativeFormat(ROWS)}) {
      DeletedRows deleted = DeletedRows.parse(ByteBuffer.wrap(bytes));
      assertThat(deleted.cardinality()).isEqualTo(ROWS.length);
      for (long row : ROWS) {
        assertThat(deleted.contains(row)).as("row %d", row).isTrue();
      }
      assertThat(deleted.contains(3)).isFalse();
      assertThat(deleted.contains((2L << 32) + 5)).isFalse();
      assertThat(deleted.contains(-1)).isFalse();
      assertThat(deleted.countIn(0, 3)).isEqualTo(3);
      assertThat(deleted.countIn(2, 65536)).isEqualTo(3);
      assertThat(deleted.countIn(0, 4L << 32)).isEqualTo(ROWS.length);
      assertThat(deleted.countIn((1L << 32) - 10, (3L << 32) + 8)).isEqualTo(2);
    }
  }

  @Test
  void keepSelectsTheLiveRowsOfARangeOrNothingWhenAllLive() throws Exception {
    DeletedRows deleted = DeletedRows.parse(ByteBuffer.wrap(portable(ROWS)));
    Selection kept = deleted.keep(998, 5); // rows 998..1002, 1000 deleted
    assertThat(Arrays.copyOf(kept.indices(), kept.count())).containsExactly(0, 1, 3, 4);
    assertThat(deleted.keep(3, 900)).isNull();
    Selection none = deleted.keep(0, 3);
    assertThat(none.count()).isZero();
  }

  @Test
  void anEmptyVectorDeletesNothing() throws Exception {
    DeletedRows deleted = DeletedRows.parse(ByteBuffer.wrap(portable()));
    assertThat(deleted.cardinality()).isZero();
    assertThat(deleted.keep(0, 10)).isNull();
  }

  @Test
  void aStoredVectorIsCheckedForSizeAndChecksum() throws Exception {
    byte[] bitmap = portable(ROWS);
    assertThat(DeletedRows.parseStored(stored(bitmap, 0), bitmap.length).cardinality())
        .isEqualTo(ROWS.length);
    assertThatThrownBy(() -> DeletedRows.parseStored(stored(bitmap, 1), bitmap.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checksum mismatch");
    assertThatThrownBy(() -> DeletedRows.parseStored(stored(bitmap, 0), bitmap.length - 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("size mismatch");
    ByteBuffer truncated = stored(bitmap, 0).limit(bitmap.length);
    assertThatThrownBy(() -> DeletedRows.parseStored(truncated, bitmap.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the file ends");
  }

  @Test
  void bytesThatAreNotAVectorAreAnError() {
    assertThatThrownBy(() -> DeletedRows.parse(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5})))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown magic number");
    byte[] cut = Arrays.copyOf(portable(ROWS), 20);
    assertThatThrownBy(() -> DeletedRows.parse(ByteBuffer.wrap(cut)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("malformed deletion vector");
  }
}
