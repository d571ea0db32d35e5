/**
 * Pages of one column chunk: fetched bytes ({@link io.buzz.storage.parquet.page.PageRun}s of {@link
 * io.buzz.storage.parquet.page.ByteSlice}s), page headers parsed, bodies checked (CRC32) and
 * decompressed, data pages v1 and v2 split into definition levels and values.
 *
 * <p>Entry point: {@link io.buzz.storage.parquet.page.PageReader}, whose {@code next()} returns
 * each dictionary or data {@link io.buzz.storage.parquet.page.Page} in turn, passing over data
 * pages before a row the caller skips to without decompressing them. Decompression: {@code
 * PageDecompressor} (Snappy natively through {@code NativeSnappy} when the library loads, else
 * aircompressor's Java code; ZSTD, LZ4, LZ4_RAW, GZIP, BROTLI).
 *
 * <p>{@link io.buzz.storage.parquet.page.ColumnContext} says where a reader is (file, column, row
 * group, page and its offset); the page reader keeps it current, and the column readers use it to
 * turn low-level failures into {@code BuzzException}s. Depends on {@code metadata} only.
 */
package io.buzz.storage.parquet.page;
