package io.buzz.testing;

import io.buzz.storage.parquet.metadata.ThriftCompactWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the rows of a DuckDB query as a Parquet file with small pages and a page index (an
 * OffsetIndex and a ColumnIndex per chunk, {@code column_orders} in the footer), which DuckDB's own
 * writer does not produce: DuckDB reading the file back is then the oracle for queries over it.
 *
 * <p>Columns are OPTIONAL, PLAIN, uncompressed, in data pages v1 of {@code pageRows} rows, which
 * may differ per column so that page boundaries do not line up. Types: BIGINT, INTEGER, DATE,
 * DOUBLE, VARCHAR, BOOLEAN. Row groups and pages carry min/max/null-count statistics; a chunk with
 * a page of only NaNs gets no ColumnIndex, as the format asks.
 */
public final class PageIndexedParquet {
  private enum Kind {
    BOOLEAN(0, -1, -1, 1),
    INT32(1, -1, -1, 4),
    DATE(1, 6, 6, 4),
    INT64(2, -1, -1, 8),
    DOUBLE(5, -1, -1, 8),
    STRING(6, 0, 1, -1);

    final int physical;
    final int converted;
    final int logical;
    final int width;

    Kind(int physical, int converted, int logical, int width) {
      this.physical = physical;
      this.converted = converted;
      this.logical = logical;
      this.width = width;
    }

    static Kind of(String duckDbType) {
      return switch (duckDbType) {
        case "BOOLEAN" -> BOOLEAN;
        case "INTEGER" -> INT32;
        case "DATE" -> DATE;
        case "BIGINT" -> INT64;
        case "DOUBLE" -> DOUBLE;
        case "VARCHAR" -> STRING;
        default -> throw new IllegalArgumentException("no Parquet writer for " + duckDbType);
      };
    }
  }

  private record Column(String name, Kind kind, Object[] values) {}

  /** A written data page: where, which rows, and its bounds (null: only NULLs or only NaNs). */
  private record Page(long offset, int size, long firstRow, byte[] min, byte[] max, long nulls) {}

  /** A written chunk, and where its index went. */
  private record Chunk(
      Column column, long offset, long size, long rows, List<Page> pages, Page stats) {}

  private final String select;
  private int rowGroupRows = 10_000;
  private int pageRows = 1_000;
  private final Map<String, Integer> columnPageRows = new HashMap<>();
  private boolean pageIndex = true;
  private int truncate = -1;

  private PageIndexedParquet(String select) {
    this.select = select;
  }

  /** The rows of {@code select}, DuckDB SQL. */
  public static PageIndexedParquet of(String select) {
    return new PageIndexedParquet(select);
  }

  public PageIndexedParquet rowGroupRows(int rows) {
    this.rowGroupRows = rows;
    return this;
  }

  /** Rows per page of every column without its own. */
  public PageIndexedParquet pageRows(int rows) {
    this.pageRows = rows;
    return this;
  }

  public PageIndexedParquet pageRows(String column, int rows) {
    columnPageRows.put(column, rows);
    return this;
  }

  /** The same file without a page index. */
  public PageIndexedParquet withoutPageIndex() {
    this.pageIndex = false;
    return this;
  }

  /**
   * Cuts string bounds in the ColumnIndex to {@code bytes} bytes, as writers may: the minimum
   * truncated, the maximum truncated and its last byte incremented (the cut may split a character).
   */
  public PageIndexedParquet truncateStringBounds(int bytes) {
    this.truncate = bytes;
    return this;
  }

  /**
   * Writes the file, creating its folders.
   *
   * @return {@code file}
   */
  public Path write(Path file) {
    List<Column> columns = query();
    long rows = columns.isEmpty() ? 0 : columns.get(0).values().length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
    List<List<Chunk>> groups = new ArrayList<>();
    for (long start = 0; start < rows; start += rowGroupRows) {
      long end = Math.min(rows, start + rowGroupRows);
      List<Chunk> chunks = new ArrayList<>();
      for (Column column : columns) {
        chunks.add(chunk(out, column, (int) start, (int) end));
      }
      groups.add(chunks);
    }
    Map<Chunk, long[]> columnIndexes = new IdentityHashMap<>();
    Map<Chunk, long[]> offsetIndexes = new IdentityHashMap<>();
    if (pageIndex) {
      for (List<Chunk> chunks : groups) {
        for (Chunk chunk : chunks) {
          byte[] bytes = columnIndex(chunk);
          if (bytes != null) {
            columnIndexes.put(chunk, new long[] {out.size(), bytes.length});
            out.writeBytes(bytes);
          }
        }
      }
      for (List<Chunk> chunks : groups) {
        for (Chunk chunk : chunks) {
          byte[] bytes = offsetIndex(chunk);
          offsetIndexes.put(chunk, new long[] {out.size(), bytes.length});
          out.writeBytes(bytes);
        }
      }
    }
    byte[] footer = footer(columns, rows, groups, columnIndexes, offsetIndexes);
    out.writeBytes(footer);
    out.writeBytes(le(4).putInt(footer.length).array());
    out.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private List<Column> query() {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(select)) {
      ResultSetMetaData meta = result.getMetaData();
      int count = meta.getColumnCount();
      List<List<Object>> values = new ArrayList<>();
      Kind[] kinds = new Kind[count];
      for (int c = 0; c < count; c++) {
        kinds[c] = Kind.of(meta.getColumnTypeName(c + 1));
        values.add(new ArrayList<>());
      }
      while (result.next()) {
        for (int c = 0; c < count; c++) {
          Object value =
              kinds[c] == Kind.DATE
                  ? result.getObject(c + 1, LocalDate.class)
                  : result.getObject(c + 1);
          values.get(c).add(value instanceof LocalDate date ? (int) date.toEpochDay() : value);
        }
      }
      List<Column> columns = new ArrayList<>();
      for (int c = 0; c < count; c++) {
        columns.add(new Column(meta.getColumnName(c + 1), kinds[c], values.get(c).toArray()));
      }
      return columns;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed to run " + select + ": " + e.getMessage(), e);
    }
  }

