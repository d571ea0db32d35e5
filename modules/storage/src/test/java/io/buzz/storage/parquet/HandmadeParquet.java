package io.buzz.storage.parquet;

import io.airlift.compress.snappy.SnappyCompressor;
import io.buzz.storage.parquet.metadata.PageHeader;
import io.buzz.storage.parquet.metadata.ParquetCodec;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a one-column, one-row-group Parquet file (uncompressed or any codec) page by page, for the
 * cases DuckDB does not write: dictionary-to-PLAIN fallback, RLE booleans, INT96, TIME(MILLIS),
 * legacy annotations, corrupt pages and counts, and page indexes (see {@link HandmadePageIndex}).
 */
final class HandmadeParquet {
  /** ConvertedType ids ({@code parquet.thrift}). */
  static final int CONVERTED_DECIMAL = 5;

  static final int CONVERTED_TIME_MILLIS = 7;
  static final int CONVERTED_TIME_MICROS = 8;
  static final int CONVERTED_TIMESTAMP_MILLIS = 9;

  /** TimeUnit union members. */
  static final int UNIT_MILLIS = 1;

  static final int UNIT_MICROS = 2;
  static final int UNIT_NANOS = 3;

  /** LogicalType union member TIME. */
  private static final int LOGICAL_TIME = 7;

  private final String name;
  private final PhysicalType type;
  private final boolean optional;
  private int convertedType = -1;
  private int typeLength = -1;

  /** A LogicalType union member without fields (FLOAT16, UUID), or -1. */
  private int plainLogical = -1;

  private int precision = -1;
  private int scale = -1;
  private boolean logicalDecimal;
  private int timeUnit = -1;
  private boolean timeAdjustedToUtc;
  private final ByteArrayOutputStream pages = new ByteArrayOutputStream();
  private long dictionaryOffset = -1;
  private long dataOffset = -1;
  private long values;
  private long rows = -1;
  private long metadataValues = -1;
  private ParquetCodec codec = ParquetCodec.UNCOMPRESSED;

  /** Page CRCs to write: none (null), the right ones (0) or the right ones plus this much. */
  private Integer crcOffset;

  private java.util.function.UnaryOperator<byte[]> compressor = raw -> raw;

  private final List<HandmadePageIndex.Location> locations = new ArrayList<>();
  private byte[] offsetIndex;
  private byte[] columnIndex;
  private int columnOrder = -1;

  HandmadeParquet(String name, PhysicalType type, boolean optional) {
    this.name = name;
    this.type = type;
    this.optional = optional;
    pages.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
  }

  /** A FIXED_LEN_BYTE_ARRAY(2) column annotated FLOAT16. */
  HandmadeParquet float16() {
    this.typeLength = 2;
    this.plainLogical = 15;
    return this;
  }

  /** A FIXED_LEN_BYTE_ARRAY(16) column annotated UUID. */
  HandmadeParquet uuid() {
    this.typeLength = 16;
    this.plainLogical = 14;
    return this;
  }

  /** Annotated DECIMAL(precision, scale) as current writers do: LogicalType and ConvertedType. */
  HandmadeParquet decimal(int precision, int scale) {
    legacyDecimal(precision, scale);
    this.logicalDecimal = true;
    return this;
  }

  /** Annotated DECIMAL the legacy way: ConvertedType only, with the element's precision, scale. */
  HandmadeParquet legacyDecimal(int precision, int scale) {
    this.convertedType = CONVERTED_DECIMAL;
    this.precision = precision;
    this.scale = scale;
    return this;
  }

  /**
   * Annotated with the LogicalType TIME of {@code unit} ({@link #UNIT_MILLIS}, MICROS or NANOS); no
   * ConvertedType unless {@link #convertedType} adds one.
   */
  HandmadeParquet time(int unit, boolean adjustedToUtc) {
    this.timeUnit = unit;
    this.timeAdjustedToUtc = adjustedToUtc;
    return this;
  }

