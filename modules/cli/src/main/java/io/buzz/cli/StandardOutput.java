package io.buzz.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * The process's standard output as {@code buzz} uses it: text (results in text formats, help), the
 * same stream as bytes (binary formats), and whether a person is looking at it.
 *
 * @param text results as text, usage and help
 * @param bytes the same destination for binary formats; null where only text can go (embedding with
 *     a {@code Writer}), which binary formats then refuse like a terminal
 * @param terminal true when standard output is a terminal, where binary formats are refused
 */
record StandardOutput(PrintWriter text, OutputStream bytes, boolean terminal) {
  StandardOutput {
    Objects.requireNonNull(text, "text is null");
  }

  /** Whether a binary format may be written here. */
  boolean takesBytes() {
    return bytes != null && !terminal;
  }
}
