package io.buzz.storage.parquet.metadata;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.io.ByteRange;
import io.buzz.storage.parquet.ColumnChunkMetadata;
import io.buzz.storage.parquet.ColumnStatistics;
import io.buzz.storage.parquet.RowGroupMetadata;
import io.buzz.storage.parquet.metadata.ThriftFooter.ColumnChunk;
import io.buzz.storage.parquet.metadata.ThriftFooter.FileMetaData;
import io.buzz.storage.parquet.metadata.ThriftFooter.RowGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the footer's raw row groups into {@link RowGroupMetadata}, checking what later reads rely
 * on: one chunk per leaf column, known types and codecs, chunks in this file and inside its data
 * area, and value counts matching row counts for flat columns.
 */
final class RowGroupMetadataBuilder {
  private RowGroupMetadataBuilder() {}

  static List<RowGroupMetadata> build(
      String uri, FileMetaData footer, SchemaMapper.Result schema, long footerStart) {
    ColumnDescriptor[] byLeaf = new ColumnDescriptor[schema.leafCount()];
    for (ColumnDescriptor descriptor : schema.columns()) {
      if (descriptor.flat()) {
        byLeaf[descriptor.leafIndex()] = descriptor;
      }
    }
    List<RowGroupMetadata> groups = new ArrayList<>(footer.rowGroups().size());
    long totalRows = 0;
    for (int g = 0; g < footer.rowGroups().size(); g++) {
      RowGroup raw = footer.rowGroups().get(g);
      if (raw.columns().size() != schema.leafCount()) {
        throw MalformedParquetException.corrupt(
            uri,
            "row group "
                + g
                + " has "
                + raw.columns().size()
                + " column chunks but the schema has "
                + schema.leafCount()
                + " leaf columns");
      }
      List<ColumnChunkMetadata> chunks = new ArrayList<>(raw.columns().size());
      for (int leaf = 0; leaf < raw.columns().size(); leaf++) {
        chunks.add(chunk(uri, g, raw, raw.columns().get(leaf), byLeaf[leaf], footerStart));
      }
      groups.add(new RowGroupMetadata(g, raw.numRows(), raw.totalByteSize(), chunks));
      totalRows += raw.numRows();
    }
    if (totalRows != footer.numRows()) {
      throw MalformedParquetException.corrupt(
          uri,
          "the footer counts "
              + footer.numRows()
              + " rows but its row groups add up to "
              + totalRows);
    }
    return List.copyOf(groups);
  }

  private static ColumnChunkMetadata chunk(
      String uri,
      int group,
      RowGroup rowGroup,
      ColumnChunk raw,
      ColumnDescriptor descriptor,
      long footerStart) {
    String path = String.join(".", raw.path());
    String where = "column '" + path + "' in row group " + group;
    if (raw.filePath() != null) {
      throw new BuzzException(
          ErrorCode.UNSUPPORTED,
          uri + ": " + where + " lives in another file (" + raw.filePath() + ")");
    }
    PhysicalType type = PhysicalType.fromId(raw.type());
    if (type == null) {
      throw MalformedParquetException.corrupt(
          uri, where + " has unknown physical type " + raw.type());
    }
    ParquetCodec codec = ParquetCodec.fromId(raw.codec());
    if (codec == null) {
      throw new BuzzException(
          ErrorCode.UNSUPPORTED,
          uri + ": " + where + " uses unknown compression codec id " + raw.codec());
    }
    if (raw.totalCompressedSize() <= 0 || raw.totalCompressedSize() > Integer.MAX_VALUE - 64) {
      throw MalformedParquetException.corrupt(
          uri, where + " has a compressed size of " + raw.totalCompressedSize() + " bytes");
    }
    ColumnStatistics statistics =
        descriptor == null
            ? ColumnStatistics.NONE
            : StatisticsDecoder.decode(raw.statistics(), descriptor);
    ColumnChunkMetadata chunk =
        new ColumnChunkMetadata(
            path,
            type,
            raw.encodings(),
            codec,
            raw.numValues(),
            raw.totalCompressedSize(),
            raw.totalUncompressedSize(),
            raw.dataPageOffset(),
            raw.dictionaryPageOffset(),
            statistics,
            indexRange(
                raw.pageIndex().offsetIndexOffset(),
                raw.pageIndex().offsetIndexLength(),
                footerStart),
            indexRange(
                raw.pageIndex().columnIndexOffset(),
                raw.pageIndex().columnIndexLength(),
                footerStart));
    long start = chunk.byteRange().offset();
    long end = chunk.byteRange().end();
    if (start < 4 || end > footerStart) {
      throw MalformedParquetException.corrupt(
          uri,
          where
              + " claims bytes ["
              + start
              + ", "
              + end
              + ") outside the data area [4, "
              + footerStart
              + ")");
    }
    if (descriptor != null && !path.equals(descriptor.name())) {
      throw MalformedParquetException.corrupt(
          uri, where + " should be the chunk of column '" + descriptor.name() + "'");
    }
    if (descriptor != null && type != descriptor.physicalType()) {
      throw MalformedParquetException.corrupt(
          uri, where + " stores " + type + " but the schema says " + descriptor.physicalType());
    }
    if (descriptor != null && raw.numValues() != rowGroup.numRows()) {
      throw MalformedParquetException.corrupt(
          uri,
          where
              + " has "
              + raw.numValues()
              + " values but the row group has "
              + rowGroup.numRows()
              + " rows");
    }
    return chunk;
  }

  /**
   * A page index structure's bytes, when recorded inside the data area. The page index is optional
   * and redundant with the pages, so a location that cannot be right means no index, not a corrupt
   * file.
   */
  private static Optional<ByteRange> indexRange(long offset, int length, long footerStart) {
    return offset >= 4 && length > 0 && offset + length <= footerStart
        ? Optional.of(new ByteRange(offset, length))
        : Optional.empty();
  }
}
