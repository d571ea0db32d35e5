package io.buzz.cli;

import io.buzz.cli.format.ResultFormat;
import io.buzz.cli.format.ResultWriter;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.local.LocalStack;
import io.buzz.fuse.local.LocalStackConfig;
import io.buzz.kernels.batch.Batch;
import io.buzz.plan.json.QueryJson;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code buzz query FILE.json [--server HOST:PORT] [--format table|csv|json]}. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Runs a query file. Without --server, on the embedded local stack in this process.")
final class QueryCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE.json", description = "the query, in Buzz's JSON format")
  Path file;

  @Option(names = "--server", paramLabel = "HOST:PORT", description = "a running Buzz query API")
  String server;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv (RFC 4180) or json; default ${DEFAULT-VALUE}")
  String format;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = "give up after this many seconds; default ${DEFAULT-VALUE}")
  long timeoutSeconds;

  @Option(names = "--quiet", description = "do not print statistics")
  boolean quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      ResultFormat resultFormat = ResultFormat.parse(format);
      String json = readQuery();
      if (server == null) {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.defaults())) {
          return run(stack.vertx(), "127.0.0.1", stack.port(), json, resultFormat);
        }
      }
      int colon = server.lastIndexOf(':');
      if (colon <= 0) {
        throw BuzzException.badQuery("--server must be HOST:PORT, got '" + server + "'");
      }
      Vertx vertx = Vertx.vertx();
      try {
        return run(
            vertx,
            server.substring(0, colon),
            Integer.parseInt(server.substring(colon + 1)),
            json,
            resultFormat);
      } finally {
        vertx.close();
      }
    } catch (BuzzException e) {
      err.println("buzz: " + oneLine(e.getMessage()));
      return e.code().exitCode();
    } catch (IllegalArgumentException e) {
      err.println("buzz: " + oneLine(e.getMessage()));
      return 2;
    }
  }

  private String readQuery() {
    try {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      try {
        return QueryJson.toJson(CatalogUris.absolutize(QueryJson.parse(json), Path.of("")));
      } catch (BuzzException e) {
        return json; // let the server report what is wrong, with positions
      }
    } catch (NoSuchFileException e) {
      throw BuzzException.badQuery("query file " + file + " does not exist");
    } catch (IOException e) {
      throw BuzzException.badQuery("cannot read query file " + file + ": " + e.getMessage());
    }
  }

  private int run(Vertx vertx, String host, int port, String json, ResultFormat resultFormat) {
    PrintWriter err = spec.commandLine().getErr();
    Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    ResultWriter writer = resultFormat.writer(out);
    Statistics[] statistics = {null};
    try (BufferAllocator allocator = new RootAllocator();
        QueryClient client = new QueryClient(vertx, host, port)) {
      client
          .query(
              json,
              Duration.ofSeconds(timeoutSeconds),
              allocator,
              new QueryClient.Listener() {
                @Override
                public void onSchema(Schema schema) {
                  io(() -> writer.start(schema));
                }

                @Override
                public void onBatch(Schema schema, Batch batch) {
                  try (VectorSchemaRoot root = batch.toOwningRoot()) {
                    io(() -> writer.write(root));
                  }
                }

                @Override
                public void onStatistics(Statistics s) {
                  statistics[0] = s;
                }
              })
          .await(timeoutSeconds + 30, TimeUnit.SECONDS);
      writer.finish();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new BuzzException(
          ErrorCode.DEADLINE_EXCEEDED, "no answer within " + timeoutSeconds + " s");
    } catch (IOException | UncheckedIOException e) {
      throw new BuzzException(ErrorCode.INTERNAL, "writing the result: " + e.getMessage(), e);
    }
    if (!quiet && statistics[0] != null) {
      err.print(StatisticsLine.format(statistics[0]));
      err.println();
      err.flush();
    }
    return 0;
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void io(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "unknown error" : message.replace('\n', ' ').replace('\r', ' ');
  }
}
