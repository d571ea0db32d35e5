package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.exec.MetadataAggregate;
import io.buzz.exec.Pipeline;
import io.buzz.exec.StatisticsPruner;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.RowRanges;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.TakeKernel;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.task.FileRef;
import io.buzz.storage.deletion.DeletedRows;
import io.buzz.storage.parquet.ParquetFileReader;
import io.buzz.storage.parquet.RowGroupChunks;
import io.buzz.storage.parquet.RowGroupDecoder;
import io.buzz.storage.parquet.RowGroupMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One file of an HBee task, checked against the plan: how its columns make the scan's batches,
 * which row groups (and pages) its statistics keep, or its share of the step's output when its
 * footer holds it (COUNT, MIN, MAX).
 *
 * @param index the file's position in the task
 * @param answered true when the footer answered for the file: no page is read
 * @param deleted the rows a deletion vector deletes, or null
 * @param firstRows the file position of each row group's first row, by row group index
 */
record FileScan(
    int index,
    FileRef file,
    ScanAssembler assembler,
    RowSelector selector,
    boolean answered,
    DeletedRows deleted,
    long[] firstRows) {

  /**
   * Checks the file {@code reader} read against the task's plan and what the catalog listed.
   *
   * @param answer receives the file's output from its footer, when it holds it (then owned by the
   *     caller)
   * @throws BuzzException NOT_FOUND when the file is not the version the query listed, or what
   *     {@link ScanAssembler} throws for a column that does not fit the plan
   */
  static FileScan open(
      int index,
      FileRef file,
      ParquetFileReader reader,
      HBeePlan plan,
      BufferAllocator allocator,
      List<Batch> answer,
      DeletedRows deleted) {
    long listed = file.getSize();
    if (listed > 0 && reader.fileLength() != listed) {
      // Another version of the file than the catalog listed: its rows would not be the query's.
      throw BuzzException.notFound(
          reader.uri()
              + " is "
              + reader.fileLength()
              + " bytes but was "
              + listed
              + " when the query listed it: it changed during the query; run the query again");
    }
    ScanAssembler assembler = new ScanAssembler(plan.getScan(), file, reader);
    RowSelector selector = new RowSelector(StatisticsPruner.of(plan), assembler, reader);
    Batch answered = null;
    // the footer counts the rows a deletion vector deletes: it cannot answer for them
    if (deleted == null && MetadataAggregate.mayApply(plan)) {
      List<StatisticsPruner.Bounds> bounds = new ArrayList<>(selector.rowGroupCount());
      for (RowGroupMetadata group : selector.groups()) {
        bounds.add(assembler.bounds(group));
      }
      answered = MetadataAggregate.answer(plan, bounds, allocator).orElse(null);
      if (answered != null) {
        answer.add(answered);
      }
    }
    long[] firstRows = new long[reader.rowGroups().size()];
    for (int g = 1; g < firstRows.length; g++) {
      firstRows[g] = firstRows[g - 1] + reader.rowGroups().get(g - 1).numRows();
    }
    return new FileScan(index, file, assembler, selector, answered != null, deleted, firstRows);
  }

  /** The rows of {@code chunks} that no deletion vector deletes. */
  long liveRows(RowGroupChunks chunks) {
    RowRanges rows = chunks.rows();
    if (deleted == null) {
      return rows.rowCount();
    }
    long first = firstRows[chunks.rowGroup().index()];
    long live = 0;
    for (int r = 0; r < rows.rangeCount(); r++) {
      live +=
          rows.end(r) - rows.start(r) - deleted.countIn(first + rows.start(r), first + rows.end(r));
    }
    return live;
  }

  /**
   * A decoder of the file's columns in {@code chunks} for {@code pipeline}: its group keys keep
   * their dictionary ids, and are read as their ids alone unless a deletion vector applies (deleted
   * rows are taken out value by value: the values must be there).
   */
  RowGroupDecoder decoder(
      RowGroupChunks chunks, BufferAllocator allocator, int batchRows, Pipeline pipeline) {
    return assembler.decoder(
        chunks,
        allocator,
        batchRows,
        pipeline.dictionaryKeyColumns(),
        deleted == null ? pipeline.idsOnlyKeyColumns() : Set.of());
  }

  /**
   * {@code decoded}, which holds the rows from {@code rowInGroup} of row group {@code group},
   * without the rows the deletion vector deletes (a new batch; the decoded one is closed).
   */
  Batch withoutDeleted(Batch decoded, int group, long rowInGroup, BufferAllocator allocator) {
    if (deleted == null) {
      return decoded;
    }
    Selection kept = deleted.keep(firstRows[group] + rowInGroup, decoded.rowCount());
    if (kept == null) {
      return decoded;
    }
    try (decoded) {
      return TakeKernel.take(decoded, kept, allocator);
    }
  }

  /** The rows of the row groups the statistics keep: those the footer answers for. */
  long keptRows() {
    long rows = 0;
    for (RowGroupMetadata group : selector.groups()) {
      rows += group.numRows();
    }
    return rows;
  }
}
