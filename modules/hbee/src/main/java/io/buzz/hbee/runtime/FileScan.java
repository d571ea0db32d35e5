package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.exec.MetadataAggregate;
import io.buzz.exec.StatisticsPruner;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.task.FileRef;
import io.buzz.storage.parquet.ParquetFileReader;
import io.buzz.storage.parquet.RowGroupMetadata;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One file of an HBee task, checked against the plan: how its columns make the scan's batches,
 * which row groups (and pages) its statistics keep, or its share of the step's output when its
 * footer holds it (COUNT, MIN, MAX).
 *
 * @param index the file's position in the task
 * @param answered true when the footer answered for the file: no page is read
 */
record FileScan(
    int index, FileRef file, ScanAssembler assembler, RowSelector selector, boolean answered) {

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
      List<Batch> answer) {
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
    if (MetadataAggregate.mayApply(plan)) {
      List<StatisticsPruner.Bounds> bounds = new ArrayList<>(selector.rowGroupCount());
      for (RowGroupMetadata group : selector.groups()) {
        bounds.add(assembler.bounds(group));
      }
      answered = MetadataAggregate.answer(plan, bounds, allocator).orElse(null);
      if (answered != null) {
        answer.add(answered);
      }
    }
    return new FileScan(index, file, assembler, selector, answered != null);
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
