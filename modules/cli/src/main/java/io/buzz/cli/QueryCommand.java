package io.buzz.cli;

import io.buzz.error.BuzzException;
import io.buzz.plan.json.QueryJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code buzz query FILE.json [--server HOST:PORT] [--format table|csv|json|arrow|parquet]
 * [--output FILE]}.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Runs a query file. Without --server, on the embedded local stack in this process.")
final class QueryCommand extends RunCommand {
  @Parameters(paramLabel = "FILE.json", description = "the query, in Buzz's JSON format")
  Path file;

  @Override
  String queryJson() {
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
}
