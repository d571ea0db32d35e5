/**
 * Buzz's own Parquet to Arrow reader: no parquet-mr, no Hadoop, no JNI.
 *
 * <pre>
 *   ParquetFileReader.open(ByteSource)          async: tail read, footer (own Thrift compact decoder)
 *     ├─ columns()   ParquetColumn: ColumnType, or why not ("DECIMAL(10,2)", "nested LIST")
 *     ├─ rowGroups() RowGroupMetadata / ColumnChunkMetadata / ColumnStatistics, for pruning
 *     └─ fetch(rowGroup, columns)               async: one range per column chunk
 *          ▼ RowGroupChunks (heap bytes, hand to a worker thread)
 *   new RowGroupDecoder(chunks, columns, allocator, batchRows)   sync CPU work
 *     hasNext()/next() ▶ Batch of IntVector, BigIntVector, Float8Vector, VarCharVector,
 *                        BitVector, DateDayVector, TimeStampMicroVector
 * </pre>
 *
 * <p>Decoding: pages v1 and v2; UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW; PLAIN, dictionary
 * (PLAIN_DICTIONARY / RLE_DICTIONARY, with fallback to other encodings within a chunk), RLE
 * booleans, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and BYTE_STREAM_SPLIT; definition levels
 * in the RLE/bit-packed hybrid. Everything else (DELTA_BYTE_ARRAY, LZ4 with Hadoop framing, BROTLI,
 * LZO, nested columns) is reported as {@code UNSUPPORTED} naming file, column and what is missing;
 * corrupt input as {@code BAD_QUERY} naming file, column, row group, page and offset.
 */
package io.buzz.storage.parquet;
