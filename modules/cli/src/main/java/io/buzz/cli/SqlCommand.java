package io.buzz.cli;

import io.buzz.error.BuzzException;
import io.buzz.plan.json.QueryJson;
import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.model.Query;
import io.buzz.plan.sql.ExplainPrefix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code buzz sql "SELECT ..." --table NAME=URI [--delta-table NAME=URI] [query options]}: one SQL
 * statement over tables named on the command line, which Buzz splits into HBee and HComb work
 * itself. {@code EXPLAIN SELECT ...} prints the plan instead of running it.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one SQL statement over the tables given with --table or --delta-table. Without"
          + " --server, on the embedded local stack in this process.",
      "Example: buzz sql \"SELECT payment_type, COUNT(*) FROM taxi GROUP BY 1\""
          + " --table taxi=s3://bucket/nyc-taxi",
      "EXPLAIN SELECT ... prints what runs where and the files it reads, and runs nothing."
    })
final class SqlCommand extends RunCommand {
  private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.+)");

  @Parameters(paramLabel = "SQL", description = "one SELECT statement (or EXPLAIN SELECT ...)")
  String sql;

  @Option(
      names = "--table",
      paramLabel = "NAME=URI",
      description =
          "a table of Parquet files (Hive-style key=value folders are partition columns):"
              + " s3://bucket/prefix, file:///dir or a local directory; repeatable")
  List<String> tables = new ArrayList<>();

  @Option(
      names = "--delta-table",
      paramLabel = "NAME=URI",
      description = "a Delta Lake table, at its latest version; repeatable")
  List<String> deltaTables = new ArrayList<>();

  /** An EXPLAIN prints its plan as plain lines by default, and no statistics. */
  @Override
  String defaultFormat() {
    return explain() ? "text" : super.defaultFormat();
  }

  @Override
  boolean wantsStatistics() {
    return !explain();
  }

  private boolean explain() {
    return sql != null && ExplainPrefix.of(sql).explain();
  }

  @Override
  String queryJson() {
    if (sql.isBlank()) {
      throw BuzzException.badQuery("the SQL statement is empty");
    }
    List<CatalogSpec> catalogs = new ArrayList<>();
    for (String table : tables) {
      catalogs.add(catalog(table, "--table", CatalogType.STATIC));
    }
    for (String table : deltaTables) {
      catalogs.add(catalog(table, "--delta-table", CatalogType.DELTA_LAKE));
    }
    if (catalogs.isEmpty()) {
      throw BuzzException.badQuery(
          "name the tables the statement reads: --table NAME=URI (Parquet files) or"
              + " --delta-table NAME=URI (a Delta table)");
    }
    return QueryJson.toJson(Query.ofStatement(sql, Capacity.DEFAULT, catalogs));
  }

  /** {@code NAME=URI}, a local path becoming an absolute {@code file:} URI. */
  static CatalogSpec catalog(String option, String name, CatalogType type) {
    Matcher matcher = TABLE.matcher(option);
    if (!matcher.matches()) {
      throw BuzzException.badQuery(
          name
              + " '"
              + option
              + "' is not NAME=URI: NAME is a SQL identifier (letters, digits, underscores) and URI"
              + " is s3://bucket/prefix, file:///dir or a local directory");
    }
    String uri = matcher.group(2);
    String lower = uri.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("s3://") && !lower.startsWith("file:")) {
      uri = Path.of(uri).toAbsolutePath().normalize().toUri().toString();
    } else {
      uri = CatalogUris.absolutize(uri, Path.of(""));
    }
    return new CatalogSpec(matcher.group(1), type, uri);
  }
}
