package io.buzz.plan.model;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the rules of a {@link Query} that need neither a catalog nor SQL parsing. Each failure is
 * a {@link BuzzException} whose message starts with the JSON path of the offending value ({@code
 * steps[1].step_type}, {@code catalogs[0].uri}, ...). The first violation found is reported.
 *
 * <p>Names are compared case-insensitively because SQL identifiers are matched that way.
 */
public final class QueryValidator {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern S3_URI =
      Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?");
  private static final String URI_FORMS =
      "use s3://bucket[/prefix], file:///absolute/dir or file:relative/dir";

  private QueryValidator() {}

  /**
   * Validates {@code query}.
   *
   * @throws BuzzException BAD_QUERY for an invalid query, UNSUPPORTED for a valid one Buzz cannot
   *     run yet (more than one zone)
   */
  public static void validate(Query query) {
    if (query.isStatement()) {
      validateStatement(query.statement());
    } else {
      validateSteps(query.steps());
    }
    validateCapacity(query.capacity());
    validateCatalogs(query.catalogs(), query.isStatement() ? List.of() : query.steps());
  }

  private static void validateStatement(Step statement) {
    if (statement.sql().isBlank()) {
      throw BuzzException.badQuery("sql is empty; write one SELECT statement");
    }
    if (statement.partitionFilter().isPresent()) {
      throw BuzzException.badQuery(
          "a query written as one statement has no partition_filter; its WHERE clause prunes"
              + " the files by their partition values");
    }
  }

  private static void validateSteps(List<Step> steps) {
    String types =
        steps.stream().map(s -> s.stepType().jsonName()).collect(Collectors.joining(", "));
    if (steps.size() != 2) {
      throw BuzzException.badQuery(
          "steps: a query has exactly one HBee step followed by exactly one HComb step (or is one"
              + " SQL statement, {\"sql\": \"SELECT ...\"}); got "
              + steps.size()
              + (steps.isEmpty() ? " steps" : " steps (" + types + ")"));
    }
    if (steps.get(0).stepType() != StepType.HBEE || steps.get(1).stepType() != StepType.HCOMB) {
      int wrong = steps.get(0).stepType() != StepType.HBEE ? 0 : 1;
      throw BuzzException.badQuery(
          "steps["
              + wrong
              + "].step_type is "
              + steps.get(wrong).stepType().jsonName()
              + ": a query has exactly one HBee step followed by exactly one HComb step; got "
              + types);
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String path = "steps[" + i + "]";
      if (step.name().isEmpty()) {
        throw BuzzException.badQuery(path + ".name is empty; every step needs a name");
      }
      if (!IDENTIFIER.matcher(step.name()).matches()) {
        throw BuzzException.badQuery(
            path
                + ".name '"
                + step.name()
                + "' is not a valid SQL identifier: use letters, digits and underscores, not"
                + " starting with a digit");
      }
      Integer other = seen.putIfAbsent(step.name().toLowerCase(Locale.ROOT), i);
      if (other != null) {
        throw BuzzException.badQuery(
            path
                + ".name '"
                + step.name()
                + "' is also the name of steps["
                + other
                + "]; step names must be unique (case-insensitively)");
      }
      if (step.sql().isBlank()) {
        throw BuzzException.badQuery(path + ".sql of " + step.describe() + " is empty");
      }
      if (step.partitionFilter().isPresent()) {
        if (step.stepType() != StepType.HBEE) {
          throw BuzzException.badQuery(
              path
                  + ".partition_filter: only the HBee step may have a partition filter; "
                  + step.describe()
                  + " is an HComb step");
        }
        if (step.partitionFilter().get().isBlank()) {
          throw BuzzException.badQuery(
              path + ".partition_filter of " + step.describe() + " is empty; omit it instead");
        }
      }
    }
  }

  private static void validateCapacity(Capacity capacity) {
    if (capacity.zones() < 1) {
      throw BuzzException.badQuery("capacity.zones = " + capacity.zones() + ": must be at least 1");
    }
    if (capacity.zones() > 1) {
      throw new BuzzException(
          ErrorCode.UNSUPPORTED,
          "capacity.zones = "
              + capacity.zones()
              + ": multi-zone reduce is not supported yet; use 1");
    }
  }

  private static void validateCatalogs(List<CatalogSpec> catalogs, List<Step> steps) {
    if (catalogs.isEmpty()) {
      throw BuzzException.badQuery(
          "catalogs: at least one catalog is required; the query reads one of them");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < catalogs.size(); i++) {
      CatalogSpec catalog = catalogs.get(i);
      String path = "catalogs[" + i + "]";
      if (catalog.name().isBlank()) {
        throw BuzzException.badQuery(path + ".name is empty; every catalog needs a name");
      }
      String key = catalog.name().toLowerCase(Locale.ROOT);
      Integer other = seen.putIfAbsent(key, i);
      if (other != null) {
        throw BuzzException.badQuery(
            path
                + ".name '"
                + catalog.name()
                + "' is also the name of catalogs["
                + other
                + "]; catalog names must be unique (case-insensitively)");
      }
      for (int s = 0; s < steps.size(); s++) {
        if (steps.get(s).name().toLowerCase(Locale.ROOT).equals(key)) {
          throw BuzzException.badQuery(
              path
                  + ".name '"
                  + catalog.name()
                  + "' is also the name of steps["
                  + s
                  + "]; SQL could not tell the catalog from the step's output");
        }
      }
      validateUri(catalog.uri(), path + ".uri");
      validateSnapshot(catalog, path);
    }
  }

  /** {@code version} and {@code timestamp} choose a Delta table's version: one of them at most. */
  private static void validateSnapshot(CatalogSpec catalog, String path) {
    boolean version = catalog.version().isPresent();
    boolean timestamp = catalog.timestamp().isPresent();
    if ((version || timestamp) && catalog.type() != CatalogType.DELTA_LAKE) {
      throw BuzzException.badQuery(
          path
              + (version ? ".version" : ".timestamp")
              + ": only DeltaLake catalogs have versions to choose from; "
              + catalog.type().jsonName()
              + " catalogs read the files present now");
    }
    if (version && timestamp) {
      throw BuzzException.badQuery(
          path + ": version and timestamp both choose the version to read; give one of them");
    }
    if (version && catalog.version().getAsLong() < 0) {
      throw BuzzException.badQuery(
          path + ".version must be 0 or more, got " + catalog.version().getAsLong());
    }
  }

  /** Accepts {@code s3://bucket[/prefix]}, {@code file:///abs/dir}, {@code file:rel/dir}. */
  static void validateUri(String uri, String path) {
    if (uri.startsWith("s3://")) {
      if (!S3_URI.matcher(uri).matches()) {
        throw BuzzException.badQuery(
            path
                + " '"
                + uri
                + "' is not a valid S3 URI: the bucket name must be 3 to 63 lowercase letters,"
                + " digits, dots or hyphens; "
                + URI_FORMS);
      }
      return;
    }
    if (uri.startsWith("file:")) {
      String rest = uri.substring("file:".length());
      if (rest.isEmpty() || rest.equals("//")) {
        throw BuzzException.badQuery(path + " '" + uri + "' has no path; " + URI_FORMS);
      }
      if (rest.startsWith("//") && !rest.startsWith("///")) {
        throw BuzzException.badQuery(
            path + " '" + uri + "' names a host; file URIs must be local: " + URI_FORMS);
      }
      return;
    }
    throw BuzzException.badQuery(path + " '" + uri + "' has an unsupported scheme; " + URI_FORMS);
  }
}
