package io.buzz.fuse.catalog.delta;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.catalog.TableLocation;
import io.buzz.plan.model.CatalogSpec;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.exceptions.UnsupportedProtocolVersionException;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Why a Delta table could not be read, in one line naming the catalog, the table, the version asked
 * for and the cause: {@code catalog 'trips' (Delta table s3://b/t, version 9): …}.
 */
final class DeltaFailures {
  private DeltaFailures() {}

  static BuzzException describe(CatalogSpec spec, TableLocation location, Throwable failure) {
    String prefix =
        "catalog '"
            + spec.name()
            + "' (Delta table "
            + location.uri()
            + ", "
            + spec.snapshotDescription()
            + "): ";
    BuzzException ours = find(failure, BuzzException.class);
    if (ours != null) {
      return new BuzzException(ours.code(), prefix + ours.getMessage(), failure);
    }
    if (find(failure, TableNotFoundException.class) != null) {
      boolean missing =
          location instanceof TableLocation.Local local && !Files.exists(local.path());
      return BuzzException.notFound(
          prefix
              + (missing
                  ? "the directory does not exist"
                  : "there is no _delta_log, so it is not a Delta table (a Static catalog reads"
                      + " a folder of Parquet files)"));
    }
    UnsupportedTableFeatureException feature =
        find(failure, UnsupportedTableFeatureException.class);
    if (feature != null) {
      return BuzzException.unsupported(
          prefix
              + "it requires the Delta reader features "
              + feature.getUnsupportedFeatures()
              + ", which Buzz's Delta reader does not support");
    }
    UnsupportedProtocolVersionException protocol =
        find(failure, UnsupportedProtocolVersionException.class);
    if (protocol != null) {
      return BuzzException.unsupported(prefix + withoutPath(protocol.getMessage()));
    }
    KernelException kernel = find(failure, KernelException.class);
    if (kernel != null && isVersionOutOfRange(kernel.getMessage())) {
      return BuzzException.notFound(prefix + withoutPath(kernel.getMessage()));
    }
    Throwable root = rootCause(failure);
    if (root instanceof IOException && !isParseFailure(root)) {
      return new BuzzException(
          ErrorCode.UNAVAILABLE, prefix + "reading the log: " + message(root), failure);
    }
    String where = logFile(failure);
    return BuzzException.badQuery(
        prefix
            + "the Delta log is corrupt or unreadable: "
            + (where == null ? "" : where + ": ")
            + firstLine(message(root)));
  }

  /** Jackson's and parquet-mr's parse failures are IOExceptions too, but the bytes are bad. */
  private static boolean isParseFailure(Throwable t) {
    String type = t.getClass().getName();
    return type.contains("jackson") || type.contains("parquet");
  }

  /**
   * The log file a message in the chain names, e.g. {@code _delta_log/00000000000000000003.json}.
   */
  private static String logFile(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      int at = message == null ? -1 : message.indexOf("_delta_log/");
      if (at >= 0) {
        int end = at;
        while (end < message.length() && !Character.isWhitespace(message.charAt(end))) {
          end++;
        }
        return message.substring(at, end).replaceAll("[,.:;]$", "");
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }

  private static boolean isVersionOutOfRange(String message) {
    return message != null
        && (message.contains("Cannot load table version")
            || message.contains("The provided timestamp"));
  }

  /** Kernel starts its messages with the table's path, which the prefix already names. */
  private static String withoutPath(String message) {
    if (message == null) {
      return "";
    }
    int colon = message.indexOf(": ");
    return colon > 0 && !message.substring(0, colon).contains(" ")
        ? message.substring(colon + 2)
        : message;
  }

  private static String message(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
