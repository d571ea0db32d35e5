/**
 * Parquet's value encodings, one {@link io.buzz.storage.parquet.encoding.ValuesDecoder} each (per
 * value kind), chosen for every page by the table {@link
 * io.buzz.storage.parquet.encoding.ValuesDecoders}: PLAIN, RLE (booleans), DELTA_BINARY_PACKED,
 * DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT. Also the RLE/bit-packed hybrid
 * ({@link io.buzz.storage.parquet.encoding.RleBitPackedDecoder}) that definition levels and
 * dictionary indices use, and {@link io.buzz.storage.parquet.encoding.LittleEndian}.
 *
 * <p>Entry point: {@link io.buzz.storage.parquet.encoding.ValuesDecoders#decoder}, which gives the
 * decoder of a page's values for its encoding and physical type, in the physical type's {@link
 * io.buzz.storage.parquet.encoding.ValueKind} ({@code byte[]}, {@code int[]}, {@code long[]} or
 * {@link io.buzz.storage.parquet.encoding.BinaryValues}), or throws {@code
 * UnsupportedPageException} naming both. Decoders read a run of values per call into primitive
 * arrays (or, for PLAIN fixed-width values, straight into an Arrow buffer), never one call per
 * value; they know nothing of files, columns or nulls. Dictionary-encoded pages are not decoded
 * here: their values are indices, which the column readers gather from the chunk's dictionary
 * (itself decoded with this table's PLAIN decoder).
 *
 * <p><b>How to add an encoding.</b> Write a {@code ValuesDecoder<T>} for each value kind the
 * encoding applies to: it is created for one page from its {@link
 * io.buzz.storage.parquet.encoding.EncodedValues} (a constructor or a static factory taking them),
 * checks what it can there, decodes {@code length} values per {@code read}, and raises {@code
 * MalformedParquetException} for bytes that break the format. Then add one line per physical type
 * to the table in {@code ValuesDecoders}, e.g. {@code add(DELTA_BINARY_PACKED, INT64, LONGS,
 * DeltaBinaryPackedDecoder::longs)}. Every column reader of that physical type then decodes it,
 * with nulls, dictionary fallback and page skipping as for any other encoding. Test it with
 * hand-made pages ({@code HandmadeParquet} and an encoder in the tests). {@code ParquetEncoding}
 * already names every encoding id the format defines.
 */
package io.buzz.storage.parquet.encoding;
