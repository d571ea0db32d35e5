package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page indexes read by {@link ParquetFileReader#readPageIndex}, by row group and column.
 *
 * <p>A page index is optional and redundant with the pages it describes, so one that cannot be
 * trusted (bytes that do not parse, pages outside their chunk, first rows out of order) is left out
 * rather than failing the read: the column is then read whole, which gives the same answer. Each
 * one left out is listed in {@link #ignored()} with the file, column, row group and reason, for the
 * caller to log. Immutable.
 */
public final class PageIndex {
  /** No page index at all. */
  public static final PageIndex EMPTY = new PageIndex(Map.of(), List.of());

  record Key(int rowGroup, String column) {}

  private final Map<Key, ColumnPageIndex> columns;
  private final List<String> ignored;

  PageIndex(Map<Key, ColumnPageIndex> columns, List<String> ignored) {
    this.columns = Map.copyOf(requireNonNull(columns, "columns is null"));
    this.ignored = List.copyOf(requireNonNull(ignored, "ignored is null"));
  }

  /** The page index of {@code column} in row group {@code rowGroup}, when read and trusted. */
  public Optional<ColumnPageIndex> column(int rowGroup, String column) {
    return Optional.ofNullable(columns.get(new Key(rowGroup, column)));
  }

  /** Why page indexes present in the file were left out, one line each. */
  public List<String> ignored() {
    return ignored;
  }
}
