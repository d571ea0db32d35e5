package io.buzz.hcomb;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what Vert.x logs as "Unhandled exception": a handler (the HComb's or a test client's)
 * threw, and Vert.x could only log it. Vert.x logs through java.util.logging here (no SLF4J
 * provider on the test classpath). Thread-safe.
 */
final class UnhandledExceptionProbe extends Handler {
  private static final Logger CONTEXT_LOG = Logger.getLogger("io.vertx.core.impl.ContextImpl");
  private final List<String> records = new CopyOnWriteArrayList<>();

  private UnhandledExceptionProbe() {}

  static UnhandledExceptionProbe install() {
    UnhandledExceptionProbe probe = new UnhandledExceptionProbe();
    CONTEXT_LOG.addHandler(probe);
    return probe;
  }

  /** Stops collecting; returns what was collected, one entry per record with its stack. */
  List<String> uninstall() {
    CONTEXT_LOG.removeHandler(this);
    return List.copyOf(records);
  }

  @Override
  public void publish(LogRecord record) {
    StringWriter text = new StringWriter();
    text.append(record.getMessage());
    if (record.getThrown() != null) {
      text.append(": ");
      record.getThrown().printStackTrace(new PrintWriter(text));
    }
    records.add(text.toString());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
