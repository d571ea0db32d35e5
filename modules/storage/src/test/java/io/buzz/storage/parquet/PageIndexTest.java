package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.HandmadeParquet.bitPacked;
import static io.buzz.storage.parquet.HandmadeParquet.indices;
import static io.buzz.storage.parquet.HandmadeParquet.plainLongs;
import static io.buzz.storage.parquet.HandmadeParquet.plainStrings;
import static io.buzz.storage.parquet.HandmadeParquet.rleRun;
import static io.buzz.storage.parquet.ParquetTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.RowRanges;
import io.buzz.storage.io.InMemoryByteSource;
import io.buzz.storage.parquet.HandmadePageIndex.Location;
import io.buzz.storage.parquet.HandmadePageIndex.PageBounds;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading the page index (OffsetIndex, ColumnIndex) and decoding only the pages of some rows. */
class PageIndexTest extends AllocatorTest {
  static final String URI = "file:///indexed.parquet";

  /** Column "id", INT64 required, 4 pages of 5 sorted values 0..19, with its page index. */
  private static byte[] sortedIds() {
    HandmadeParquet file = new HandmadeParquet("id", PhysicalType.INT64, false);
    PageBounds[] bounds = new PageBounds[4];
    for (int page = 0; page < 4; page++) {
      long first = 5L * page;
      file.dataPageV1(
          5,
          ParquetEncoding.PLAIN,
          null,
          plainLongs(first, first + 1, first + 2, first + 3, first + 4));
      bounds[page] = PageBounds.of(plainLongs(first), plainLongs(first + 4), 0);
    }
    return file.columnIndex(bounds).columnOrder(1).build();
  }

  @Test
  void readsPageLocationsAndStatistics() {
    ParquetFileReader reader = ParquetTesting.open(URI, sortedIds());

    PageIndex index = await(reader.readPageIndex(List.of(0), List.of("id"), List.of("id")));

    assertThat(index.ignored()).isEmpty();
    ColumnPageIndex pages = index.column(0, "id").orElseThrow();
    assertThat(pages.pageCount()).isEqualTo(4);
    assertThat(pages.firstRow(2)).isEqualTo(10);
    assertThat(pages.endRow(3)).isEqualTo(20);
    assertThat(pages.hasStatistics()).isTrue();
    assertThat(pages.statistics(1).min()).contains(5L);
    assertThat(pages.statistics(1).max()).contains(9L);
    assertThat(pages.statistics(1).nullCount()).hasValue(0);
  }

