package io.buzz.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/buzz}: run queries on the embedded local stack or against a Buzz server, or serve the
 * query API. Exit codes: 0 success, 2 the query (or the command line) is wrong, 1 anything else,
 * 130 a query interrupted with Ctrl-C. Results go to standard output, statistics and errors to
 * standard error, both in UTF-8.
 */
@Command(
    name = "buzz",
    mixinStandardHelpOptions = true,
    version = "buzz 0.1.0",
    description = "Serverless SQL over Parquet: HBees map, an HComb reduces.",
    subcommands = {QueryCommand.class, SqlCommand.class, ServeCommand.class})
public final class BuzzCli {
  /** True when the command line owns the process (run from {@link #main}), not in a test. */
  private static volatile boolean ownsProcess;

  private final Map<String, String> environment;
  private final StandardOutput standardOutput;

  private BuzzCli(Map<String, String> environment, StandardOutput standardOutput) {
    this.environment = Map.copyOf(environment);
    this.standardOutput = standardOutput;
  }

  @picocli.CommandLine.Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description =
          "log level of everything: "
              + Logging.LEVELS
              + "; default: warnings, and Buzz's own messages from info")
  void logLevel(String level) {
    Logging.setLevel(level);
  }

  /** True when the command line owns the process: it may react to signals and set exit codes. */
  static boolean ownsProcess() {
    return ownsProcess;
  }

  /** The environment variables the commands read (the process's, or a test's). */
  Map<String, String> environment() {
    return environment;
  }

  /** Standard output as the subcommands write their results to it. */
  StandardOutput standardOutput() {
    return standardOutput;
  }

  public static void main(String[] args) {
    ownsProcess = true;
    Logging.bridgeJavaUtilLogging();
    PrintWriter out =
        new PrintWriter(
            new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    // Binary results bypass System.out, a PrintStream, which would hide write errors (a closed
    // pipe). On Java 17 System.console() is non-null exactly when stdin and stdout are terminals.
    StandardOutput stdout =
        new StandardOutput(
            out,
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            System.console() != null);
    System.exit(run(System.getenv(), stdout, err, args));
  }

  /** Runs the command line on the process's standard streams and returns the exit code. */
  public static int run(String... args) {
    return run(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        args);
  }

  /**
   * Runs the command line with {@code out} for results and {@code err} for statistics and messages;
   * both are flushed before it returns. Returns the exit code (for tests and embedding). Binary
   * formats need {@code --output FILE} here.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(System.getenv(), out, err, args);
  }

  /**
   * As {@link #run(PrintWriter, PrintWriter, String...)}, with {@code environment} as variables.
   */
  public static int run(
      Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
    return run(environment, new StandardOutput(out, null, false), err, args);
  }

  /**
   * Runs the command line with {@code environment} as its variables, {@code stdout} for results, as
   * text or bytes, and {@code err} for statistics and messages; both are flushed before it returns.
   * Returns the exit code.
   */
  static int run(
      Map<String, String> environment, StandardOutput stdout, PrintWriter err, String... args) {
    PrintWriter out = stdout.text();
    CommandLine line = new CommandLine(new BuzzCli(environment, stdout));
    line.setOut(out);
    line.setErr(err);
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          String message = exception.getMessage();
          commandLine
              .getErr()
              .println("buzz: " + (message == null ? exception.toString() : oneLine(message)));
          return 1;
        });
    try {
      return line.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static String oneLine(String message) {
    return message == null ? "unknown error" : message.replace('\n', ' ').replace('\r', ' ');
  }
}
