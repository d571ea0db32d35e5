package io.buzz.fuse.query;

import io.buzz.fuse.catalog.TableFile;
import io.buzz.fuse.cost.CostModel;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.query.Statistics;
import io.buzz.protocol.task.TaskMetrics;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers a query's figures as it runs: timings of each phase, the catalog's files and every task's
 * metrics. Confined to the query's event loop.
 */
final class StatisticsCollector {
  private final String queryId;
  private final long startNanos = System.nanoTime();
  private long planningNanos;
  private long queueWaitMillis;
  private long catalogNanos;
  private long hcombAcquireNanos;
  private long filesListed;
  private long filesSelected;
  private long bytesListed;
  private long tableVersion = -1;
  private int filesSkippedByStatistics;
  private int tasks;
  private int committed;
  private long hbeePhaseStart;
  private long hbeePhaseNanos;
  private long lastCommitNanos;
  private long afterLastCommitNanos;
  private int retries;
  private int hedges;
  private int hedgeWins;
  private int invocations;
  private long invocationMillis;
  private long[] taskMillis = new long[0];
  private long[] firstByteMicros = new long[0];
  private long ioWaitMicros;
  private long decodeMicros;
  private long computeMicros;
  private long bytesRead;
  private long ioRequests;
  private long rowsScanned;
  private long filesDone;
  private long rowGroupsRead;
  private long rowGroupsSkipped;
  private long pagesRead;
  private long pagesSkipped;
  private long rowsShuffled;
  private long ioHedges;
  private long ioHedgeWins;
  private int coldStarts;
  private Finished finished = Finished.getDefaultInstance();

  StatisticsCollector(String queryId) {
    this.queryId = queryId;
  }

  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  void planningNanos(long nanos) {
    planningNanos += nanos;
  }

  void queueWait(java.time.Duration waited) {
    queueWaitMillis = waited.toMillis();
  }

  long planningNanos() {
    return planningNanos;
  }

  long bytesListed() {
    return bytesListed;
  }

  void catalogNanos(long nanos) {
    catalogNanos += nanos;
  }

  void hcombAcquireNanos(long nanos) {
    hcombAcquireNanos += nanos;
  }

  /** Files the catalog's statistics ruled out for the HBee step's {@code WHERE}. */
  void skippedByStatistics(int files) {
    filesSkippedByStatistics = files;
  }

  /** The version of the table read, for a table that has versions. */
  void tableVersion(long version) {
    tableVersion = version;
  }

  /** The files the query reads, packed into {@code taskCount} HBee tasks. */
  void files(int listed, List<TableFile> selected, int taskCount) {
    filesListed = listed;
    filesSelected = selected.size();
    tasks = taskCount;
    taskMillis = new long[tasks];
    firstByteMicros = new long[tasks];
    for (TableFile file : selected) {
      bytesListed += file.size();
    }
  }

  int tasks() {
    return tasks;
  }

  /** Where the query is, from the committed tasks; {@code running} invocations in flight. */
  io.buzz.protocol.query.Progress progress(int running) {
    return io.buzz.protocol.query.Progress.newBuilder()
        .setTasksDone(committed)
        .setTasksTotal(tasks)
        .setFilesDone(filesDone)
        .setFilesTotal(filesSelected)
        .setRowsScanned(rowsScanned)
        .setBytesRead(bytesRead)
        .setHbeesRunning(running)
        .setElapsedMillis(elapsedMillis())
        .build();
  }

  /**
   * Counts a committed task and its figures. Only committed attempts count, so the statistics
   * describe the work that made the answer, once per task, whatever retries happened.
   */
  int taskCommitted(TaskMetrics metrics) {
    lastCommitNanos = System.nanoTime();
    if (committed < taskMillis.length) {
      taskMillis[committed] = metrics.getDurationMicros() / 1000;
      firstByteMicros[committed] = metrics.getTimeToFirstByteMicros();
    }
    ioWaitMicros += metrics.getIoWaitMicros();
    decodeMicros += metrics.getDecodeMicros();
    computeMicros += metrics.getComputeMicros();
    bytesRead += metrics.getBytesRead();
    ioRequests += metrics.getIoRequests();
    ioHedges += metrics.getIoHedges();
    ioHedgeWins += metrics.getIoHedgeWins();
    rowsScanned += metrics.getRowsScanned();
    filesDone += metrics.getFiles();
    rowGroupsRead += metrics.getRowGroups();
    rowGroupsSkipped += metrics.getRowGroupsSkipped();
    pagesRead += metrics.getPagesRead();
    pagesSkipped += metrics.getPagesSkipped();
    rowsShuffled += metrics.getRowsOut();
    if (metrics.getColdStart()) {
      coldStarts++;
    }
    return ++committed;
  }

