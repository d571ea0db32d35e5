package io.buzz.storage.deletion;

import io.buzz.kernels.batch.Selection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.roaringbitmap.RoaringBitmap;

/**
 * The rows of a Parquet file that a Delta deletion vector deletes: 0-based positions in the whole
 * file, held as Delta writes them, a RoaringBitmapArray (one 32-bit RoaringBitmap per high 32 bits
 * of the position). Immutable once parsed; queries are thread-safe.
 *
 * <p>Formats read: the portable one Delta's spec defines (magic {@value #PORTABLE}: the number of
 * bitmaps as a 64-bit integer, then each bitmap's key and its standard RoaringBitmap serialization)
 * and the older native one (magic {@value #NATIVE}), little-endian. A stored vector is framed by
 * its big-endian size and the big-endian CRC-32 of its bytes, both checked.
 */
public final class DeletedRows {
  static final int PORTABLE = 1681511377;
  static final int NATIVE = 1681511376;

  /** Bitmap {@code k} holds the low 32 bits of the deleted positions whose high 32 bits are k. */
  private final RoaringBitmap[] bitmaps;

  private final long cardinality;

  private DeletedRows(RoaringBitmap[] bitmaps) {
    this.bitmaps = bitmaps;
    long count = 0;
    for (RoaringBitmap bitmap : bitmaps) {
      count += bitmap.getLongCardinality();
    }
    this.cardinality = count;
  }

  /**
   * Parses a serialized RoaringBitmapArray (an inline deletion vector's bytes).
   *
   * @throws IOException when the bytes are not one
   */
  public static DeletedRows parse(ByteBuffer serialized) throws IOException {
    ByteBuffer buffer = serialized.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    try {
      int magic = buffer.getInt();
      if (magic == PORTABLE) {
        return new DeletedRows(portable(buffer));
      }
      if (magic == NATIVE) {
        return new DeletedRows(nativeFormat(buffer));
      }
      throw new IOException("not a deletion vector: unknown magic number " + magic);
    } catch (RuntimeException e) {
      throw new IOException("malformed deletion vector: " + e, e);
    }
  }

  /**
   * Parses a stored deletion vector: the big-endian size, the bitmap, the big-endian CRC-32.
   *
   * @param expectedSize the size the log gives
   * @throws IOException on a size or checksum mismatch or malformed bytes
   */
  public static DeletedRows parseStored(ByteBuffer framed, int expectedSize) throws IOException {
    ByteBuffer buffer = framed.duplicate().order(ByteOrder.BIG_ENDIAN);
    if (buffer.remaining() < expectedSize + 8) {
      throw new IOException(
          "the file ends after "
              + buffer.remaining()
              + " bytes, short of the "
              + (expectedSize + 8)
              + " the deletion vector needs");
    }
    int size = buffer.getInt();
    if (size != expectedSize) {
      throw new IOException(
          "it says it is " + size + " bytes but the log says " + expectedSize + " (size mismatch)");
    }
    ByteBuffer bitmap = buffer.slice();
    bitmap.limit(size);
    buffer.position(buffer.position() + size);
    int stored = buffer.getInt();
    CRC32 crc = new CRC32();
    crc.update(bitmap.duplicate());
    if ((int) crc.getValue() != stored) {
      throw new IOException("checksum mismatch: the deletion vector is corrupt");
    }
    return parse(bitmap);
  }

  private static RoaringBitmap[] portable(ByteBuffer buffer) throws IOException {
    long count = buffer.getLong();
    if (count < 0 || count > Integer.MAX_VALUE) {
      throw new IOException("invalid number of bitmaps " + count);
    }
    List<RoaringBitmap> bitmaps = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      int key = buffer.getInt();
      if (key < bitmaps.size()) {
        throw new IOException("bitmap keys out of order at key " + key);
      }
      while (bitmaps.size() < key) {
        bitmaps.add(new RoaringBitmap());
      }
      bitmaps.add(read(buffer));
    }
    return bitmaps.toArray(new RoaringBitmap[0]);
  }

  private static RoaringBitmap[] nativeFormat(ByteBuffer buffer) throws IOException {
    int count = buffer.getInt();
    if (count < 0) {
      throw new IOException("invalid number of bitmaps " + count);
    }
    RoaringBitmap[] bitmaps = new RoaringBitmap[count];
    for (int i = 0; i < count; i++) {
      int size = buffer.getInt();
      int start = buffer.position();
      bitmaps[i] = read(buffer);
      buffer.position(start + size);
    }
    return bitmaps;
  }

  /** One standard RoaringBitmap, the buffer moved past it. */
  private static RoaringBitmap read(ByteBuffer buffer) throws IOException {
    int start = buffer.position();
    RoaringBitmap bitmap = new RoaringBitmap();
    bitmap.deserialize(buffer.slice().order(ByteOrder.LITTLE_ENDIAN));
    buffer.position(start + bitmap.serializedSizeInBytes());
    return bitmap;
  }

  /** How many rows are deleted. */
  public long cardinality() {
    return cardinality;
  }

  public boolean contains(long row) {
    int key = (int) (row >>> 32);
    return row >= 0 && key < bitmaps.length && bitmaps[key].contains((int) row);
  }

  /** How many of the rows {@code from} (inclusive) to {@code to} (exclusive) are deleted. */
  public long countIn(long from, long to) {
    long count = 0;
    for (long start = from; start < to; ) {
      int key = (int) (start >>> 32);
      if (key >= bitmaps.length) {
        break;
      }
      long keyEnd = Math.min(to, ((long) key + 1) << 32);
      count += bitmaps[key].rangeCardinality(start & 0xffffffffL, keyEnd - ((long) key << 32));
      start = keyEnd;
    }
    return count;
  }

  /**
   * The rows to keep of the {@code rows} rows from file position {@code firstRow}, as indices into
   * those rows; null when none of them is deleted.
   */
  public Selection keep(long firstRow, int rows) {
    long deleted = countIn(firstRow, firstRow + rows);
    if (deleted == 0) {
      return null;
    }
    Selection kept = new Selection(rows - (int) deleted);
    for (int i = 0; i < rows; i++) {
      if (!contains(firstRow + i)) {
        kept.add(i);
      }
    }
    return kept;
  }
}