  @Test
  void fetchesAndDecodesOnlyThePagesHoldingTheRowsAsked() {
    ParquetFileReader reader = ParquetTesting.open(URI, sortedIds());
    PageIndex index = await(reader.readPageIndex(List.of(0), List.of(), List.of("id")));
    RowRanges rows = RowRanges.builder().add(7, 9).add(16, 18).build();

    RowGroupChunks chunks = await(reader.fetch(0, List.of("id"), rows, index));

    assertThat(chunks.pagesSkipped()).isEqualTo(2);
    assertThat(PageCounter.dataPages(chunks, "id")).isEqualTo(2);
    assertThat(chunks.sizeInBytes())
        .isLessThan(reader.rowGroups().get(0).chunk("id").orElseThrow().totalCompressedSize());
    for (int batchRows : new int[] {1, 2, 3, 100}) {
      assertThat(decode(chunks, "id", batchRows))
          .as("batchRows %d", batchRows)
          .containsExactly(7L, 8L, 16L, 17L);
    }
    try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, List.of("id"), allocator, 100)) {
      while (decoder.hasNext()) {
        decoder.next().close();
      }
      assertThat(decoder.pagesRead()).isEqualTo(2);
    }
  }

  @Test
  void anyRowsDecodeExactlyAsTheWholeChunkHasThem() {
    // optional strings: a dictionary page, dictionary pages, a PLAIN fallback, NULLs, a NULL page
    HandmadeParquet file =
        new HandmadeParquet("s", PhysicalType.BYTE_ARRAY, true)
            .convertedType(0)
            .dictionaryPage(3, plainStrings("a", "b", "c"))
            .dataPageV1(
                6,
                ParquetEncoding.RLE_DICTIONARY,
                bitPacked(1, 1, 0, 1, 1, 1, 0),
                indices(2, bitPacked(2, 0, 1, 2, 0)))
            .dataPageV1(4, ParquetEncoding.RLE_DICTIONARY, rleRun(1, 4, 0), new byte[0])
            .dataPageV1(
                5, ParquetEncoding.PLAIN, rleRun(1, 5, 1), plainStrings("v", "w", "x", "y", "z"))
            .dataPageV1(
                3,
                ParquetEncoding.RLE_DICTIONARY,
                rleRun(1, 3, 1),
                indices(2, bitPacked(2, 2, 2, 1)));
    ParquetFileReader reader = ParquetTesting.open(URI, file.offsetIndex().build());
    List<Object> whole = ParquetTesting.column(reader, "s", allocator, 1000);
    PageIndex index = await(reader.readPageIndex(List.of(0), List.of(), List.of("s")));
    Random random = new Random(7);

    for (int round = 0; round < 300; round++) {
      List<Object> expected = new ArrayList<>();
      RowRanges rows = ParquetTesting.randomRows(random, whole, expected);
      RowGroupChunks chunks = await(reader.fetch(0, List.of("s"), rows, index));
      int batchRows = 1 + random.nextInt(7);
      assertThat(decode(chunks, "s", batchRows))
          .as("%s in batches of %d", rows, batchRows)
          .isEqualTo(expected);
    }
  }

  @Test
  void pagesOfOnlyNullsCountTheirRowsAndHaveNoBounds() {
    byte[] bytes =
        new HandmadeParquet("n", PhysicalType.INT64, true)
            .dataPageV1(3, ParquetEncoding.PLAIN, rleRun(1, 3, 1), plainLongs(1, 2, 3))
            .dataPageV1(4, ParquetEncoding.PLAIN, rleRun(1, 4, 0), new byte[0])
            .columnIndex(PageBounds.of(plainLongs(1), plainLongs(3), -1), PageBounds.onlyNulls(-1))
            .columnOrder(1)
            .build();
    ParquetFileReader reader = ParquetTesting.open(URI, bytes);

    ColumnPageIndex pages = index(reader, "n");

    assertThat(pages.statistics(0).nullCount()).isEmpty(); // null_counts not written
    assertThat(pages.statistics(0).max()).contains(3L);
    assertThat(pages.statistics(1).nullCount()).hasValue(4);
    assertThat(pages.statistics(1).min()).isEmpty();
    assertThat(pages.statistics(1).max()).isEmpty();
    RowGroupChunks chunks =
        await(reader.fetch(0, List.of("n"), RowRanges.of(2, 5), indexOf(reader, "n")));
    assertThat(decode(chunks, "n", 2)).containsExactly(3L, null, null);
  }

  @Test
  void boundsBuzzCannotOrderAreDropped() {
    // DOUBLE: a NaN bound is no bound
    byte[] nan =
        new HandmadeParquet("x", PhysicalType.DOUBLE, false)
            .dataPageV1(1, ParquetEncoding.PLAIN, null, doubles(1.5))
            .columnIndex(PageBounds.of(doubles(Double.NaN), doubles(1.5), 0))
            .columnOrder(1)
            .build();
    ColumnPageIndex doubles = index(ParquetTesting.open(URI, nan), "x");
    assertThat(doubles.statistics(0).min()).isEmpty();
    assertThat(doubles.statistics(0).max()).contains(1.5);

    // strings: kept in a type-defined order, dropped without column_orders or when not UTF-8
    assertThat(stringBounds(1, "b", "d").min()).contains("b");
    assertThat(stringBounds(-1, "b", "d").min()).isEmpty();
    assertThat(stringBounds(2, "b", "d").min()).isEmpty(); // an order Buzz does not know
    byte[] truncated = "日".getBytes(StandardCharsets.UTF_8);
    ColumnStatistics cut =
        stringBounds(1, new byte[] {truncated[0], truncated[1]}, plainBound("z"));
    assertThat(cut.min()).isEmpty();
    assertThat(cut.max()).isEmpty();

    // numbers without column_orders: signed order, as the deprecated min/max
    byte[] legacy =
        new HandmadeParquet("id", PhysicalType.INT64, false)
            .dataPageV1(1, ParquetEncoding.PLAIN, null, plainLongs(-4))
            .columnIndex(PageBounds.of(plainLongs(-4), plainLongs(-4), 0))
            .build();
    assertThat(index(ParquetTesting.open(URI, legacy), "id").statistics(0).min()).contains(-4L);
  }

  @Test
  void aFileWithoutAPageIndexIsReadWhole() {
    byte[] bytes =
        new HandmadeParquet("id", PhysicalType.INT64, false)
            .dataPageV1(3, ParquetEncoding.PLAIN, null, plainLongs(1, 2, 3))
            .dataPageV1(3, ParquetEncoding.PLAIN, null, plainLongs(4, 5, 6))
            .build();
    ParquetFileReader reader = ParquetTesting.open(URI, bytes);
    PageIndex index = await(reader.readPageIndex(List.of(0), List.of("id"), List.of("id")));

    assertThat(index.column(0, "id")).isEmpty();
    assertThat(index.ignored()).isEmpty();
    RowGroupChunks chunks = await(reader.fetch(0, List.of("id"), RowRanges.of(4, 5), index));
    assertThat(chunks.pagesSkipped()).isZero();
    assertThat(decode(chunks, "id", 8)).containsExactly(5L);
  }

  @Test
  void anIndexThatDoesNotParseOrFitIsIgnoredAndNamed() {
    HandmadeParquet garbled = pagesOfIds().offsetIndex(new byte[] {0x19, 0x7c, 0x01});
    PageIndex index = readIndex(garbled.build());
    assertThat(index.column(0, "id")).isEmpty();
    assertThat(index.ignored())
        .singleElement()
        .asString()
        .contains(URI, "column 'id'", "row group 0", "ignored");

    HandmadeParquet badStatistics = pagesOfIds();
    badStatistics.offsetIndex().columnIndex(new byte[] {0x15, 0x02});
    index = readIndex(badStatistics.build());
    assertThat(index.column(0, "id").orElseThrow().hasStatistics()).isFalse();
    assertThat(index.ignored()).singleElement().asString().contains("ColumnIndex is ignored");

    HandmadeParquet outside = pagesOfIds();
    List<Location> pages = new ArrayList<>(outside.locations());
    pages.set(1, new Location(pages.get(1).offset() + 1000, pages.get(1).size(), 3));
    outside.offsetIndex(HandmadePageIndex.offsetIndex(pages));
    assertThat(readIndex(outside.build()).ignored())
        .singleElement()
        .asString()
        .contains("page 1", "not after the previous page inside the chunk");
  }

  @Test
  void pagesHoldingOtherRowsThanTheirIndexSaysAreACorruptFile() {
    HandmadeParquet lying = pagesOfIds();
    List<Location> pages = new ArrayList<>(lying.locations());
    // page 1 really holds rows [3, 6): the index says [4, 6)
    pages.set(1, new Location(pages.get(1).offset(), pages.get(1).size(), 4));
    ParquetFileReader reader =
        ParquetTesting.open(URI, lying.offsetIndex(HandmadePageIndex.offsetIndex(pages)).build());
    PageIndex index = await(reader.readPageIndex(List.of(0), List.of(), List.of("id")));
    RowGroupChunks chunks = await(reader.fetch(0, List.of("id"), RowRanges.of(4, 5), index));

    assertThatThrownBy(() -> decode(chunks, "id", 8))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining(URI)
        .hasMessageContaining("column 'id'")
        .hasMessageContaining("offset index says");
  }

  @Test
  void thePageIndexCostsOneReadOrNoneWhenTheFooterReadHadIt() {
    byte[] bytes = sortedIds();
    InMemoryByteSource source = new InMemoryByteSource(URI, bytes);
    ParquetFileReader reader = await(ParquetFileReader.open(source));
    long before = source.stats().requests();
    await(reader.readPageIndex(List.of(0), List.of("id"), List.of("id")));
    assertThat(source.stats().requests()).isEqualTo(before);

    InMemoryByteSource far = new InMemoryByteSource(URI, bytes);
    ParquetFileReader small = await(ParquetFileReader.open(far, 8));
    before = far.stats().requests();
    PageIndex index = await(small.readPageIndex(List.of(0), List.of("id"), List.of("id")));
    assertThat(far.stats().requests()).isEqualTo(before + 1);
    assertThat(index.column(0, "id").orElseThrow().hasStatistics()).isTrue();
  }

  /** Column "id", INT64 required, pages of 3 values 0..8, without an index yet. */
  private static HandmadeParquet pagesOfIds() {
    return new HandmadeParquet("id", PhysicalType.INT64, false)
        .dataPageV1(3, ParquetEncoding.PLAIN, null, plainLongs(0, 1, 2))
        .dataPageV1(3, ParquetEncoding.PLAIN, null, plainLongs(3, 4, 5))
        .dataPageV1(3, ParquetEncoding.PLAIN, null, plainLongs(6, 7, 8));
  }

  private static PageIndex readIndex(byte[] file) {
    return await(
        ParquetTesting.open(URI, file).readPageIndex(List.of(0), List.of("id"), List.of()));
  }

  private static PageIndex indexOf(ParquetFileReader reader, String column) {
    PageIndex index = await(reader.readPageIndex(List.of(0), List.of(column), List.of()));
    assertThat(index.ignored()).isEmpty();
    return index;
  }

  private static ColumnPageIndex index(ParquetFileReader reader, String column) {
    return indexOf(reader, column).column(0, column).orElseThrow();
  }

  private static ColumnStatistics stringBounds(int order, String min, String max) {
    return stringBounds(order, plainBound(min), plainBound(max));
  }

  private static ColumnStatistics stringBounds(int order, byte[] min, byte[] max) {
    HandmadeParquet file =
        new HandmadeParquet("s", PhysicalType.BYTE_ARRAY, false)
            .convertedType(0)
            .dataPageV1(1, ParquetEncoding.PLAIN, null, plainStrings("c"))
            .columnIndex(PageBounds.of(min, max, 0));
    if (order >= 0) {
      file.columnOrder(order);
    }
    return index(ParquetTesting.open(URI, file.build()), "s").statistics(0);
  }

  private static byte[] plainBound(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] doubles(double value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array();
  }

  private List<Object> decode(RowGroupChunks chunks, String column, int batchRows) {
    List<Object> values = new ArrayList<>();
    for (List<Object> row : ParquetTesting.decode(chunks, List.of(column), allocator, batchRows)) {
      values.add(row.get(0));
    }
    return values;
  }
}
