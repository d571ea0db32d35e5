package io.buzz.local.lambda;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The Lambda twin's word on an execution environment that exited while running an invocation: it
 * crashed (a JVM abort, an out-of-memory kill), its log's last lines say why, and nothing else will
 * once the environment is gone.
 */
final class CrashReport {
  private static final System.Logger LOG = System.getLogger(ProcessBackend.class.getName());

  /** The bytes of the log's end that are logged. */
  private static final int TAIL_BYTES = 4096;

  private CrashReport() {}

  /** Logs a WARN naming {@code environment}, its exit status and the end of {@code log}. */
  static void log(Vertx vertx, String environment, int status, Path log) {
    vertx.executeBlocking(
        () -> {
          LOG.log(
              System.Logger.Level.WARNING,
              environment
                  + " exited with status "
                  + status
                  + " while running an invocation; the end of its log:\n"
                  + tail(log));
          return null;
        },
        false);
  }

  private static String tail(Path log) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(0, file.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (file.length() - from)];
      file.seek(from);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
    }
  }
}
