package io.buzz.storage.parquet.page;

/**
 * A decompressed page, valid until the next call to {@link PageReader#next()} (the buffers may be
 * reused). Definition levels are {@code buf[levelsOffset, levelsEnd)} in the RLE/bit-packed hybrid
 * without a length prefix (empty for REQUIRED columns); values are {@code values[valuesOffset,
 * valuesEnd)} in {@code encoding}.
 *
 * @param dictionary true for a dictionary page (then there are no levels)
 * @param numValues values in the page, nulls included
 * @param firstRow for a data page, the row (in the row group) of its first value
 * @param encoding the values' encoding as a Thrift id
 */
public record Page(
    boolean dictionary,
    int numValues,
    long firstRow,
    int encoding,
    byte[] levels,
    int levelsOffset,
    int levelsEnd,
    byte[] values,
    int valuesOffset,
    int valuesEnd) {}
