package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ByteArrayEncodings.byteStreamSplit;
import static io.buzz.storage.parquet.ByteArrayEncodings.deltaByteArray;
import static io.buzz.storage.parquet.ByteArrayEncodings.deltaLength;
import static io.buzz.storage.parquet.ByteArrayEncodings.split;
import static io.buzz.storage.parquet.HandmadeParquet.bitPacked;
import static io.buzz.storage.parquet.HandmadeParquet.concat;
import static io.buzz.storage.parquet.HandmadeParquet.indices;
import static io.buzz.storage.parquet.HandmadeParquet.plainBinary;
import static io.buzz.storage.parquet.HandmadeParquet.plainInts;
import static io.buzz.storage.parquet.HandmadeParquet.plainLongs;
import static io.buzz.storage.parquet.HandmadeParquet.rleRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/** DECIMAL layouts and encodings DuckDB does not write, and bad decimals, built byte by byte. */
class ParquetDecimalHandmadeTest extends AllocatorTest {
  static final String URI = "file:///decimal.parquet";

  /** ±(10^38 − 1), the DECIMAL(38,s) extremes, and values of every byte length around them. */
  static final List<BigInteger> WIDE =
      List.of(
          BigInteger.TEN.pow(38).subtract(BigInteger.ONE),
          BigInteger.TEN.pow(38).subtract(BigInteger.ONE).negate(),
          BigInteger.ZERO,
          BigInteger.valueOf(127),
          BigInteger.valueOf(-128),
          BigInteger.valueOf(-1),
          BigInteger.valueOf(Long.MIN_VALUE),
          BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
          new BigInteger("-123456789012345678901234567"),
          new BigInteger("98765432109876543210"));

