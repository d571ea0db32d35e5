/**
 * Typed column readers: one column chunk's pages into Arrow vectors, batch by batch.
 *
 * <p>Entry point: {@link io.buzz.storage.parquet.column.ColumnReader#create}, which picks the
 * reader of a fetched {@link io.buzz.storage.parquet.column.ColumnChunk} by the Arrow values the
 * column decodes to and how its stored values become them:
 *
 * <pre>
 *   BOOLEAN                      BooleanColumnReader   byte[]       ─▶ BitVector
 *   INT32, FLOAT (DATE)          IntColumnReader       int[]        ─▶ 4-byte vectors
 *   INT64, DOUBLE                LongColumnReader      long[]       ─▶ 8-byte vectors (timestamps,
 *   INT32 widened, INT96           .Int64s/.Int32s/    int[],          times, unsigned converted)
 *                                  .Int96s             BinaryValues
 *   FLOAT16                      Float16ColumnReader   BinaryValues ─▶ Float8Vector
 *   BYTE_ARRAY, UUID             VarCharColumnReader   BinaryValues ─▶ VarCharVector
 *   DECIMAL on any of 4 types    DecimalColumnReader   any          ─▶ DecimalVector
 * </pre>
 *
 * <p>{@code ColumnChunkReader}, their base, walks the pages ({@code page.PageReader}), decodes
 * definition levels into validity and dictionary indices, and asks {@code encoding.ValuesDecoders}
 * for each data page's decoder: the typed readers never look at an encoding, they read runs of
 * values from the decoder they are given, convert them, spread them over the rows and bulk-copy
 * them into Arrow. Single-threaded; failures become {@code BuzzException}s naming the file, column,
 * row group and page ({@code page.ColumnContext}).
 */
package io.buzz.storage.parquet.column;
