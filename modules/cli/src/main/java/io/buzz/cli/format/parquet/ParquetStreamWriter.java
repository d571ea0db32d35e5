package io.buzz.cli.format.parquet;

import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.ThriftCompactWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow batches as one Parquet file, front to back: the stream is never sought, so it may be
 * a pipe. Flat schema, every column OPTIONAL; data pages v1 with RLE definition levels and PLAIN
 * values, compressed per {@link ParquetOptions}; column chunk statistics (min, max, NULL count)
 * with type-defined column orders. Types: see {@link ColumnLayout}.
 *
 * <pre>
 *   "PAR1" │ row group 0: chunk col 0 (pages), chunk col 1, … │ row group 1 … │ footer │ len │ "PAR1"
 *            ▲ buffered per column until the row group ends (rows or bytes, ParquetOptions)
 * </pre>
 *
 * <p>Call order: {@link #ParquetStreamWriter} (writes the magic), {@link #write} per batch, {@link
 * #finish} once (the last row group and the footer; flushes, does not close, the stream). Memory:
 * one row group's compressed pages and one page per column. Not thread-safe; the batches stay the
 * caller's. After an exception the file is incomplete and should be discarded.
 */
public final class ParquetStreamWriter {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final String CREATED_BY = "buzz version 0.1.0";

  private record RowGroup(List<ColumnChunkWriter.Chunk> chunks, long rows) {}

  private final OutputStream out;
  private final ParquetOptions options;
  private final List<ColumnChunkWriter> columns = new ArrayList<>();
  private final List<RowGroup> rowGroups = new ArrayList<>();
  private long position;
  private long groupRows;
  private long totalRows;
  private boolean finished;

  /**
   * Maps the schema's columns and writes the file's leading magic.
   *
   * @throws io.buzz.error.BuzzException UNSUPPORTED, before anything is written, when a column's
   *     type has no Parquet form here or there are no columns
   */
  public ParquetStreamWriter(OutputStream out, Schema schema, ParquetOptions options)
      throws IOException {
    this.out = Objects.requireNonNull(out, "out is null");
    this.options = Objects.requireNonNull(options, "options is null");
    if (schema.getFields().isEmpty()) {
      throw io.buzz.error.BuzzException.unsupported("a result without columns has no Parquet form");
    }
    ParquetCompression.Compressor compressor = options.compression().compressor();
    for (Field field : schema.getFields()) {
      columns.add(new ColumnChunkWriter(ColumnLayout.of(field), options, compressor));
    }
    write(MAGIC);
  }

  /**
   * Appends the batch's rows, writing out a row group whenever one fills.
   *
   * @throws IllegalStateException when the batch's columns do not match the schema's layout
   */
  public void write(VectorSchemaRoot batch) throws IOException {
    if (finished) {
      throw new IllegalStateException("write() after finish()");
    }
    List<FieldVector> vectors = batch.getFieldVectors();
    checkLayout(vectors);
    int rows = batch.getRowCount();
    int done = 0;
    while (done < rows) {
      int step =
          (int)
              Math.min(
                  Math.min(rows - done, options.pageRows()), options.rowGroupRows() - groupRows);
      for (int c = 0; c < columns.size(); c++) {
        columns.get(c).append(vectors.get(c), done, step);
      }
      done += step;
      groupRows += step;
      if (groupRows >= options.rowGroupRows() || bufferedBytes() >= options.rowGroupBytes()) {
        endRowGroup();
      }
    }
  }

  /** Writes the last row group, the footer, its length and the closing magic, then flushes. */
  public void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("finish() called twice");
    }
    finished = true;
    endRowGroup();
    byte[] footer = footer();
    write(footer);
    write(
        new byte[] {
          (byte) footer.length,
          (byte) (footer.length >>> 8),
          (byte) (footer.length >>> 16),
          (byte) (footer.length >>> 24)
        });
    write(MAGIC);
    out.flush();
  }

  private void checkLayout(List<FieldVector> vectors) {
    if (vectors.size() != columns.size()) {
      throw new IllegalStateException(
          "a batch has " + vectors.size() + " columns, the schema " + columns.size());
    }
    for (int c = 0; c < columns.size(); c++) {
      ColumnLayout expected = columns.get(c).layout();
      ColumnLayout actual = ColumnLayout.of(vectors.get(c).getField());
      if (actual.physical() != expected.physical()
          || actual.source() != expected.source()
          || actual.typeLength() != expected.typeLength()) {
        throw new IllegalStateException(
            "column '"
                + expected.name()
                + "' of a batch is "
                + vectors.get(c).getField().getType()
                + ", unlike the schema's");
      }
    }
  }

  private long bufferedBytes() {
    long bytes = 0;
    for (ColumnChunkWriter column : columns) {
      bytes += column.bufferedBytes();
    }
    return bytes;
  }

  private void endRowGroup() throws IOException {
    if (groupRows == 0) {
      return;
    }
    List<ColumnChunkWriter.Chunk> chunks = new ArrayList<>(columns.size());
    for (ColumnChunkWriter column : columns) {
      ColumnChunkWriter.Chunk chunk = column.writeTo(out, position);
      position += chunk.compressedSize();
      chunks.add(chunk);
    }
    rowGroups.add(new RowGroup(chunks, groupRows));
    totalRows += groupRows;
    groupRows = 0;
  }

  private void write(byte[] bytes) throws IOException {
    out.write(bytes);
    position += bytes.length;
  }

  /** FileMetaData, in the Thrift compact protocol (field ids from parquet.thrift). */
  private byte[] footer() {
    ThriftCompactWriter meta = new ThriftCompactWriter().begin().i32(1, 1);
    meta.list(2, ThriftCompactWriter.STRUCT, columns.size() + 1);
    meta.begin().string(4, "schema").i32(5, columns.size()).end();
    for (ColumnChunkWriter column : columns) {
      column.layout().writeSchemaElement(meta);
    }
    meta.i64(3, totalRows);
    meta.list(4, ThriftCompactWriter.STRUCT, rowGroups.size());
    for (RowGroup group : rowGroups) {
      rowGroup(meta, group);
    }
    meta.string(6, CREATED_BY);
    meta.list(7, ThriftCompactWriter.STRUCT, columns.size());
    for (int c = 0; c < columns.size(); c++) {
      meta.begin().emptyStruct(1).end(); // ColumnOrder: TYPE_ORDER
    }
    return meta.end().toByteArray();
  }

  private void rowGroup(ThriftCompactWriter meta, RowGroup group) {
    long uncompressed = 0;
    long compressed = 0;
    meta.begin().list(1, ThriftCompactWriter.STRUCT, columns.size());
    for (int c = 0; c < columns.size(); c++) {
      ColumnLayout layout = columns.get(c).layout();
      ColumnChunkWriter.Chunk chunk = group.chunks().get(c);
      meta.begin().i64(2, chunk.offset()); // file_offset: the chunk's start, as parquet-java
      meta.struct(3).i32(1, layout.physical().id());
      meta.list(2, ThriftCompactWriter.I32, 2)
          .element(ParquetEncoding.PLAIN.id())
          .element(ParquetEncoding.RLE.id());
      meta.list(3, ThriftCompactWriter.BINARY, 1).element(layout.name());
      meta.i32(4, options.compression().codec().id());
      meta.i64(5, chunk.values()).i64(6, chunk.uncompressedSize()).i64(7, chunk.compressedSize());
      meta.i64(9, chunk.offset());
      meta.struct(12).i64(3, chunk.nulls());
      if (chunk.max() != null) {
        meta.binary(5, chunk.max()).binary(6, chunk.min());
      }
      meta.end().end().end(); // Statistics, ColumnMetaData, ColumnChunk
      uncompressed += chunk.uncompressedSize();
      compressed += chunk.compressedSize();
    }
    meta.i64(2, uncompressed).i64(3, group.rows());
    meta.i64(5, group.chunks().get(0).offset()).i64(6, compressed);
    meta.end();
  }
}