  @Test
  void readsByteArrayDecimalsOfEveryLengthInPlainPagesWithNulls() {
    byte[][] stored = minimal(WIDE);
    byte[] file =
        new HandmadeParquet("amount", PhysicalType.BYTE_ARRAY, true)
            .decimal(38, 4)
            .dataPageV1(
                WIDE.size() + 1,
                ParquetEncoding.PLAIN,
                bitPacked(1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1),
                plainBinary(stored))
            .build();

    assertThat(open(file).column("amount").orElseThrow().arrowType())
        .contains(new ArrowType.Decimal(38, 4, 128));
    List<Object> expected = new ArrayList<>(decimals(WIDE, 4));
    expected.add(3, null);
    for (int batchRows : new int[] {1, 4, 100}) {
      assertThat(column(file, "amount", batchRows)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void readsByteArrayDecimalsInDeltaLengthAndDeltaByteArrayPages() {
    List<BigInteger> values = new ArrayList<>(WIDE);
    values.add(new BigInteger("98765432109876543211")); // shares all but one byte with the last
    values.add(new BigInteger("98765432109876543210"));
    byte[][] stored = minimal(values);
    byte[] file =
        new HandmadeParquet("amount", PhysicalType.BYTE_ARRAY, false)
            .decimal(38, 0)
            .dataPageV2(
                values.size(),
                0,
                ParquetEncoding.DELTA_LENGTH_BYTE_ARRAY,
                null,
                deltaLength(stored))
            .dataPageV2(
                values.size(), 0, ParquetEncoding.DELTA_BYTE_ARRAY, null, deltaByteArray(stored))
            .build();

    List<Object> expected = new ArrayList<>(decimals(values, 0));
    expected.addAll(decimals(values, 0));
    for (int batchRows : new int[] {1, 5, 100}) {
      assertThat(column(file, "amount", batchRows)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void readsByteArrayDecimalsFromADictionaryWithNulls() {
    List<BigInteger> entries = WIDE.subList(0, 4);
    byte[] file =
        new HandmadeParquet("amount", PhysicalType.BYTE_ARRAY, true)
            .decimal(38, 2)
            .dictionaryPage(entries.size(), plainBinary(minimal(entries)))
            .dataPageV1(
                5,
                ParquetEncoding.RLE_DICTIONARY,
                bitPacked(1, 1, 0, 1, 1, 1),
                indices(2, bitPacked(2, 3, 1, 0, 3)))
            .build();

    List<BigDecimal> dictionary = decimals(entries, 2);
    assertThat(column(file, "amount", 2))
        .containsExactly(
            dictionary.get(3), null, dictionary.get(1), dictionary.get(0), dictionary.get(3));
  }

  @Test
  void readsFixedLengthDecimalsInByteStreamSplitAndDeltaByteArrayPages() {
    byte[][] stored = fixed(WIDE, 16);
    byte[] file =
        new HandmadeParquet("amount", PhysicalType.FIXED_LEN_BYTE_ARRAY, true)
            .decimal(38, 10)
            .typeLength(16)
            .dataPageV2(
                WIDE.size() + 1,
                1,
                ParquetEncoding.BYTE_STREAM_SPLIT,
                bitPacked(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0),
                byteStreamSplit(stored))
            .dataPageV2(
                WIDE.size(),
                0,
                ParquetEncoding.DELTA_BYTE_ARRAY,
                rleRun(1, WIDE.size(), 1),
                deltaByteArray(stored))
            .build();

    List<Object> expected = new ArrayList<>(decimals(WIDE, 10));
    expected.add(null);
    expected.addAll(decimals(WIDE, 10));
    for (int batchRows : new int[] {3, 100}) {
      assertThat(column(file, "amount", batchRows)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void readsShortFixedLengthDecimalsFromPlainAndDictionaryPages() {
    // DECIMAL(10,2) in 5 bytes, as Spark writes it; a 5-byte value holds up to 549755813887
    List<BigInteger> values =
        List.of(
            BigInteger.valueOf(9_999_999_999L),
            BigInteger.valueOf(-9_999_999_999L),
            BigInteger.valueOf(-1),
            BigInteger.valueOf(256));
    byte[] file =
        new HandmadeParquet("price", PhysicalType.FIXED_LEN_BYTE_ARRAY, false)
            .decimal(10, 2)
            .typeLength(5)
            .dictionaryPage(2, concat(fixed(values.subList(0, 2), 5)))
            .dataPageV1(
                3, ParquetEncoding.PLAIN_DICTIONARY, null, indices(1, bitPacked(1, 1, 0, 1)))
            .dataPageV1(4, ParquetEncoding.PLAIN, null, concat(fixed(values, 5)))
            .build();

    List<BigDecimal> decimals = decimals(values, 2);
    List<Object> expected =
        new ArrayList<>(List.of(decimals.get(1), decimals.get(0), decimals.get(1)));
    expected.addAll(decimals);
    assertThat(column(file, "price", 2)).containsExactlyElementsOf(expected);
  }

  @Test
  void signExtendsIntegerDecimalsInByteStreamSplitPages() {
    int[] ints = {-99999, 99999, -1, 0, 12345};
    long[] longs = {-999_999_999_999_999_999L, Long.MIN_VALUE + 1, -1, 42};
    byte[] int32 =
        new HandmadeParquet("d", PhysicalType.INT32, false)
            .decimal(5, 3)
            .dataPageV2(5, 0, ParquetEncoding.BYTE_STREAM_SPLIT, null, split(plainInts(ints), 4))
            .build();
    byte[] int64 =
        new HandmadeParquet("d", PhysicalType.INT64, true)
            .decimal(19, 1)
            .dataPageV2(
                5,
                1,
                ParquetEncoding.BYTE_STREAM_SPLIT,
                bitPacked(1, 1, 1, 0, 1, 1),
                split(plainLongs(longs), 8))
            .build();

    assertThat(column(int32, "d", 2))
        .containsExactly(
            new BigDecimal("-99.999"),
            new BigDecimal("99.999"),
            new BigDecimal("-0.001"),
            new BigDecimal("0.000"),
            new BigDecimal("12.345"));
    assertThat(column(int64, "d", 3))
        .containsExactly(
            new BigDecimal("-99999999999999999.9"),
            BigDecimal.valueOf(Long.MIN_VALUE + 1, 1),
            null,
            new BigDecimal("-0.1"),
            new BigDecimal("4.2"));
  }

  @Test
  void readsLegacyConvertedTypeDecimals() {
    byte[] file =
        new HandmadeParquet("d", PhysicalType.INT64, false)
            .legacyDecimal(12, 3)
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainLongs(123_456_789_012L, -5))
            .build();
    byte[] noScale =
        new HandmadeParquet("d", PhysicalType.INT32, false)
            .legacyDecimal(9, -1)
            .dataPageV1(1, ParquetEncoding.PLAIN, null, plainInts(-7))
            .build();

    assertThat(open(file).column("d").orElseThrow().arrowType())
        .contains(new ArrowType.Decimal(12, 3, 128));
    assertThat(open(file).column("d").orElseThrow().type()).contains(ColumnType.DECIMAL128);
    assertThat(column(file, "d", 10))
        .containsExactly(new BigDecimal("123456789.012"), new BigDecimal("-0.005"));
    assertThat(open(noScale).column("d").orElseThrow().arrowType())
        .contains(new ArrowType.Decimal(9, 0, 128));
    assertThat(column(noScale, "d", 10)).containsExactly(new BigDecimal("-7"));
  }

  @Test
  void decimalsBuzzCannotHoldAreUnsupportedWithTheReason() {
    assertThat(reason(PhysicalType.FIXED_LEN_BYTE_ARRAY, 17, 40, 2))
        .isEqualTo("DECIMAL(40,2): more than 38 digits");
    assertThat(reason(PhysicalType.BYTE_ARRAY, -1, 39, 0))
        .isEqualTo("DECIMAL(39,0): more than 38 digits");
    assertThat(reason(PhysicalType.FIXED_LEN_BYTE_ARRAY, 4, 10, 2))
        .isEqualTo("DECIMAL(10,2) on FIXED_LEN_BYTE_ARRAY(4): 4 bytes hold at most 9 digits");
    assertThat(reason(PhysicalType.FIXED_LEN_BYTE_ARRAY, 20, 38, 2))
        .isEqualTo("DECIMAL(38,2) on FIXED_LEN_BYTE_ARRAY(20): not 1 to 16 bytes long");
    assertThat(reason(PhysicalType.INT32, -1, 5, 6))
        .startsWith("DECIMAL(5,6): the precision must be 1 to 38 and the scale 0");
    assertThat(reason(PhysicalType.DOUBLE, -1, 5, 2)).isEqualTo("DECIMAL(5,2) on DOUBLE");

    byte[] file =
        new HandmadeParquet("wide", PhysicalType.FIXED_LEN_BYTE_ARRAY, true)
            .decimal(40, 2)
            .typeLength(17)
            .dataPageV1(1, ParquetEncoding.PLAIN, rleRun(1, 1, 0), new byte[0])
            .build();
    assertThatThrownBy(() -> column(file, "wide", 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("'wide'")
        .hasMessageContaining("DECIMAL(40,2): more than 38 digits");
  }

  @Test
  void aStoredValueWithMoreDigitsThanThePrecisionIsAnErrorNamingTheColumn() {
    byte[] int32 =
        new HandmadeParquet("d", PhysicalType.INT32, false)
            .decimal(4, 2)
            .dataPageV1(3, ParquetEncoding.PLAIN, null, plainInts(9999, -9999, -10000))
            .build();
    byte[] dictionary =
        new HandmadeParquet("d", PhysicalType.INT64, false)
            .decimal(18, 0)
            .dictionaryPage(1, plainLongs(1_000_000_000_000_000_000L))
            .dataPageV1(1, ParquetEncoding.RLE_DICTIONARY, null, indices(1, rleRun(1, 1, 0)))
            .build();

    assertThatThrownBy(() -> column(int32, "d", 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining(URI + ", column 'd', row group 0, page 0")
        .hasMessageContaining("stored value -100.00 has more digits than DECIMAL(4,2) holds");
    assertThatThrownBy(() -> column(dictionary, "d", 10))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("column 'd'")
        .hasMessageContaining(
            "stored value 1000000000000000000 has more digits than DECIMAL(18,0)");
    // 10^38, and -2^127, the one 128-bit value whose magnitude does not fit 128 bits
    for (BigInteger stored :
        List.of(BigInteger.TEN.pow(38), BigInteger.ONE.shiftLeft(127).negate())) {
      byte[] wide =
          new HandmadeParquet("d", PhysicalType.FIXED_LEN_BYTE_ARRAY, false)
              .decimal(38, 0)
              .typeLength(16)
              .dataPageV1(1, ParquetEncoding.PLAIN, null, fixed(List.of(stored), 16)[0])
              .build();
      assertThatThrownBy(() -> column(wide, "d", 10))
          .isInstanceOf(BuzzException.class)
          .hasMessageContaining("stored value " + stored + " has more digits");
    }
  }

  @Test
  void aByteArrayDecimalLongerThanSixteenBytesIsAnErrorNamingTheColumn() {
    byte[] seventeen = new byte[17];
    seventeen[16] = 1; // the value 1, sign-extended to 17 bytes: still too long for DECIMAL128
    byte[] plain =
        new HandmadeParquet("d", PhysicalType.BYTE_ARRAY, false)
            .decimal(38, 0)
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainBinary(new byte[] {5}, seventeen))
            .build();
    byte[] delta =
        new HandmadeParquet("d", PhysicalType.BYTE_ARRAY, false)
            .decimal(38, 0)
            .dataPageV2(1, 0, ParquetEncoding.DELTA_BYTE_ARRAY, null, deltaByteArray(seventeen))
            .build();
    byte[] empty =
        new HandmadeParquet("d", PhysicalType.BYTE_ARRAY, false)
            .decimal(38, 0)
            .dataPageV1(1, ParquetEncoding.PLAIN, null, plainBinary(new byte[0]))
            .build();

    assertThatThrownBy(() -> column(plain, "d", 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining("column 'd', row group 0, page 0")
        .hasMessageContaining("a DECIMAL value of 17 bytes, expected 1 to 16");
    assertThatThrownBy(() -> column(delta, "d", 10))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("column 'd'")
        .hasMessageContaining("a value of 17 bytes is longer than the 16 allowed");
    assertThatThrownBy(() -> column(empty, "d", 10))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("a DECIMAL value of 0 bytes");
  }

  // ---- helpers ----

  private static String reason(PhysicalType type, int length, int precision, int scale) {
    HandmadeParquet builder = new HandmadeParquet("x", type, true).decimal(precision, scale);
    if (length >= 0) {
      builder.typeLength(length);
    }
    byte[] file =
        builder.dataPageV1(1, ParquetEncoding.PLAIN, rleRun(1, 1, 0), new byte[0]).build();
    ParquetColumn column = open(file).column("x").orElseThrow();
    assertThat(column.isSupported()).isFalse();
    assertThat(column.type()).isEmpty();
    return column.unsupportedReason().orElseThrow();
  }

  /** Each value's shortest big-endian two's complement bytes. */
  private static byte[][] minimal(List<BigInteger> values) {
    byte[][] bytes = new byte[values.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = values.get(i).toByteArray();
    }
    return bytes;
  }

  /** Each value's big-endian two's complement in {@code length} bytes (sign-extended). */
  private static byte[][] fixed(List<BigInteger> values, int length) {
    byte[][] bytes = new byte[values.size()][];
    for (int i = 0; i < bytes.length; i++) {
      byte[] minimal = values.get(i).toByteArray();
      byte[] out = new byte[length];
      Arrays.fill(out, 0, length - minimal.length, (byte) (values.get(i).signum() < 0 ? -1 : 0));
      System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
      bytes[i] = out;
    }
    return bytes;
  }

  private static List<BigDecimal> decimals(List<BigInteger> unscaled, int scale) {
    List<BigDecimal> values = new ArrayList<>();
    for (BigInteger value : unscaled) {
      values.add(new BigDecimal(value, scale));
    }
    return values;
  }

  private static ParquetFileReader open(byte[] file) {
    return ParquetTesting.open(URI, file);
  }

  private List<Object> column(byte[] file, String name, int batchRows) {
    return ParquetTesting.column(open(file), name, allocator, batchRows);
  }
}
