package io.buzz.storage.parquet.encoding;

/**
 * A page's encoded values, {@code bytes[offset, end)}, and what decoding them needs to know of the
 * column: the input of a {@link ValuesDecoders} factory.
 *
 * @param typeLength bytes per FIXED_LEN_BYTE_ARRAY value; -1 for other types
 * @param maxLength the longest byte array the caller accepts (bounds what DELTA_BYTE_ARRAY may
 *     rebuild from a corrupt page)
 */
public record EncodedValues(byte[] bytes, int offset, int end, int typeLength, int maxLength) {}
