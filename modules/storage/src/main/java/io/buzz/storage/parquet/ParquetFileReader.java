package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.metadata.MalformedParquetException.corrupt;
import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.RowRanges;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.parquet.metadata.ColumnDescriptor;
import io.buzz.storage.parquet.metadata.Footer;
import io.buzz.storage.parquet.page.ByteSlice;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Buzz's own Parquet reader: footer, schema mapping, and fetching of column chunks.
 *
 * <pre>
 *   open(source)            readTail(64 KiB) ──▶ footer longer? read the rest ──▶ parse, map schema
 *   readPageIndex(groups, …) optional: one read for the chosen chunks' OffsetIndex / ColumnIndex
 *   fetch(rowGroup, cols)   one range per column chunk ──▶ source.read(ranges) (coalesced there)
 *   fetch(rowGroup, cols, rows, pageIndex)   only the pages holding those rows, per column
 *   new RowGroupDecoder(chunks, cols, allocator, batchRows)   CPU work, on a worker thread
 * </pre>
 *
 * <p>I/O is asynchronous and separate from decoding: {@link #open} and {@link #fetch} only issue
 * reads on the {@link ByteSource} (plus parsing the footer, a few KiB of Thrift), and the returned
 * {@link RowGroupChunks} are decoded synchronously by a {@link RowGroupDecoder} wherever the caller
 * wants the CPU work to run.
 *
 * <p>The reader does not own the source: the caller closes it after the last fetch. The reader is
 * immutable after open and safe to use from several threads.
 *
 * <p>Errors: a file that is not valid Parquet (too small, bad magic, a footer that does not parse,
 * chunks outside the file) fails with {@code BAD_QUERY} naming the file; encrypted footers, chunks
 * in other files and unknown codecs with {@code UNSUPPORTED}; source failures pass through.
 */
public final class ParquetFileReader {
  /** Bytes read from the end of the file by the first request; most footers fit. */
  public static final int DEFAULT_TAIL_GUESS = 64 * 1024;

  /**
   * A file whose listed length is at most this is read whole by its first request, and its column
   * chunks come from those bytes: at S3's ~90 MB/s per connection a MiB takes ~11 ms, less than the
   * round trip (20–60 ms to the first byte) that a second request for the chunks would cost.
   */
  public static final int WHOLE_FILE_BYTES = 1 << 20;

  private static final int MAGIC = 0x31524150; // "PAR1" little-endian
  private static final int ENCRYPTED_MAGIC = 0x45524150; // "PARE"

  private final ByteSource source;
  private final long fileLength;
  private final Footer footer;
  private final List<ColumnDescriptor> descriptors;
  private final List<ParquetColumn> columns;
  private final List<RowGroupMetadata> rowGroups;
  private final int footerLength;

  /** The tail read's bytes before the footer, where page indexes usually are; null if none. */
  private final ByteSlice tail;

  private final long tailOffset;

  /** Whether chunks inside {@link #tail} come from it: not for cached readers (version check). */
  private final boolean chunksFromTail;

  private ParquetFileReader(
      ByteSource source,
      long fileLength,
      int footerLength,
      Footer footer,
      ByteSlice tail,
      long tailOffset,
      boolean chunksFromTail) {
    this.source = source;
    this.chunksFromTail = chunksFromTail && tail != null;
    this.fileLength = fileLength;
    this.footerLength = footerLength;
    this.footer = footer;
    this.tail = tail;
    this.tailOffset = tailOffset;
    this.descriptors = footer.columns();
    List<ParquetColumn> publicColumns = new ArrayList<>(descriptors.size());
    for (ColumnDescriptor descriptor : descriptors) {
      publicColumns.add(descriptor.column());
    }
    this.columns = List.copyOf(publicColumns);
    this.rowGroups = footer.rowGroups();
  }

  /** Opens with a {@link #DEFAULT_TAIL_GUESS} first read. */
  public static Future<ParquetFileReader> open(ByteSource source) {
    return open(source, DEFAULT_TAIL_GUESS);
  }

  /**
   * Opens a file whose length was listed ({@code listedLength}, 0 or less when unknown): one read
   * of the whole file when it is at most {@link #WHOLE_FILE_BYTES}, else as {@link #open}.
   */
  public static Future<ParquetFileReader> openListed(ByteSource source, long listedLength) {
    boolean small = listedLength >= 8 && listedLength <= WHOLE_FILE_BYTES;
    return open(source, small ? (int) listedLength : DEFAULT_TAIL_GUESS);
  }

  /**
   * Reads and parses the footer: one tail read of {@code tailGuess} bytes, and a second read only
   * when the footer is longer than that.
   */
  public static Future<ParquetFileReader> open(ByteSource source, int tailGuess) {
    requireNonNull(source, "source is null");
    if (tailGuess < 8) {
      throw new IllegalArgumentException("tailGuess must be at least 8: " + tailGuess);
    }
    return source
        .readTail(tailGuess)
        .compose(tail -> source.length().compose(length -> openWithTail(source, tail, length)));
  }

  private static Future<ParquetFileReader> openWithTail(
      ByteSource source, ByteBuffer tail, long fileLength) {
    String uri = source.uri();
    if (fileLength < 12) {
      return Future.failedFuture(
          corrupt(uri, "the file has " + fileLength + " bytes, too few for Parquet"));
    }
    ByteBuffer le = tail.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int tailLength = le.remaining();
    if (tailLength < 8) {
      return Future.failedFuture(corrupt(uri, "the tail read returned " + tailLength + " bytes"));
    }
    int magic = le.getInt(le.position() + tailLength - 4);
    if (magic == ENCRYPTED_MAGIC) {
      return Future.failedFuture(
          new BuzzException(
              ErrorCode.UNSUPPORTED, uri + ": encrypted Parquet footers are not supported"));
    }
    if (magic != MAGIC) {
      return Future.failedFuture(
          corrupt(uri, "no PAR1 magic at the end (offset " + (fileLength - 4) + ")"));
    }
    if (tailLength >= fileLength && le.getInt(le.position()) != MAGIC) {
      return Future.failedFuture(corrupt(uri, "no PAR1 magic at the start (offset 0)"));
    }
    long footerLength = le.getInt(le.position() + tailLength - 8) & 0xFFFFFFFFL;
    long footerStart = fileLength - 8 - footerLength;
    if (footerLength == 0 || footerStart < 4) {
      return Future.failedFuture(
          corrupt(
              uri,
              "footer length "
                  + footerLength
                  + " (at offset "
                  + (fileLength - 8)
                  + ") does not fit a file of "
                  + fileLength
                  + " bytes"));
    }
    Future<ByteBuffer> footerBytes;
    ByteSlice beforeFooter = null;
    if (footerLength + 8 <= tailLength) {
      beforeFooter =
          ByteSlice.of(
              tail.duplicate().limit(tail.position() + tailLength - 8 - (int) footerLength));
      int at = (int) (tailLength - 8 - footerLength);
      footerBytes =
          Future.succeededFuture(
              tail.duplicate()
                  .position(tail.position() + at)
                  .limit(tail.position() + at + (int) footerLength)
                  .slice());
    } else {
      footerBytes = source.read(footerStart, (int) footerLength);
    }
    ByteSlice kept = beforeFooter;
    return footerBytes.map(bytes -> parse(source, bytes, footerStart, fileLength, kept));
  }

  private static ParquetFileReader parse(
      ByteSource source,
      ByteBuffer footerBytes,
      long footerStart,
      long fileLength,
      ByteSlice beforeFooter) {
    int footerLength = footerBytes.remaining();
    ByteSlice slice = ByteSlice.of(footerBytes);
    Footer footer =
        Footer.decode(source.uri(), slice.array(), slice.offset(), slice.end(), footerStart);
    long tailOffset = beforeFooter == null ? -1 : footerStart - beforeFooter.length();
    return new ParquetFileReader(
        source, fileLength, footerLength, footer, beforeFooter, tailOffset, true);
  }

  /**
   * A reader of the same file through another source (the same object, e.g. in a later task),
   * reusing this reader's parsed footer and tail bytes: no I/O.
   *
   * @throws IllegalArgumentException when {@code other} names another file
   */
  public ParquetFileReader withSource(ByteSource other) {
    requireNonNull(other, "other is null");
    if (!other.uri().equals(source.uri())) {
      throw new IllegalArgumentException(other.uri() + " is not " + source.uri());
    }
    return new ParquetFileReader(other, fileLength, footerLength, footer, tail, tailOffset, false);
  }

  /**
   * This reader as a footer cache keeps it: of a small file read whole, only the bytes a {@link
   * #DEFAULT_TAIL_GUESS} tail read would have kept (where page indexes usually are), copied, so the
   * cache neither weighs nor pins the whole file.
   */
  public ParquetFileReader forCache() {
    int keep = DEFAULT_TAIL_GUESS - 8 - footerLength;
    if (tail == null || tail.length() <= Math.max(0, keep)) {
      return this;
    }
    if (keep <= 0) {
      return new ParquetFileReader(source, fileLength, footerLength, footer, null, -1, false);
    }
    int from = tail.offset() + tail.length() - keep;
    ByteSlice kept = new ByteSlice(Arrays.copyOfRange(tail.array(), from, from + keep), 0, keep);
    long keptOffset = tailOffset + tail.length() - keep;
    return new ParquetFileReader(source, fileLength, footerLength, footer, kept, keptOffset, false);
  }

  /** The footer's size in the file. */
  public int footerLength() {
    return footerLength;
  }

  /**
   * The bytes this reader keeps: the footer's size (a measure of the parsed metadata) and the tail
   * bytes kept for the page index.
   */
  public long retainedBytes() {
    return footerLength + (tail == null ? 0 : tail.length());
  }

  /** The file's URI. */
  public String uri() {
    return source.uri();
  }

  public long fileLength() {
    return fileLength;
  }

  public long numRows() {
    return footer.numRows();
  }

  /** The writer, e.g. {@code "DuckDB version v1.2.0"}, when recorded. */
  public Optional<String> createdBy() {
    return footer.createdBy();
  }

  /** Every top-level column in schema order, supported or not. */
  public List<ParquetColumn> columns() {
    return columns;
  }

  /**
   * The top-level columns' names by Parquet field id; empty when the writer set none. Delta tables
   * in column mapping's id mode are resolved by these ids.
   */
  public Map<Integer, String> fieldIds() {
    return footer.fieldIds();
  }

  public Optional<ParquetColumn> column(String name) {
    ColumnDescriptor descriptor = findDescriptor(name);
    return descriptor == null ? Optional.empty() : Optional.of(descriptor.column());
  }

  public List<RowGroupMetadata> rowGroups() {
    return rowGroups;
  }

  /**
   * Fetches the chunks of {@code columnNames} in row group {@code rowGroup}: one range per chunk,
   * all in one {@link ByteSource#read(List)} call so the source can coalesce and parallelize.
   *
   * @throws BuzzException (as a failed future) NOT_FOUND for an unknown column, UNSUPPORTED for a
   *     column whose type Buzz cannot read, BAD_QUERY for a row group out of range or a column
   *     named twice
   */
  public Future<RowGroupChunks> fetch(int rowGroup, List<String> columnNames) {
    return fetch(rowGroup, columnNames, null, PageIndex.EMPTY);
  }

  /**
   * Fetches what decoding {@code rows} of row group {@code rowGroup} needs of {@code columnNames}:
   * for a column with a page index in {@code pageIndex}, its dictionary page and the data pages
   * holding at least one of {@code rows}; for the others the whole chunk. Every range goes into one
   * {@link ByteSource#read(List)} call. The chunks' {@link RowGroupChunks#rows()} are {@code rows},
   * which the decoder then returns exactly.
   *
   * @param rows rows of the row group, or null for all of them
   * @throws BuzzException (as a failed future) like {@link #fetch(int, List)}, and BAD_QUERY for
   *     rows beyond the row group
   */
  public Future<RowGroupChunks> fetch(
      int rowGroup, List<String> columnNames, RowRanges rows, PageIndex pageIndex) {
    requireNonNull(columnNames, "columnNames is null");
    requireNonNull(pageIndex, "pageIndex is null");
    RowGroupMetadata group;
    List<ColumnDescriptor> wanted;
    try {
      group = rowGroup(rowGroup);
      wanted = resolve(columnNames);
    } catch (BuzzException e) {
      return Future.failedFuture(e);
    }
    RowRanges selected = rows == null ? RowRanges.all(group.numRows()) : rows;
    if (selected.rangeCount() > 0 && selected.end(selected.rangeCount() - 1) > group.numRows()) {
      return Future.failedFuture(
          new BuzzException(
              ErrorCode.BAD_QUERY,
              uri()
                  + ": rows "
                  + selected
                  + " exceed row group "
                  + rowGroup
                  + "'s "
                  + group.numRows()));
    }
    PagePlanner.RowGroupPlan plan = PagePlanner.plan(group, wanted, selected, pageIndex);
    List<ByteBuffer> inTail =
        chunksFromTail ? TailSlices.slices(tail, tailOffset, plan.ranges()) : null;
    if (inTail != null) {
      return Future.succeededFuture(plan.chunks(uri(), inTail));
    }
    return source.read(plan.ranges()).map(buffers -> plan.chunks(uri(), buffers));
  }

  /**
   * Reads the page index (see {@link PageIndex}) of the chunks in {@code rowGroups} of the columns
   * in {@code boundsColumns} (page locations and statistics) and {@code locationColumns} (page
   * locations only): in one read in the usual layout, none when it lies in the bytes the footer's
   * tail read fetched. Chunks without a page index are left out; indexes that cannot be trusted are
   * left out and listed in {@link PageIndex#ignored()}.
   *
   * @throws BuzzException (as a failed future) like {@link #fetch(int, List)}
   */
  public Future<PageIndex> readPageIndex(
      List<Integer> rowGroups, List<String> boundsColumns, List<String> locationColumns) {
    List<PageIndexReader.Request> requests = new ArrayList<>();
    try {
      List<ColumnDescriptor> bounded = resolve(boundsColumns);
      List<ColumnDescriptor> located = new ArrayList<>(resolve(locationColumns));
      located.removeAll(bounded);
      for (int index : rowGroups) {
        RowGroupMetadata group = rowGroup(index);
        for (ColumnDescriptor column : bounded) {
          requests.add(new PageIndexReader.Request(group, column, true));
        }
        for (ColumnDescriptor column : located) {
          requests.add(new PageIndexReader.Request(group, column, false));
        }
      }
    } catch (BuzzException e) {
      return Future.failedFuture(e);
    }
    return PageIndexReader.read(source, tail, tailOffset, requests, footer);
  }

  private RowGroupMetadata rowGroup(int rowGroup) {
    if (rowGroup < 0 || rowGroup >= rowGroups.size()) {
      throw new BuzzException(
          ErrorCode.BAD_QUERY,
          uri()
              + ": row group "
              + rowGroup
              + " does not exist ("
              + rowGroups.size()
              + " row groups)");
    }
    return rowGroups.get(rowGroup);
  }

  /**
   * The descriptors of {@code names}, checked: each exists, is supported, and appears once.
   *
   * @throws BuzzException NOT_FOUND, UNSUPPORTED or BAD_QUERY
   */
  List<ColumnDescriptor> resolve(List<String> names) {
    return resolve(uri(), descriptors, names);
  }

  static List<ColumnDescriptor> resolve(
      String uri, List<ColumnDescriptor> available, List<String> names) {
    List<ColumnDescriptor> resolved = new ArrayList<>(names.size());
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      requireNonNull(name, "column name is null");
      if (!seen.add(name)) {
        throw new BuzzException(ErrorCode.BAD_QUERY, uri + ": column '" + name + "' asked twice");
      }
      ColumnDescriptor descriptor = null;
      for (ColumnDescriptor candidate : available) {
        if (candidate.name().equals(name)) {
          descriptor = candidate;
          break;
        }
      }
      if (descriptor == null) {
        List<String> known = new ArrayList<>();
        for (ColumnDescriptor candidate : available) {
          known.add(candidate.name());
        }
        throw new BuzzException(
            ErrorCode.NOT_FOUND,
            uri + ": no column '" + name + "' (columns: " + String.join(", ", known) + ")");
      }
      if (!descriptor.column().isSupported()) {
        throw new BuzzException(
            ErrorCode.UNSUPPORTED,
            uri
                + ": column '"
                + name
                + "' has type "
                + descriptor.column().unsupportedReason().orElseThrow()
                + ", which Buzz cannot read");
      }
      resolved.add(descriptor);
    }
    return resolved;
  }

  private ColumnDescriptor findDescriptor(String name) {
    for (ColumnDescriptor descriptor : descriptors) {
      if (descriptor.name().equals(name)) {
        return descriptor;
      }
    }
    return null;
  }
}
