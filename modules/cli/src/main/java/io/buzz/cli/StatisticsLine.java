package io.buzz.cli;

import io.buzz.protocol.query.Statistics;
import java.util.Locale;

/** The one-paragraph summary of a query's statistics that the CLI prints after the result. */
final class StatisticsLine {
  private StatisticsLine() {}

  static String format(Statistics s) {
    return String.format(
        Locale.ROOT,
        "-- %,d rows in %s | files %,d of %,d (%s)%s | %,d HBees (%d cold, %d retries, %d hedged)"
            + " | scanned %,d"
            + " rows in %,d row groups (%,d skipped by statistics), %,d pages (%,d skipped by the"
            + " page index), read %s in %,d requests%s"
            + " | %,d rows to the HComb (%s)%n"
            + "-- plan %d ms, catalog %d ms, HComb %d ms, HBees %d ms (median %d ms, max %d ms),"
            + " merge %.1f ms, finish %.1f ms%n"
            + "-- HBee time: I/O wait %d ms (first byte median %.1f ms), decode %d ms, compute %d"
            + " ms | AWS cost ~$%.6f (%.3f Lambda GB-s, %,d GETs) | query %s",
        s.getResultRows(),
        duration(s.getTotalMillis()),
        s.getFilesSelected(),
        s.getFilesListed(),
        bytes(s.getBytesListed()),
        (s.getFilesSkippedByStatistics() > 0
                ? ", " + s.getFilesSkippedByStatistics() + " skipped by statistics"
                : "")
            + (s.hasTableVersion() ? ", table version " + s.getTableVersion() : ""),
        s.getHbeeTasks(),
        s.getHbeeColdStarts(),
        s.getHbeeRetries(),
        s.getHbeeHedges(),
        s.getRowsScanned(),
        s.getRowGroupsRead(),
        s.getRowGroupsSkipped(),
        s.getPagesRead(),
        s.getPagesSkipped(),
        bytes(s.getBytesRead()),
        s.getIoRequests(),
        s.getIoHedges() > 0
            ? String.format(
                Locale.ROOT,
                " (%,d re-requested, %,d of them first)",
                s.getIoHedges(),
                s.getIoHedgeWins())
            : "",
        s.getRowsShuffled(),
        bytes(s.getBytesShuffled()),
        s.getPlanningMillis(),
        s.getCatalogMillis(),
        s.getHcombAcquireMillis(),
        s.getHbeePhaseMillis(),
        s.getHbeeMedianMillis(),
        s.getHbeeMaxMillis(),
        s.getMergeMicros() / 1000.0,
        s.getFinishMicros() / 1000.0,
        s.getHbeeIoWaitMillis(),
        s.getHbeeFirstByteMedianMicros() / 1000.0,
        s.getHbeeDecodeMillis(),
        s.getHbeeComputeMillis(),
        s.getCostUsd(),
        s.getLambdaGbSeconds(),
        s.getIoRequests(),
        s.getQueryId());
  }

  static String duration(long millis) {
    return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
