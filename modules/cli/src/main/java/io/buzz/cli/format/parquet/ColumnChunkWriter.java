package io.buzz.cli.format.parquet;

import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import io.buzz.storage.parquet.metadata.ThriftCompactWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * One column of the row group being written: the data page being filled (definition levels and
 * PLAIN values), the chunk's finished pages (header and compressed body, on the heap until the row
 * group is written out) and the chunk's statistics.
 *
 * <p>Call order per row group: {@link #append} any number of times, then {@link #writeTo}, which
 * ends the last page, writes the chunk and makes the writer ready for the next row group. Not
 * thread-safe; the vectors appended stay the caller's (values are copied).
 */
final class ColumnChunkWriter {
  /** What the footer says of a written chunk. */
  record Chunk(
      long offset,
      long compressedSize,
      long uncompressedSize,
      long values,
      long nulls,
      byte[] min,
      byte[] max) {}

  private final ColumnLayout layout;
  private final ParquetOptions options;
  private final ParquetCompression.Compressor compressor;
  private final ChunkStatistics statistics;
  private final DefinitionLevels levels = new DefinitionLevels();
  private final GrowableBytes values = new GrowableBytes(1 << 16);
  private final GrowableBytes body = new GrowableBytes(1 << 16);
  private final List<byte[]> pages = new ArrayList<>();
  private long pagesBytes;
  private long uncompressedBytes;
  private long chunkValues;

  /** BOOLEAN: the values in the current page (bit-packed, so not {@code values.size()}). */
  private int booleans;

  ColumnChunkWriter(
      ColumnLayout layout, ParquetOptions options, ParquetCompression.Compressor compressor) {
    this.layout = layout;
    this.options = options;
    this.compressor = compressor;
    this.statistics = new ChunkStatistics(layout.physical());
  }

  ColumnLayout layout() {
    return layout;
  }

  /** The bytes this column holds for the row group: finished pages and the current page. */
  long bufferedBytes() {
    return pagesBytes + values.size();
  }

  /** Appends rows {@code [from, from + count)} of {@code vector}, ending pages as they fill. */
  void append(FieldVector vector, int from, int count) {
    ArrowBuf validity = vector.getValidityBuffer();
    boolean noNulls = vector.getNullCount() == 0;
    int done = 0;
    while (done < count) {
      int rows = Math.min(count - done, options.pageRows() - levels.count());
      statistics.addNulls(levels.append(validity, noNulls, from + done, rows));
      int start = values.size();
      appendValues(vector, validity, noNulls, from + done, from + done + rows);
      if (layout.physical() != PhysicalType.BOOLEAN) {
        statistics.add(values.array(), start, values.size(), layout.typeLength());
      }
      done += rows;
      if (levels.count() >= options.pageRows() || values.size() >= options.pageBytes()) {
        endPage();
      }
    }
  }

  private void appendValues(
      FieldVector vector, ArrowBuf validity, boolean noNulls, int from, int to) {
    ArrowBuf data = vector.getDataBuffer();
    switch (layout.source()) {
      case BITS -> appendBits(data, validity, noNulls, from, to);
      case BYTE -> {
        for (int i = from; i < to; i++) {
          if (noNulls || DefinitionLevels.isSet(validity, i)) {
            values.putInt(data.getByte(i));
          }
        }
      }
      case SHORT -> {
        for (int i = from; i < to; i++) {
          if (noNulls || DefinitionLevels.isSet(validity, i)) {
            values.putInt(data.getShort(2L * i));
          }
        }
      }
      case INT -> copyFixed(data, validity, noNulls, from, to, 4);
      case INT_SECONDS -> {
        for (int i = from; i < to; i++) {
          if (noNulls || DefinitionLevels.isSet(validity, i)) {
            values.putInt(Math.multiplyExact(data.getInt(4L * i), 1000));
          }
        }
      }
      case LONG -> copyFixed(data, validity, noNulls, from, to, 8);
      case LONG_SECONDS -> {
        for (int i = from; i < to; i++) {
          if (noNulls || DefinitionLevels.isSet(validity, i)) {
            values.putLong(Math.multiplyExact(data.getLong(8L * i), 1000L));
          }
        }
      }
      case DECIMAL -> appendDecimals(data, validity, noNulls, from, to);
      case BYTES -> {
        ArrowBuf offsets = vector.getOffsetBuffer();
        for (int i = from; i < to; i++) {
          if (noNulls || DefinitionLevels.isSet(validity, i)) {
            int start = offsets.getInt(4L * i);
            int length = offsets.getInt(4L * (i + 1)) - start;
            values.putInt(length);
            values.put(data, start, length);
          }
        }
      }
    }
  }

  /** Fixed-width values as they are: one copy for a run without NULLs. */
  private void copyFixed(
      ArrowBuf data, ArrowBuf validity, boolean noNulls, int from, int to, int width) {
    if (noNulls) {
      values.put(data, (long) from * width, (to - from) * width);
      return;
    }
    for (int i = from; i < to; i++) {
      if (DefinitionLevels.isSet(validity, i)) {
        values.put(data, (long) i * width, width);
      }
    }
  }

  /**
   * 16-byte little-endian unscaled values, narrowed: INT32 and INT64 take the low bytes (the
   * precision guarantees they hold the value), FIXED_LEN_BYTE_ARRAY the low {@code typeLength}
   * bytes in big-endian order.
   */
  private void appendDecimals(ArrowBuf data, ArrowBuf validity, boolean noNulls, int from, int to) {
    switch (layout.physical()) {
      case INT32 -> {
        for (int i = from; i < to; i++) {
          if (noNulls || DefinitionLevels.isSet(validity, i)) {
            values.putInt(data.getInt(16L * i));
          }
        }
      }
      case INT64 -> {
        for (int i = from; i < to; i++) {
          if (noNulls || DefinitionLevels.isSet(validity, i)) {
            values.putLong(data.getLong(16L * i));
          }
        }
      }
      default -> {
        int width = layout.typeLength();
        for (int i = from; i < to; i++) {
          if (noNulls || DefinitionLevels.isSet(validity, i)) {
            for (int b = width - 1; b >= 0; b--) {
              values.put(data.getByte(16L * i + b));
            }
          }
        }
      }
    }
  }

  /** PLAIN booleans: bit-packed, LSB first, continuing where the page's last value left off. */
  private void appendBits(ArrowBuf data, ArrowBuf validity, boolean noNulls, int from, int to) {
    boolean sawFalse = false;
    boolean sawTrue = false;
    for (int i = from; i < to; i++) {
      if (noNulls || DefinitionLevels.isSet(validity, i)) {
        if ((booleans & 7) == 0) {
          values.put(0);
        }
        if (DefinitionLevels.isSet(data, i)) {
          values.setBit(booleans);
          sawTrue = true;
        } else {
          sawFalse = true;
        }
        booleans++;
      }
    }
    statistics.addBooleans(sawFalse, sawTrue);
  }

  /** Ends the page being filled, if it has rows: levels and values, compressed, with a header. */
  private void endPage() {
    int rows = levels.count();
    if (rows == 0) {
      return;
    }
    body.clear();
    levels.encodeTo(body);
    body.put(values.array(), 0, values.size());
    byte[] compressed = compressor.compress(body.array(), body.size());
    byte[] header =
        new ThriftCompactWriter()
            .begin()
            .i32(1, 0) // DATA_PAGE
            .i32(2, body.size())
            .i32(3, compressed.length)
            .struct(5)
            .i32(1, rows)
            .i32(2, ParquetEncoding.PLAIN.id())
            .i32(3, ParquetEncoding.RLE.id())
            .i32(4, ParquetEncoding.RLE.id())
            .end()
            .end()
            .toByteArray();
    pages.add(header);
    pages.add(compressed);
    pagesBytes += header.length + compressed.length;
    uncompressedBytes += header.length + body.size();
    chunkValues += rows;
    levels.clear();
    values.clear();
    booleans = 0;
  }

  /**
   * Ends the current page and writes the chunk's pages to {@code out}, at file offset {@code
   * offset}; the writer is then empty, for the next row group.
   */
  Chunk writeTo(OutputStream out, long offset) throws IOException {
    endPage();
    for (byte[] page : pages) {
      out.write(page);
    }
    Chunk chunk =
        new Chunk(
            offset,
            pagesBytes,
            uncompressedBytes,
            chunkValues,
            statistics.nulls(),
            statistics.min(),
            statistics.max());
    pages.clear();
    pagesBytes = 0;
    uncompressedBytes = 0;
    chunkValues = 0;
    statistics.clear();
    return chunk;
  }
}
