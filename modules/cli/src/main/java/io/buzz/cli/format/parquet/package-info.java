/**
 * A small streaming Parquet writer for query results (no parquet-java, no Hadoop): Arrow batches
 * in, one Parquet file out, written front to back so the output may be a pipe. Entry point: {@link
 * io.buzz.cli.format.parquet.ParquetStreamWriter}.
 *
 * <ul>
 *   <li>{@code ColumnLayout}: the table from Arrow types to physical types and annotations;
 *   <li>{@code ColumnChunkWriter}: one column's pages (definition levels from {@code
 *       DefinitionLevels}, PLAIN values, {@code ChunkStatistics}) until its row group is written;
 * </ul>
 *
 * The format's enums (physical types, encodings, codecs) and the Thrift compact protocol writer of
 * the page headers and the footer are the reader's package's, {@code
 * io.buzz.storage.parquet.metadata}, so each is stated once.
 */
package io.buzz.cli.format.parquet;
