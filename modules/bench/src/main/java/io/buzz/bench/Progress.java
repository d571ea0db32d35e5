package io.buzz.bench;

import java.io.PrintStream;

/** Progress lines on stderr, each stamped with the seconds since the run started. */
final class Progress {
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
  }

  void say(String format, Object... args) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf("[bench %6.1fs] %s%n", seconds, String.format(format, args));
    out.flush();
  }
}
