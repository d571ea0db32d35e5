package io.buzz.hbee.runtime;

import io.buzz.exec.StatisticsPruner;
import io.buzz.kernels.batch.RowRanges;
import io.buzz.storage.parquet.ColumnChunkMetadata;
import io.buzz.storage.parquet.PageIndex;
import io.buzz.storage.parquet.ParquetFileReader;
import io.buzz.storage.parquet.RowGroupChunks;
import io.buzz.storage.parquet.RowGroupMetadata;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses what of one file a task reads, with the plan's leading filter: the row groups whose chunk
 * statistics cannot rule them out, then, where the file has a page index, the rows of each that the
 * pages' statistics cannot rule out.
 *
 * <pre>
 *   new RowSelector(…)   row groups by the footer's chunk statistics (no I/O)
 *   readPageIndex()      only when the filter tests Parquet columns with a ColumnIndex in a kept
 *                        row group: one read of their ColumnIndex and of every scanned column's
 *                        OffsetIndex ──▶ rows per row group; a row group left with none is skipped
 *   fetch(position)      the scanned columns' pages holding those rows (whole chunks without index)
 * </pre>
 *
 * <p>Not thread-safe: the task uses it one step at a time, constructing it on a worker and reading
 * the page index and fetching on its event loop. Page indexes the reader ignored (they could not be
 * trusted) are logged once per file; the file is then read as if it had none.
 */
final class RowSelector implements FetchWindow.RowGroups {
  private static final System.Logger LOG = System.getLogger(RowSelector.class.getName());

  private final StatisticsPruner pruner;
  private final ScanAssembler assembler;
  private final ParquetFileReader reader;
  private List<RowGroupMetadata> groups;

  /** The rows to read of each of {@link #groups}; null entries: all of them. */
  private List<RowRanges> rows;

  private PageIndex pageIndex = PageIndex.EMPTY;
  private int rowGroupsSkipped;

  RowSelector(StatisticsPruner pruner, ScanAssembler assembler, ParquetFileReader reader) {
    this.pruner = pruner;
    this.assembler = assembler;
    this.reader = reader;
    this.groups = new ArrayList<>();
    for (RowGroupMetadata group : reader.rowGroups()) {
      if (pruner.mayMatch(assembler.bounds(group))) {
        groups.add(group);
      } else {
        rowGroupsSkipped++;
      }
    }
    this.rows = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      rows.add(null);
    }
  }

  /** Row groups to read. */
  @Override
  public int rowGroupCount() {
    return groups.size();
  }

  /** The row groups to read, before the page index narrows them. */
  List<RowGroupMetadata> groups() {
    return List.copyOf(groups);
  }

  /** Row groups ruled out, by chunk statistics or by their pages'. */
  int rowGroupsSkipped() {
    return rowGroupsSkipped;
  }

  /**
   * Reads the page index and narrows each kept row group to its rows that may match; does nothing
   * (and reads nothing) unless the filter tests a Parquet column that has a ColumnIndex in a kept
   * row group. Call once, before the first {@link #fetch}.
   */
  Future<Void> readPageIndex() {
    List<String> tested = testedColumnsWithIndex();
    if (tested.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Integer> indexes = new ArrayList<>(groups.size());
    for (RowGroupMetadata group : groups) {
      indexes.add(group.index());
    }
    return reader
        .readPageIndex(indexes, tested, assembler.parquetColumns())
        .map(
            index -> {
              narrow(index);
              return null;
            });
  }

  /** The Parquet columns the filter tests that have a ColumnIndex in some kept row group. */
  private List<String> testedColumnsWithIndex() {
    Set<String> tested = new LinkedHashSet<>();
    for (int scanColumn : pruner.testedColumns()) {
      assembler.parquetColumn(scanColumn).ifPresent(tested::add);
    }
    List<String> indexed = new ArrayList<>();
    for (String column : tested) {
      for (RowGroupMetadata group : groups) {
        if (group.chunk(column).flatMap(ColumnChunkMetadata::columnIndex).isPresent()) {
          indexed.add(column);
          break;
        }
      }
    }
    return indexed;
  }

  private void narrow(PageIndex index) {
    for (String problem : index.ignored()) {
      LOG.log(System.Logger.Level.WARNING, problem + "; reading those chunks whole");
    }
    pageIndex = index;
    List<RowGroupMetadata> keptGroups = new ArrayList<>(groups.size());
    List<RowRanges> keptRows = new ArrayList<>(groups.size());
    for (RowGroupMetadata group : groups) {
      RowRanges matching = pruner.matchingRows(assembler.pageBounds(group, index));
      if (matching.isEmpty()) {
        rowGroupsSkipped++;
      } else {
        keptGroups.add(group);
        keptRows.add(matching.covers(group.numRows()) ? null : matching);
      }
    }
    groups = keptGroups;
    rows = keptRows;
  }

  /**
   * Compressed bytes of the scanned columns' chunks in the {@code position}th row group to read: an
   * upper bound of what its fetch reads (the page index may leave pages out).
   */
  @Override
  public long scannedBytes(int position) {
    RowGroupMetadata group = groups.get(position);
    long bytes = 0;
    for (String column : assembler.parquetColumns()) {
      bytes += group.chunk(column).map(c -> c.totalCompressedSize()).orElse(0L);
    }
    return bytes;
  }

  /** Fetches what the {@code position}th row group to read needs, for the scanned columns. */
  @Override
  public Future<RowGroupChunks> fetch(int position) {
    return reader.fetch(
        groups.get(position).index(), assembler.parquetColumns(), rows.get(position), pageIndex);
  }
}
