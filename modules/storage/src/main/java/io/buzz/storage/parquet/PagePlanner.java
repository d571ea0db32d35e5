package io.buzz.storage.parquet;

import io.buzz.kernels.batch.RowRanges;
import io.buzz.storage.io.ByteRange;
import io.buzz.storage.parquet.column.ColumnChunk;
import io.buzz.storage.parquet.metadata.ColumnDescriptor;
import io.buzz.storage.parquet.page.ByteSlice;
import io.buzz.storage.parquet.page.PageRun;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the bytes of column chunks to fetch for some rows of their row group: with a chunk's page
 * index, whatever precedes its first data page (the dictionary page, always read) and the data
 * pages that hold at least one wanted row, adjacent ones merged into one range; without one, or
 * when every row is wanted, the whole chunk.
 */
final class PagePlanner {
  private PagePlanner() {}

  /** The ranges to fetch for some columns of a row group, and how their bytes become chunks. */
  record RowGroupPlan(
      RowGroupMetadata group, List<ColumnDescriptor> columns, List<Plan> plans, RowRanges rows) {
    List<ByteRange> ranges() {
      List<ByteRange> ranges = new ArrayList<>();
      for (Plan plan : plans) {
        for (PlannedRun run : plan.runs()) {
          ranges.add(run.range());
        }
      }
      return ranges;
    }

    /** The chunks of the fetched {@code buffers}, one per range in {@link #ranges()} order. */
    RowGroupChunks chunks(String uri, List<ByteBuffer> buffers) {
      List<ColumnChunk> chunks = new ArrayList<>(columns.size());
      int skipped = 0;
      int next = 0;
      for (int i = 0; i < columns.size(); i++) {
        ColumnDescriptor column = columns.get(i);
        List<PageRun> runs = new ArrayList<>();
        for (PlannedRun run : plans.get(i).runs()) {
          ByteSlice bytes = ByteSlice.of(buffers.get(next++));
          runs.add(new PageRun(bytes, run.range().offset(), run.firstRow(), run.endRow()));
        }
        skipped += plans.get(i).pagesSkipped();
        chunks.add(new ColumnChunk(column, group.chunks().get(column.leafIndex()), runs));
      }
      return new RowGroupChunks(uri, group, rows, skipped, chunks);
    }
  }

  static RowGroupPlan plan(
      RowGroupMetadata group, List<ColumnDescriptor> columns, RowRanges rows, PageIndex index) {
    boolean all = rows.covers(group.numRows());
    List<Plan> plans = new ArrayList<>(columns.size());
    for (ColumnDescriptor column : columns) {
      ColumnChunkMetadata chunk = group.chunks().get(column.leafIndex());
      Optional<ColumnPageIndex> pages =
          all ? Optional.empty() : index.column(group.index(), column.name());
      plans.add(pages.isPresent() ? pages(chunk, pages.get(), rows) : wholeChunk(chunk));
    }
    return new RowGroupPlan(group, List.copyOf(columns), plans, rows);
  }

  /** A range to fetch and the rows its data pages hold ({@code endRow} -1: not known). */
  record PlannedRun(ByteRange range, long firstRow, long endRow) {}

  /** What to fetch of one chunk, and how many of its data pages are left out. */
  record Plan(List<PlannedRun> runs, int pagesSkipped) {}

  static Plan wholeChunk(ColumnChunkMetadata chunk) {
    return new Plan(List.of(new PlannedRun(chunk.byteRange(), 0, -1)), 0);
  }

  /** The pages of {@code chunk} that hold rows of {@code rows}, by its page index. */
  static Plan pages(ColumnChunkMetadata chunk, ColumnPageIndex index, RowRanges rows) {
    List<PlannedRun> runs = new ArrayList<>();
    long chunkStart = chunk.byteRange().offset();
    long firstPage = index.location(0).offset();
    PlannedRun current =
        firstPage > chunkStart
            ? new PlannedRun(new ByteRange(chunkStart, (int) (firstPage - chunkStart)), 0, 0)
            : null;
    int skipped = 0;
    for (int page = 0; page < index.pageCount(); page++) {
      long first = index.firstRow(page);
      long end = index.endRow(page);
      if (!rows.overlaps(first, end)) {
        skipped++;
        continue;
      }
      ByteRange location = index.location(page);
      if (current != null
          && current.range().end() == location.offset()
          && current.endRow() == first) {
        ByteRange merged =
            new ByteRange(current.range().offset(), current.range().length() + location.length());
        current = new PlannedRun(merged, current.firstRow(), end);
      } else {
        if (current != null) {
          runs.add(current);
        }
        current = new PlannedRun(location, first, end);
      }
    }
    if (current != null) {
      runs.add(current);
    }
    return new Plan(runs, skipped);
  }
}
