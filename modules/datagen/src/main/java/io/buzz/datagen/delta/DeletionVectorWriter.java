package io.buzz.datagen.delta;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes Delta deletion vectors as the protocol lays them out, for tables the tests build: the
 * deleted row positions as a portable RoaringBitmapArray, either inline in the log (Z85-encoded) or
 * in a {@code deletion_vector_<uuid>.bin} file beside the data (a version byte, then the big-endian
 * size, the bitmap and its big-endian CRC-32). Each method returns the {@code deletionVector} JSON
 * object of the add action.
 */
public final class DeletionVectorWriter {
  private static final char[] Z85 =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
          .toCharArray();

  private DeletionVectorWriter() {}

  /** The deletion vector of {@code rows}, inline. */
  public static String inline(long... rows) {
    byte[] bitmap = serialize(rows);
    return descriptor("i", z85(bitmap), null, bitmap.length, distinct(rows));
  }

  /** The deletion vector of {@code rows} in a new file under {@code root}, named by a UUID. */
  public static String stored(Path root, UUID uuid, long... rows) {
    byte[] bitmap = serialize(rows);
    CRC32 crc = new CRC32();
    crc.update(bitmap);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeInt(bitmap.length);
      out.write(bitmap);
      out.writeInt((int) crc.getValue());
      Files.write(root.resolve("deletion_vector_" + uuid + ".bin"), bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteBuffer id = ByteBuffer.allocate(16);
    id.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return descriptor("u", z85(id.array()), 1, bitmap.length, distinct(rows));
  }

  /** A portable RoaringBitmapArray of {@code rows}, little-endian. */
  public static byte[] serialize(long... rows) {
    TreeMap<Integer, RoaringBitmap> byKey = new TreeMap<>();
    for (long row : rows) {
      byKey.computeIfAbsent((int) (row >>> 32), k -> new RoaringBitmap()).add((int) row);
    }
    int size = 12;
    for (RoaringBitmap bitmap : byKey.values()) {
      bitmap.runOptimize();
      size += 4 + bitmap.serializedSizeInBytes();
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(1681511377).putLong(byKey.size());
    byKey.forEach(
        (key, bitmap) -> {
          out.putInt(key);
          bitmap.serialize(out);
        });
    return out.array();
  }

  /** Z85 (the alphabet Delta's Base85 codec uses), the input zero-padded to 4 bytes. */
  static String z85(byte[] data) {
    byte[] padded = Arrays.copyOf(data, (data.length + 3) / 4 * 4);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < padded.length; i += 4) {
      long word = ByteBuffer.wrap(padded, i, 4).getInt() & 0xffffffffL;
      char[] chunk = new char[5];
      for (int c = 4; c >= 0; c--) {
        chunk[c] = Z85[(int) (word % 85)];
        word /= 85;
      }
      text.append(chunk);
    }
    return text.toString();
  }

  private static long distinct(long[] rows) {
    return Arrays.stream(rows).distinct().count();
  }

  private static String descriptor(
      String type, String pathOrInline, Integer offset, int size, long cardinality) {
    return "{\"storageType\":\""
        + type
        + "\",\"pathOrInlineDv\":"
        + DeltaLogWriter.quote(pathOrInline)
        + (offset == null ? "" : ",\"offset\":" + offset)
        + ",\"sizeInBytes\":"
        + size
        + ",\"cardinality\":"
        + cardinality
        + "}";
  }
}
