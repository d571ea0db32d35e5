package io.buzz.storage.parquet.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import io.buzz.storage.parquet.metadata.UnsupportedPageException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** The table of value decoders, and decoders reading in runs. */
class ValuesDecodersTest {
  @Test
  void anEncodingTheTableLacksForTheTypeIsUnsupportedByName() {
    EncodedValues empty = page(new byte[0]);
    assertThatThrownBy(
            () ->
                ValuesDecoders.decoder(
                    ValueKind.BOOLEANS,
                    ParquetEncoding.DELTA_BINARY_PACKED.id(),
                    PhysicalType.BOOLEAN,
                    empty))
        .isInstanceOf(UnsupportedPageException.class)
        .hasMessage("DELTA_BINARY_PACKED encoding of BOOLEAN values");
    assertThatThrownBy(() -> ValuesDecoders.decoder(ValueKind.INTS, 42, PhysicalType.INT32, empty))
        .isInstanceOf(UnsupportedPageException.class)
        .hasMessage("encoding id 42 encoding of INT32 values");
    assertThatThrownBy(
            () ->
                ValuesDecoders.decoder(
                    ValueKind.BINARY,
                    ParquetEncoding.DELTA_LENGTH_BYTE_ARRAY.id(),
                    PhysicalType.FIXED_LEN_BYTE_ARRAY,
                    empty))
        .isInstanceOf(UnsupportedPageException.class)
        .hasMessage("DELTA_LENGTH_BYTE_ARRAY encoding of FIXED_LEN_BYTE_ARRAY values");
  }

  @Test
  void aDecoderIsOnlyHandedOutInItsTypesKind() {
    assertThatThrownBy(
            () ->
                ValuesDecoders.decoder(
                    ValueKind.LONGS,
                    ParquetEncoding.PLAIN.id(),
                    PhysicalType.INT32,
                    page(new byte[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INT32 values decode as INTS");
  }

  @Test
  void plainIntsCopyStraightIntoArrowAndReadIntoArrays() {
    byte[] bytes =
        ByteBuffer.allocate(16)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(7)
            .putInt(-1)
            .putInt(3)
            .putInt(4)
            .array();
    ValuesDecoder<int[]> ints =
        ValuesDecoders.decoder(
            ValueKind.INTS, ParquetEncoding.PLAIN.id(), PhysicalType.INT32, page(bytes));
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBuf buffer = allocator.buffer(16)) {
      assertThat(ints.copyTo(buffer, 1, 2)).isTrue();
      assertThat(buffer.getInt(4)).isEqualTo(7);
      assertThat(buffer.getInt(8)).isEqualTo(-1);
    }
    int[] rest = new int[3];
    ints.read(rest, 1, 2);
    assertThat(rest).containsExactly(0, 3, 4);
    assertThatThrownBy(() -> ints.read(rest, 0, 1))
        .isInstanceOf(MalformedParquetException.class)
        .hasMessage("page values end after 0 bytes, 4 more needed");
  }

  @Test
  void byteArrayDecodersAppendRunsToGrowingValues() {
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      strings.add("https://www.example.com/" + "x".repeat(i % 40) + i);
    }
    byte[][] values = new byte[strings.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
    }
    for (ParquetEncoding encoding :
        List.of(
            ParquetEncoding.PLAIN,
            ParquetEncoding.DELTA_LENGTH_BYTE_ARRAY,
            ParquetEncoding.DELTA_BYTE_ARRAY)) {
      ValuesDecoder<BinaryValues> decoder =
          ValuesDecoders.decoder(
              ValueKind.BINARY,
              encoding.id(),
              PhysicalType.BYTE_ARRAY,
              page(encode(encoding, values)));
      BinaryValues out = new BinaryValues(1, 1, IllegalStateException::new);
      for (int done = 0; done < values.length; done += 7) {
        decoder.read(out, done, Math.min(7, values.length - done));
      }
      List<String> decoded = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        decoded.add(new String(out.bytes(), out.start(i), out.length(i), StandardCharsets.UTF_8));
      }
      assertThat(decoded).as(encoding.name()).containsExactlyElementsOf(strings);
    }
  }

  private static EncodedValues page(byte[] bytes) {
    return new EncodedValues(bytes, 0, bytes.length, -1, Integer.MAX_VALUE);
  }

  private static byte[] encode(ParquetEncoding encoding, byte[][] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] lengths = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      lengths[i] = values[i].length;
    }
    switch (encoding) {
      case PLAIN -> {
        for (byte[] value : values) {
          out.writeBytes(
              ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.length).array());
          out.writeBytes(value);
        }
      }
      case DELTA_LENGTH_BYTE_ARRAY -> {
        out.writeBytes(DeltaBinaryPackedEncoder.encode(lengths));
        for (byte[] value : values) {
          out.writeBytes(value);
        }
      }
      default -> {
        // DELTA_BYTE_ARRAY: prefixes shared with the previous value, then the suffixes
        long[] prefixes = new long[values.length];
        long[] suffixes = new long[values.length];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] previous = new byte[0];
        for (int i = 0; i < values.length; i++) {
          int prefix = 0;
          while (prefix < previous.length
              && prefix < values[i].length
              && previous[prefix] == values[i][prefix]) {
            prefix++;
          }
          prefixes[i] = prefix;
          suffixes[i] = values[i].length - prefix;
          bytes.write(values[i], prefix, values[i].length - prefix);
          previous = values[i];
        }
        out.writeBytes(DeltaBinaryPackedEncoder.encode(prefixes));
        out.writeBytes(DeltaBinaryPackedEncoder.encode(suffixes));
        out.writeBytes(bytes.toByteArray());
      }
    }
    return out.toByteArray();
  }
}