  /** The FIXED_LEN_BYTE_ARRAY length. */
  HandmadeParquet typeLength(int length) {
    this.typeLength = length;
    return this;
  }

  HandmadeParquet convertedType(int converted) {
    this.convertedType = converted;
    return this;
  }

  /** Compresses page bodies (v2: the values only) with Snappy; call before adding pages. */
  HandmadeParquet snappy() {
    return codec(
        ParquetCodec.SNAPPY,
        raw -> {
          SnappyCompressor snappy = new SnappyCompressor();
          byte[] out = new byte[snappy.maxCompressedLength(raw.length)];
          int length = snappy.compress(raw, 0, raw.length, out, 0, out.length);
          return Arrays.copyOf(out, length);
        });
  }

  /** Writes each page's CRC32, off by {@code offset} (0: correct); call before adding pages. */
  HandmadeParquet crc(int offset) {
    this.crcOffset = offset;
    return this;
  }

  private void crc(CompactWriter header, byte[]... parts) {
    if (crcOffset != null) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      for (byte[] part : parts) {
        crc.update(part);
      }
      header.i32(4, (int) crc.getValue() + crcOffset);
    }
  }

  /** Compresses page bodies with {@code compress} and names {@code codec} in the footer. */
  HandmadeParquet codec(ParquetCodec codec, java.util.function.UnaryOperator<byte[]> compress) {
    this.codec = codec;
    this.compressor = compress;
    return this;
  }

  private byte[] compress(byte[] raw) {
    return compressor.apply(raw);
  }

  /** Overrides the row count of the footer (default: the sum of data page values). */
  HandmadeParquet rows(long count) {
    this.rows = count;
    return this;
  }

  /** Overrides the chunk's num_values (default: the sum of data page values). */
  HandmadeParquet metadataValues(long count) {
    this.metadataValues = count;
    return this;
  }

  HandmadeParquet dictionaryPage(int count, byte[] plainValues) {
    dictionaryOffset = pages.size();
    CompactWriter header = new CompactWriter().beginStruct();
    byte[] body = compress(plainValues);
    header.i32(1, PageHeader.DICTIONARY_PAGE).i32(2, plainValues.length).i32(3, body.length);
    crc(header, body);
    header.struct(7).i32(1, count).i32(2, ParquetEncoding.PLAIN_DICTIONARY.id()).endStruct();
    header.endStruct();
    pages.writeBytes(header.toByteArray());
    pages.writeBytes(body);
    return this;
  }

  /** A v1 data page; {@code levels} are the hybrid-encoded definition levels (null if required). */
  HandmadeParquet dataPageV1(int count, ParquetEncoding encoding, byte[] levels, byte[] body) {
    ByteArrayOutputStream page = new ByteArrayOutputStream();
    if (levels != null) {
      page.writeBytes(le32(levels.length));
      page.writeBytes(levels);
    }
    page.writeBytes(body);
    byte[] raw = page.toByteArray();
    byte[] bytes = compress(raw);
    markData();
    int start = pages.size();
    CompactWriter header = new CompactWriter().beginStruct();
    header.i32(1, PageHeader.DATA_PAGE).i32(2, raw.length).i32(3, bytes.length);
    crc(header, bytes);
    header.struct(5).i32(1, count).i32(2, encoding.id()).i32(3, 3).i32(4, 3).endStruct();
    header.endStruct();
    pages.writeBytes(header.toByteArray());
    pages.writeBytes(bytes);
    return located(start, count);
  }

  /** Records the data page written since {@code start}, of {@code count} values. */
  private HandmadeParquet located(int start, int count) {
    locations.add(new HandmadePageIndex.Location(start, pages.size() - start, values));
    values += count;
    return this;
  }

  /** A v2 data page; values compressed unless the codec is UNCOMPRESSED. */
  HandmadeParquet dataPageV2(
      int count, int nulls, ParquetEncoding encoding, byte[] levels, byte[] body) {
    byte[] defs = levels == null ? new byte[0] : levels;
    markData();
    int start = pages.size();
    CompactWriter header = new CompactWriter().beginStruct();
    byte[] payload = compress(body);
    header.i32(1, PageHeader.DATA_PAGE_V2);
    header.i32(2, defs.length + body.length).i32(3, defs.length + payload.length);
    crc(header, defs, payload);
    header.struct(8).i32(1, count).i32(2, nulls).i32(3, count).i32(4, encoding.id());
    header.i32(5, defs.length).i32(6, 0).bool(7, codec != ParquetCodec.UNCOMPRESSED).endStruct();
    header.endStruct();
    pages.writeBytes(header.toByteArray());
    pages.writeBytes(defs);
    pages.writeBytes(payload);
    return located(start, count);
  }

  /** Writes an OffsetIndex of the data pages; call after adding them. */
  HandmadeParquet offsetIndex() {
    return offsetIndex(HandmadePageIndex.offsetIndex(locations));
  }

  /** Writes {@code bytes} as the OffsetIndex, e.g. garbage. */
  HandmadeParquet offsetIndex(byte[] bytes) {
    this.offsetIndex = bytes;
    return this;
  }

  /** The data pages written so far, for an OffsetIndex a test edits. */
  List<HandmadePageIndex.Location> locations() {
    return List.copyOf(locations);
  }

  /** Writes an OffsetIndex and a ColumnIndex with one entry per data page; after adding them. */
  HandmadeParquet columnIndex(HandmadePageIndex.PageBounds... bounds) {
    offsetIndex();
    return columnIndex(HandmadePageIndex.columnIndex(List.of(bounds)));
  }

  /** Writes {@code bytes} as the ColumnIndex, e.g. garbage. */
  HandmadeParquet columnIndex(byte[] bytes) {
    this.columnIndex = bytes;
    return this;
  }

  /** Writes {@code column_orders} with this union member (1: TYPE_ORDER); default none. */
  HandmadeParquet columnOrder(int member) {
    this.columnOrder = member;
    return this;
  }

  /** Raw bytes where a page should be, e.g. garbage. */
  HandmadeParquet rawPage(byte[] bytes) {
    markData();
    pages.writeBytes(bytes);
    return this;
  }

  private void markData() {
    if (dataOffset < 0) {
      dataOffset = pages.size();
    }
  }

  byte[] build() {
    long chunkStart = dictionaryOffset >= 0 ? dictionaryOffset : dataOffset;
    long chunkLength = pages.size() - chunkStart;
    long numRows = rows >= 0 ? rows : values;
    long numValues = metadataValues >= 0 ? metadataValues : values;
    CompactWriter footer = new CompactWriter().beginStruct();
    footer.i32(1, 1);
    footer.list(2, CompactWriter.STRUCT, 2);
    footer.beginStruct().string(4, "schema").i32(5, 1).endStruct();
    footer.beginStruct().i32(1, type.id());
    if (typeLength >= 0) {
      footer.i32(2, typeLength);
    }
    footer.i32(3, optional ? 1 : 0).string(4, name);
    if (convertedType >= 0) {
      footer.i32(6, convertedType);
    }
    if (scale >= 0) {
      footer.i32(7, scale);
    }
    if (precision >= 0) {
      footer.i32(8, precision);
    }
    if (plainLogical >= 0) {
      footer
          .struct(10)
          .struct(plainLogical)
          .endStruct()
          .endStruct(); // e.g. LogicalType { UUID {} }
    }
    if (logicalDecimal) {
      footer.struct(10).struct(5).i32(1, scale).i32(2, precision).endStruct().endStruct();
    }
    if (timeUnit >= 0) {
      // LogicalType { TIME { isAdjustedToUTC, unit: TimeUnit { <unit> {} } } }
      footer.struct(10).struct(LOGICAL_TIME).bool(1, timeAdjustedToUtc);
      footer.struct(2).struct(timeUnit).endStruct().endStruct();
      footer.endStruct().endStruct();
    }
    footer.endStruct();
    footer.i64(3, numRows);
    footer.list(4, CompactWriter.STRUCT, 1);
    footer.beginStruct();
    footer.list(1, CompactWriter.STRUCT, 1);
    footer.beginStruct().i64(2, chunkStart);
    footer.struct(3).i32(1, type.id());
    footer.list(2, CompactWriter.I32, 2).zigzag(0).zigzag(8);
    footer.list(3, CompactWriter.BINARY, 1).rawString(name);
    footer.i32(4, codec.id()).i64(5, numValues).i64(6, chunkLength).i64(7, chunkLength);
    footer.i64(9, dataOffset);
    if (dictionaryOffset >= 0) {
      footer.i64(11, dictionaryOffset);
    }
    footer.endStruct(); // ColumnMetaData
    long indexes = pages.size();
    if (offsetIndex != null) {
      footer.i64(4, indexes + (columnIndex == null ? 0 : columnIndex.length));
      footer.i32(5, offsetIndex.length);
    }
    if (columnIndex != null) {
      footer.i64(6, indexes).i32(7, columnIndex.length);
    }
    footer.endStruct(); // ColumnChunk
    footer.i64(2, chunkLength).i64(3, numRows);
    footer.endStruct(); // RowGroup
    footer.string(6, "buzz handmade");
    if (columnOrder >= 0) {
      footer.list(7, CompactWriter.STRUCT, 1).beginStruct().struct(columnOrder).endStruct();
      footer.endStruct();
    }
    footer.endStruct();
    byte[] meta = footer.toByteArray();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(pages.toByteArray());
    if (columnIndex != null) {
      file.writeBytes(columnIndex);
    }
    if (offsetIndex != null) {
      file.writeBytes(offsetIndex);
    }
    file.writeBytes(meta);
    file.writeBytes(le32(meta.length));
    file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
    return file.toByteArray();
  }

  // ---- value encoders ----

  static byte[] le32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  static byte[] plainLongs(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : values) {
      buffer.putLong(value);
    }
    return buffer.array();
  }

  static byte[] plainInts(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int value : values) {
      buffer.putInt(value);
    }
    return buffer.array();
  }

  static byte[] plainStrings(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return plainBinary(bytes);
  }

  /** PLAIN BYTE_ARRAY values: each one's 4-byte length, then its bytes. */
  static byte[] plainBinary(byte[]... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] value : values) {
      out.writeBytes(le32(value.length));
      out.writeBytes(value);
    }
    return out.toByteArray();
  }

  /** INT96 timestamps: 8 bytes nanoseconds of day, 4 bytes Julian day. */
  static byte[] int96(long[] nanosOfDay, int[] julianDays) {
    ByteBuffer buffer = ByteBuffer.allocate(12 * nanosOfDay.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < nanosOfDay.length; i++) {
      buffer.putLong(nanosOfDay[i]).putInt(julianDays[i]);
    }
    return buffer.array();
  }

  /** The RLE/bit-packed hybrid: bit-packed groups of 8 for all values (padded with zeros). */
  static byte[] bitPacked(int bitWidth, int... values) {
    int groups = (values.length + 7) / 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeVarint(out, (groups << 1) | 1);
    byte[] packed = new byte[groups * bitWidth];
    long bit = 0;
    for (int value : values) {
      for (int b = 0; b < bitWidth; b++) {
        if ((value >>> b & 1) != 0) {
          packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
        bit++;
      }
    }
    out.writeBytes(packed);
    return out.toByteArray();
  }

  /** The RLE/bit-packed hybrid: one RLE run. */
  static byte[] rleRun(int bitWidth, int count, int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeVarint(out, count << 1);
    for (int i = 0; i < (bitWidth + 7) / 8; i++) {
      out.write(value >>> (8 * i) & 0xFF);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Dictionary indices as a data page body: the bit width byte, then the hybrid. */
  static byte[] indices(int bitWidth, byte[] hybrid) {
    return concat(new byte[] {(byte) bitWidth}, hybrid);
  }

  static List<Integer> ints(int... values) {
    List<Integer> list = new ArrayList<>();
    for (int value : values) {
      list.add(value);
    }
    return list;
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }
}