  private Chunk chunk(ByteArrayOutputStream out, Column column, int start, int end) {
    long offset = out.size();
    int perPage = columnPageRows.getOrDefault(column.name(), pageRows);
    List<Page> pages = new ArrayList<>();
    for (int first = start; first < end; first += perPage) {
      int last = Math.min(end, first + perPage);
      long at = out.size();
      byte[] body = page(column, first, last);
      ThriftCompactWriter header = new ThriftCompactWriter().begin();
      header.i32(1, 0).i32(2, body.length).i32(3, body.length);
      header.struct(5).i32(1, last - first).i32(2, 0).i32(3, 3).i32(4, 3).end();
      out.writeBytes(header.end().toByteArray());
      out.writeBytes(body);
      Page bounds = bounds(column, first, last);
      pages.add(
          new Page(
              at,
              (int) (out.size() - at),
              first - start,
              bounds.min(),
              bounds.max(),
              bounds.nulls()));
    }
    return new Chunk(
        column, offset, out.size() - offset, end - start, pages, bounds(column, start, end));
  }

  /** Definition levels (4-byte length, bit-packed hybrid), then the PLAIN non-null values. */
  private static byte[] page(Column column, int first, int last) {
    int count = last - first;
    byte[] defined = new byte[(count + 7) / 8];
    byte[] bits = new byte[defined.length];
    int set = 0;
    ByteArrayOutputStream values = new ByteArrayOutputStream();
    for (int row = first; row < last; row++) {
      Object value = column.values()[row];
      if (value == null) {
        continue;
      }
      defined[(row - first) / 8] |= (byte) (1 << ((row - first) % 8));
      if (column.kind() == Kind.BOOLEAN) {
        bits[set / 8] |= (byte) ((Boolean) value ? 1 << (set % 8) : 0);
        set++;
      } else if (column.kind() == Kind.STRING) {
        byte[] bytes = plain(column.kind(), value);
        values.writeBytes(le(4).putInt(bytes.length).array());
        values.writeBytes(bytes);
      } else {
        values.writeBytes(plain(column.kind(), value));
      }
    }
    if (column.kind() == Kind.BOOLEAN) {
      values.writeBytes(Arrays.copyOf(bits, (set + 7) / 8));
    }
    ByteArrayOutputStream levels = new ByteArrayOutputStream();
    for (long header = (long) defined.length << 1 | 1; ; header >>>= 7) {
      if (header < 0x80) {
        levels.write((int) header);
        break;
      }
      levels.write((int) (header & 0x7F | 0x80));
    }
    levels.writeBytes(defined);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(le(4).putInt(levels.size()).array());
    body.writeBytes(levels.toByteArray());
    body.writeBytes(values.toByteArray());
    return body.toByteArray();
  }

  /** Statistics of rows {@code [first, last)}; min and max null without a non-NaN value. */
  private static Page bounds(Column column, int first, int last) {
    Object min = null;
    Object max = null;
    long nulls = 0;
    for (int row = first; row < last; row++) {
      Object value = column.values()[row];
      if (value == null) {
        nulls++;
      } else if (!(value instanceof Double d && d.isNaN())) {
        min = min == null || compare(value, min) < 0 ? value : min;
        max = max == null || compare(value, max) > 0 ? value : max;
      }
    }
    return new Page(
        -1,
        -1,
        first,
        min == null ? null : plain(column.kind(), min),
        max == null ? null : plain(column.kind(), max),
        nulls);
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return Arrays.compareUnsigned(
          x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
    }
    return ((Comparable<Object>) a).compareTo(b);
  }

