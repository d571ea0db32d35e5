/**
 * Buzz's own Parquet to Arrow reader: no parquet-mr, no Hadoop, no JNI.
 *
 * <pre>
 *   ParquetFileReader.open(ByteSource)          async: tail read, footer (own Thrift compact decoder)
 *     ├─ columns()   ParquetColumn: Arrow type, or why not ("DECIMAL(40,2): more than 38 digits")
 *     ├─ rowGroups() RowGroupMetadata / ColumnChunkMetadata / ColumnStatistics, for pruning
 *     ├─ readPageIndex(groups, columns)         async, optional: PageIndex / ColumnPageIndex,
 *     │                                         page locations and statistics, for page pruning
 *     └─ fetch(rowGroup, columns[, rows, index]) async: one range per column chunk, or only the
 *          │                                    dictionary and the pages holding those rows
 *          ▼ RowGroupChunks (heap bytes, hand to a worker thread)
 *   new RowGroupDecoder(chunks, columns, allocator, batchRows)   sync CPU work
 *     hasNext()/next() ▶ Batch of IntVector, BigIntVector, Float4Vector, Float8Vector,
 *                        VarCharVector, BitVector, DateDayVector, TimeStampMicroVector,
 *                        TimeMicroVector, DecimalVector
 * </pre>
 *
 * <p>Decoding: pages v1 and v2; UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW, LZ4, BROTLI; PLAIN,
 * dictionary (PLAIN_DICTIONARY / RLE_DICTIONARY, with fallback to other encodings within a chunk),
 * RLE booleans, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY (strings and DECIMAL
 * byte arrays) and BYTE_STREAM_SPLIT; definition levels in the RLE/bit-packed hybrid. DECIMALs of
 * up to 38 digits, on INT32, INT64, FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY, become DECIMAL128 exactly;
 * FLOAT stays FLOAT32 (DOUBLE is FLOAT64, FLOAT16 is widened to it); TIME of any unit (LogicalType
 * or the legacy TIME_MILLIS / TIME_MICROS) becomes TIME_MICROS, nanoseconds floor-divided.
 * Everything else (LZO, nested columns, an encoding a physical type does not allow) is reported as
 * {@code UNSUPPORTED} naming file, column and what is missing; corrupt input (a DECIMAL value
 * beyond its precision included) as {@code BAD_QUERY} naming file, column, row group, page and
 * offset.
 *
 * <p>Entry point: {@link io.buzz.storage.parquet.ParquetFileReader#open}. This package holds the
 * classes other modules use ({@code ParquetFileReader}, {@code RowGroupDecoder}, {@code
 * FooterCache}), the public value types ({@code ParquetColumn}, {@code RowGroupMetadata}, {@code
 * ColumnChunkMetadata}, {@code ColumnStatistics}, {@code PageIndex}, {@code RowGroupChunks}) and
 * the I/O planning behind {@code fetch} and {@code readPageIndex} ({@code PagePlanner}, {@code
 * PageIndexReader}). The format is in sub-packages whose dependencies point one way, column ─▶
 * page, encoding ─▶ metadata (which uses only this package's value types):
 *
 * <ul>
 *   <li>{@code metadata}: the footer, page headers and page indexes, decoded with an own Thrift
 *       compact reader; the format's enums and the low-level exceptions;
 *   <li>{@code page}: a chunk's pages: headers, CRCs, decompression, levels and values split;
 *   <li>{@code encoding}: one values decoder per encoding, chosen by the table {@code
 *       ValuesDecoders} by encoding and physical type;
 *   <li>{@code column}: typed column readers, filling Arrow vectors from those decoders.
 * </ul>
 */
package io.buzz.storage.parquet;
