package io.buzz.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One {@code buzz} command line run in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BuzzCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** A run that sees {@code environment} as its only environment variables. */
  static CliRun with(java.util.Map<String, String> environment, java.util.List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        BuzzCli.run(
            environment, new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Standard error without trailing line breaks. */
  String errLine() {
    return err.strip();
  }
}