  void hbeePhaseStarted() {
    hbeePhaseStart = System.nanoTime();
  }

  /** The HBee phase is over: what the dispatcher did. */
  void hbeePhaseEnded(TaskDispatcher dispatcher) {
    long now = System.nanoTime();
    hbeePhaseNanos = now - hbeePhaseStart;
    afterLastCommitNanos = lastCommitNanos == 0 ? 0 : now - lastCommitNanos;
    retries = dispatcher.retries();
    hedges = dispatcher.hedges();
    hedgeWins = dispatcher.hedgeWins();
    invocations = dispatcher.invocations();
    invocationMillis = dispatcher.invocationMillis();
  }

  void hcombFinished(Finished figures) {
    this.finished = figures;
  }

  Statistics build(long totalNanos, CostModel cost) {
    CostModel.CostEstimate estimate =
        cost.estimate(invocations, invocationMillis, ioRequests, hbeePhaseNanos / 1_000_000);
    int counted = Math.min(committed, taskMillis.length);
    long[] sorted = Arrays.copyOf(taskMillis, counted);
    Arrays.sort(sorted);
    long[] firstBytes = Arrays.copyOf(firstByteMicros, counted);
    Arrays.sort(firstBytes);
    Statistics.Builder statistics = Statistics.newBuilder();
    if (tableVersion >= 0) {
      statistics.setTableVersion(tableVersion);
    }
    return statistics
        .setQueryId(queryId)
        .setFilesListed(filesListed)
        .setFilesSelected(filesSelected)
        .setFilesSkippedByStatistics(filesSkippedByStatistics)
        .setBytesListed(bytesListed)
        .setBytesRead(bytesRead)
        .setIoRequests(ioRequests)
        .setRowsScanned(rowsScanned)
        .setRowGroupsRead(rowGroupsRead)
        .setRowGroupsSkipped(rowGroupsSkipped)
        .setPagesRead(pagesRead)
        .setPagesSkipped(pagesSkipped)
        .setRowsShuffled(rowsShuffled)
        .setBytesShuffled(finished.getBytesReceived())
        .setHcombPeakStateBytes(finished.getPeakStateBytes())
        .setIoHedges(ioHedges)
        .setIoHedgeWins(ioHedgeWins)
        .setResultRows(finished.getResultRows())
        .setHbeeTasks(tasks)
        .setHbeeColdStarts(coldStarts)
        .setTotalMillis(totalNanos / 1_000_000)
        .setPlanningMillis(planningNanos / 1_000_000)
        .setCatalogMillis(catalogNanos / 1_000_000)
        .setHcombAcquireMillis(hcombAcquireNanos / 1_000_000)
        .setHbeePhaseMillis(hbeePhaseNanos / 1_000_000)
        .setAfterLastCommitMicros(afterLastCommitNanos / 1_000)
        .setHbeeMaxMillis(sorted.length == 0 ? 0 : sorted[sorted.length - 1])
        .setHbeeMedianMillis(sorted.length == 0 ? 0 : sorted[sorted.length / 2])
        .setMergeMicros(finished.getMergeMicros())
        .setFinishMicros(finished.getFinishMicros())
        .setHbeeRetries(retries)
        .setQueueWaitMillis(queueWaitMillis)
        .setHbeeIoWaitMillis(ioWaitMicros / 1000)
        .setHbeeDecodeMillis(decodeMicros / 1000)
        .setHbeeComputeMillis(computeMicros / 1000)
        .setHbeeFirstByteMedianMicros(
            firstBytes.length == 0 ? 0 : firstBytes[firstBytes.length / 2])
        .setHbeeHedges(hedges)
        .setHbeeHedgeWins(hedgeWins)
        .setHbeeInvocations(invocations)
        .setLambdaGbSeconds(estimate.lambdaGbSeconds())
        .setHcombSeconds(estimate.hcombSeconds())
        .setCostUsd(estimate.usd())
        .build();
  }
}
