package io.buzz.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One {@code buzz} command line run in this JVM, with what it printed: standard output as bytes
 * (binary formats) and as UTF-8 text, standard error as text.
 */
record CliRun(int exitCode, byte[] bytes, String err) {
  /** Runs with standard output going to a file or a pipe. */
  static CliRun of(String... args) {
    return run(System.getenv(), false, args);
  }

  /** Runs with standard output on a terminal. */
  static CliRun onTerminal(String... args) {
    return run(System.getenv(), true, args);
  }

  /** A run that sees {@code environment} as its only environment variables. */
  static CliRun with(Map<String, String> environment, List<String> args) {
    return run(environment, false, args.toArray(String[]::new));
  }

  private static CliRun run(Map<String, String> environment, boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    PrintWriter text = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    int code =
        BuzzCli.run(
            environment, new StandardOutput(text, out, terminal), new PrintWriter(err), args);
    return new CliRun(code, out.toByteArray(), err.toString());
  }

  /** Standard output as UTF-8 text. */
  String out() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Standard error without trailing line breaks. */
  String errLine() {
    return err.strip();
  }
}
