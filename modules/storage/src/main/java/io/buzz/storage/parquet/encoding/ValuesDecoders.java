package io.buzz.storage.parquet.encoding;

import static io.buzz.storage.parquet.encoding.ValueKind.BINARY;
import static io.buzz.storage.parquet.encoding.ValueKind.BOOLEANS;
import static io.buzz.storage.parquet.encoding.ValueKind.INTS;
import static io.buzz.storage.parquet.encoding.ValueKind.LONGS;
import static io.buzz.storage.parquet.metadata.ParquetEncoding.BYTE_STREAM_SPLIT;
import static io.buzz.storage.parquet.metadata.ParquetEncoding.DELTA_BINARY_PACKED;
import static io.buzz.storage.parquet.metadata.ParquetEncoding.DELTA_BYTE_ARRAY;
import static io.buzz.storage.parquet.metadata.ParquetEncoding.DELTA_LENGTH_BYTE_ARRAY;
import static io.buzz.storage.parquet.metadata.ParquetEncoding.PLAIN;
import static io.buzz.storage.parquet.metadata.ParquetEncoding.RLE;
import static io.buzz.storage.parquet.metadata.PhysicalType.BOOLEAN;
import static io.buzz.storage.parquet.metadata.PhysicalType.BYTE_ARRAY;
import static io.buzz.storage.parquet.metadata.PhysicalType.DOUBLE;
import static io.buzz.storage.parquet.metadata.PhysicalType.FIXED_LEN_BYTE_ARRAY;
import static io.buzz.storage.parquet.metadata.PhysicalType.FLOAT;
import static io.buzz.storage.parquet.metadata.PhysicalType.INT32;
import static io.buzz.storage.parquet.metadata.PhysicalType.INT64;
import static io.buzz.storage.parquet.metadata.PhysicalType.INT96;

import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import io.buzz.storage.parquet.metadata.UnsupportedPageException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The table of value decoders: which encodings of which physical types this reader decodes, and
 * with what. Every column reader asks it for the decoder of each data page (and PLAIN for its
 * dictionary page); an encoding missing here is {@code UNSUPPORTED} for that type, with the same
 * message everywhere. Dictionary-encoded data pages (PLAIN_DICTIONARY, RLE_DICTIONARY) are not
 * here: their values are indices into the chunk's dictionary, which the column readers gather.
 *
 * <p>A new encoding is one {@link ValuesDecoder} per value kind it applies to, and one {@code add}
 * line per physical type below.
 */
public final class ValuesDecoders {
  /** Creates the decoder of one page's values. */
  @FunctionalInterface
  interface Factory<T> {
    ValuesDecoder<T> create(EncodedValues page);
  }

  private static final Map<PhysicalType, Map<ParquetEncoding, Factory<?>>> TABLE =
      new EnumMap<>(PhysicalType.class);

  static {
    add(PLAIN, BOOLEAN, BOOLEANS, PlainDecoder::booleans);
    add(PLAIN, INT32, INTS, PlainDecoder::ints);
    add(PLAIN, FLOAT, INTS, PlainDecoder::ints);
    add(PLAIN, INT64, LONGS, PlainDecoder::longs);
    add(PLAIN, DOUBLE, LONGS, PlainDecoder::longs);
    add(PLAIN, INT96, BINARY, PlainDecoder::int96);
    add(PLAIN, BYTE_ARRAY, BINARY, PlainDecoder::binary);
    add(PLAIN, FIXED_LEN_BYTE_ARRAY, BINARY, PlainDecoder::fixed);
    add(RLE, BOOLEAN, BOOLEANS, RleBooleanDecoder::new);
    add(DELTA_BINARY_PACKED, INT32, INTS, DeltaBinaryPackedDecoder::ints);
    add(DELTA_BINARY_PACKED, INT64, LONGS, DeltaBinaryPackedDecoder::longs);
    add(DELTA_LENGTH_BYTE_ARRAY, BYTE_ARRAY, BINARY, DeltaLengthByteArrayDecoder::new);
    add(DELTA_BYTE_ARRAY, BYTE_ARRAY, BINARY, DeltaByteArrayDecoder::new);
    add(DELTA_BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, BINARY, DeltaByteArrayDecoder::new);
    add(BYTE_STREAM_SPLIT, INT32, INTS, ByteStreamSplitDecoder::ints);
    add(BYTE_STREAM_SPLIT, FLOAT, INTS, ByteStreamSplitDecoder::ints);
    add(BYTE_STREAM_SPLIT, INT64, LONGS, ByteStreamSplitDecoder::longs);
    add(BYTE_STREAM_SPLIT, DOUBLE, LONGS, ByteStreamSplitDecoder::longs);
    add(BYTE_STREAM_SPLIT, FIXED_LEN_BYTE_ARRAY, BINARY, ByteStreamSplitDecoder::fixed);
  }

  private ValuesDecoders() {}

  private static <T> void add(
      ParquetEncoding encoding, PhysicalType type, ValueKind<T> kind, Factory<T> factory) {
    checkKind(type, kind);
    TABLE.computeIfAbsent(type, t -> new EnumMap<>(ParquetEncoding.class)).put(encoding, factory);
  }

  /**
   * The decoder of {@code page}, whose {@code type} values are in encoding {@code encoding} (a
   * Thrift id).
   *
   * @param kind the form the caller wants, which must be {@code type}'s
   * @throws UnsupportedPageException when this reader does not decode the encoding for the type (an
   *     unknown id included)
   */
  @SuppressWarnings("unchecked") // add() keeps each type's factories to the type's kind
  public static <T> ValuesDecoder<T> decoder(
      ValueKind<T> kind, int encoding, PhysicalType type, EncodedValues page) {
    checkKind(type, kind);
    ParquetEncoding known = ParquetEncoding.fromId(encoding);
    Factory<?> factory = known == null ? null : TABLE.getOrDefault(type, Map.of()).get(known);
    if (factory == null) {
      throw new UnsupportedPageException(
          ParquetEncoding.describe(encoding) + " encoding of " + type + " values");
    }
    return ((Factory<T>) factory).create(page);
  }

  private static void checkKind(PhysicalType type, ValueKind<?> kind) {
    if (ValueKind.of(type) != kind) {
      throw new IllegalArgumentException(type + " values decode as " + ValueKind.of(type));
    }
  }
}
