package io.buzz.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/buzz}: run queries on the embedded local stack or against a Buzz server, or serve the
 * query API. Exit codes: 0 success, 2 the query (or the command line) is wrong, 1 anything else.
 */
@Command(
    name = "buzz",
    mixinStandardHelpOptions = true,
    version = "buzz 0.1.0",
    description = "Serverless SQL over Parquet: HBees map, an HComb reduces.",
    subcommands = {QueryCommand.class, ServeCommand.class})
public final class BuzzCli {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    CommandLine line = new CommandLine(new BuzzCli());
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          commandLine.getErr().println("buzz: " + exception.getMessage());
          return 1;
        });
    return line.execute(args);
  }
}
