/**
 * The Parquet format's structures, decoded with Buzz's own Thrift compact reader ({@code
 * CompactReader}): the footer, page headers and page indexes, and the format's enums.
 *
 * <p>Entry points: {@link io.buzz.storage.parquet.metadata.Footer#decode} (footer bytes to the
 * mapped columns, {@link io.buzz.storage.parquet.metadata.ColumnDescriptor}s, and the row groups'
 * {@link io.buzz.storage.parquet.RowGroupMetadata}, with statistics), {@link
 * io.buzz.storage.parquet.metadata.PageHeader#parse} and {@link
 * io.buzz.storage.parquet.metadata.PageIndexDecoder} (OffsetIndex and ColumnIndex, checked against
 * their chunk).
 *
 * <pre>
 *   footer bytes ─▶ FooterParser (Thrift FileMetaData, ThriftFooter records)
 *                 ─▶ SchemaMapper (ColumnDescriptor: ParquetColumn, physical type, ValueConversion)
 *                 ─▶ RowGroupMetadataBuilder (+ StatisticsDecoder) ─▶ Footer
 * </pre>
 *
 * <p>Also here, because every layer of the reader uses them: {@link
 * io.buzz.storage.parquet.metadata.PhysicalType}, {@link
 * io.buzz.storage.parquet.metadata.ParquetEncoding}, {@link
 * io.buzz.storage.parquet.metadata.ParquetCodec}, {@link
 * io.buzz.storage.parquet.metadata.ValueConversion}, and the two low-level failures: {@link
 * io.buzz.storage.parquet.metadata.MalformedParquetException} (bytes that break the format) and
 * {@link io.buzz.storage.parquet.metadata.UnsupportedPageException} (valid Parquet this reader does
 * not decode), which the readers that know the file and column turn into {@code BuzzException}s.
 *
 * <p>This package depends on no other of the reader's sub-packages; it builds the root package's
 * public value types ({@code ParquetColumn}, {@code RowGroupMetadata}, {@code ColumnChunkMetadata},
 * {@code ColumnStatistics}). Everything here is pure CPU work on byte arrays, with no I/O.
 */
package io.buzz.storage.parquet.metadata;