  private static byte[] plain(Kind kind, Object value) {
    return switch (kind) {
      case BOOLEAN -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
      case INT32, DATE -> le(4).putInt(((Number) value).intValue()).array();
      case INT64 -> le(8).putLong(((Number) value).longValue()).array();
      case DOUBLE -> le(8).putDouble(((Number) value).doubleValue()).array();
      case STRING -> ((String) value).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The chunk's ColumnIndex, or null when a page holds only NaNs (no bounds can be written). */
  private byte[] columnIndex(Chunk chunk) {
    List<Page> pages = chunk.pages();
    ThriftCompactWriter index = new ThriftCompactWriter().begin();
    index.list(1, ThriftCompactWriter.BOOLEAN_TRUE, pages.size());
    for (int i = 0; i < pages.size(); i++) {
      Page page = pages.get(i);
      boolean onlyNulls = page.nulls() == rows(chunk, i);
      if (page.min() == null && !onlyNulls) {
        return null;
      }
      index.element(onlyNulls);
    }
    index.list(2, ThriftCompactWriter.BINARY, pages.size());
    for (Page page : pages) {
      index.element(page.min() == null ? new byte[0] : bound(chunk, page.min(), false));
    }
    index.list(3, ThriftCompactWriter.BINARY, pages.size());
    for (Page page : pages) {
      index.element(page.max() == null ? new byte[0] : bound(chunk, page.max(), true));
    }
    index.i32(4, 0); // UNORDERED
    index.list(5, ThriftCompactWriter.I64, pages.size());
    for (Page page : pages) {
      index.element(page.nulls());
    }
    return index.end().toByteArray();
  }

  private static long rows(Chunk chunk, int page) {
    List<Page> pages = chunk.pages();
    return (page + 1 < pages.size() ? pages.get(page + 1).firstRow() : chunk.rows())
        - pages.get(page).firstRow();
  }

  private byte[] bound(Chunk chunk, byte[] value, boolean upper) {
    if (chunk.column().kind() != Kind.STRING || truncate < 0 || value.length <= truncate) {
      return value;
    }
    byte[] cut = Arrays.copyOf(value, truncate);
    if (!upper) {
      return cut;
    }
    for (int i = cut.length - 1; i >= 0; i--) {
      if (cut[i] != (byte) 0xFF) {
        cut[i]++;
        return Arrays.copyOf(cut, i + 1);
      }
    }
    return value; // no shorter upper bound
  }

  private static byte[] offsetIndex(Chunk chunk) {
    ThriftCompactWriter index = new ThriftCompactWriter().begin();
    index.list(1, ThriftCompactWriter.STRUCT, chunk.pages().size());
    for (Page page : chunk.pages()) {
      index.begin().i64(1, page.offset()).i32(2, page.size()).i64(3, page.firstRow()).end();
    }
    return index.end().toByteArray();
  }

  private static byte[] footer(
      List<Column> columns,
      long rows,
      List<List<Chunk>> groups,
      Map<Chunk, long[]> columnIndexes,
      Map<Chunk, long[]> offsetIndexes) {
    ThriftCompactWriter meta = new ThriftCompactWriter().begin().i32(1, 1);
    meta.list(2, ThriftCompactWriter.STRUCT, columns.size() + 1);
    meta.begin().string(4, "schema").i32(5, columns.size()).end();
    for (Column column : columns) {
      meta.begin().i32(1, column.kind().physical).i32(3, 1).string(4, column.name());
      if (column.kind().converted >= 0) {
        meta.i32(6, column.kind().converted);
      }
      if (column.kind().logical >= 0) {
        meta.struct(10).struct(column.kind().logical).end().end();
      }
      meta.end();
    }
    meta.i64(3, rows);
    meta.list(4, ThriftCompactWriter.STRUCT, groups.size());
    for (List<Chunk> chunks : groups) {
      meta.begin().list(1, ThriftCompactWriter.STRUCT, chunks.size());
      long size = 0;
      for (Chunk chunk : chunks) {
        meta.begin().i64(2, 0).struct(3).i32(1, chunk.column().kind().physical);
        meta.list(2, ThriftCompactWriter.I32, 2).element(0L).element(3L);
        meta.list(3, ThriftCompactWriter.BINARY, 1).element(bytes(chunk.column().name()));
        meta.i32(4, 0).i64(5, chunk.rows()).i64(6, chunk.size()).i64(7, chunk.size());
        meta.i64(9, chunk.offset());
        meta.struct(12).i64(3, chunk.stats().nulls());
        if (chunk.stats().max() != null) {
          meta.binary(5, chunk.stats().max()).binary(6, chunk.stats().min());
        }
        meta.end().end(); // Statistics, ColumnMetaData
        long[] offsetIndex = offsetIndexes.get(chunk);
        if (offsetIndex != null) {
          meta.i64(4, offsetIndex[0]).i32(5, (int) offsetIndex[1]);
        }
        long[] columnIndex = columnIndexes.get(chunk);
        if (columnIndex != null) {
          meta.i64(6, columnIndex[0]).i32(7, (int) columnIndex[1]);
        }
        meta.end();
        size += chunk.size();
      }
      meta.i64(2, size).i64(3, chunks.get(0).rows()).end();
    }
    meta.string(6, "buzz test PageIndexedParquet");
    meta.list(7, ThriftCompactWriter.STRUCT, columns.size());
    for (int i = 0; i < columns.size(); i++) {
      meta.begin().struct(1).end().end(); // TYPE_ORDER
    }
    return meta.end().toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
