package io.buzz.plan.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.model.Query;
import io.buzz.plan.model.Step;
import io.buzz.plan.model.StepType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The JSON form of a {@link Query}, as clients submit it:
 *
 * <pre>{@code
 * {"steps": [{"sql": "SELECT ...", "name": "nyc_taxi_map", "step_type": "HBee",
 *             "partition_filter": "pickup_date <= '2009-01-05'"},
 *            {"sql": "SELECT ... FROM nyc_taxi_map ...", "name": "nyc_taxi_reduce",
 *             "step_type": "HComb"}],
 *  "capacity": {"zones": 1},
 *  "catalogs": [{"name": "nyc_taxi", "type": "DeltaLake", "uri": "s3://bucket/nyc-taxi"}]}
 * }</pre>
 *
 * <p>or, written as one statement that Buzz cuts into HBee and HComb work itself:
 *
 * <pre>{@code
 * {"sql": "SELECT payment_type, COUNT(*) FROM nyc_taxi GROUP BY payment_type",
 *  "catalogs": [{"name": "nyc_taxi", "type": "DeltaLake", "uri": "s3://bucket/nyc-taxi"}]}
 * }</pre>
 *
 * <p>Rules: exactly one of {@code sql} and {@code steps}; {@code catalogs} and, in each element,
 * {@code sql}, {@code name}, {@code step_type}, {@code name}, {@code type}, {@code uri} are
 * required. {@code capacity} is optional and defaults to {@code {"zones": 1}}; when present, {@code
 * zones} is required. {@code partition_filter} is optional; {@code null} counts as absent for
 * optional fields. Unknown fields and duplicate keys are errors, so that a typo never silently
 * changes a query. Enum values are matched exactly ({@code "HBee"}, not {@code "hbee"}).
 *
 * <p>Every error is a {@link BuzzException} with code BAD_QUERY: syntax errors give the JSON line
 * and column, the others the JSON path of the value ({@code steps[1].step_type}). Semantic rules
 * (two steps, unique names, URI forms) belong to {@link io.buzz.plan.model.QueryValidator}.
 */
public final class QueryJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private QueryJson() {}

  /**
   * Reads a query from its JSON text.
   *
   * @throws BuzzException BAD_QUERY naming the line and column of a syntax error, or the JSON path
   *     of a missing, mistyped or unknown field
   */
  public static Query parse(String json) {
    requireNonNull(json, "json is null");
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new BuzzException(
          ErrorCode.BAD_QUERY,
          "query JSON is malformed" + where + ": " + e.getOriginalMessage(),
          e);
    }
    if (root == null || root.isMissingNode()) {
      throw BuzzException.badQuery(
          "query JSON is empty; expected an object with sql (or steps) and catalogs");
    }
    return readQuery(root);
  }

  /** Writes {@code query} in the JSON form {@link #parse} reads; absent options are omitted. */
  public static String toJson(Query query) {
    requireNonNull(query, "query is null");
    ObjectNode root = MAPPER.createObjectNode();
    if (query.isStatement()) {
      root.put("sql", query.statement().sql());
    } else {
      ArrayNode steps = root.putArray("steps");
      for (Step step : query.steps()) {
        ObjectNode node = steps.addObject();
        node.put("sql", step.sql());
        node.put("name", step.name());
        node.put("step_type", step.stepType().jsonName());
        step.partitionFilter().ifPresent(filter -> node.put("partition_filter", filter));
      }
    }
    root.putObject("capacity").put("zones", query.capacity().zones());
    ArrayNode catalogs = root.putArray("catalogs");
    for (CatalogSpec catalog : query.catalogs()) {
      ObjectNode node = catalogs.addObject();
      node.put("name", catalog.name());
      node.put("type", catalog.type().jsonName());
      node.put("uri", catalog.uri());
      catalog.version().ifPresent(version -> node.put("version", version));
      catalog.timestamp().ifPresent(timestamp -> node.put("timestamp", timestamp.toString()));
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw BuzzException.internal("cannot write query JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Query readQuery(JsonNode root) {
    requireObject(root, "the query", Set.of("sql", "steps", "capacity", "catalogs"));
    Optional<String> statement = optionalString(root, "sql", "sql");
    List<Step> steps = new ArrayList<>();
    if (statement.isPresent()) {
      if (root.hasNonNull("steps")) {
        throw BuzzException.badQuery(
            "steps: a query is either one SQL statement (sql) or steps, not both");
      }
    } else {
      if (!root.hasNonNull("steps")) {
        throw BuzzException.badQuery(
            "sql or steps is required: a query is one SQL statement (\"sql\": \"SELECT ...\")"
                + " or an HBee and an HComb step (\"steps\": [...])");
      }
      JsonNode stepsNode = requireArray(root, "steps", "steps");
      for (int i = 0; i < stepsNode.size(); i++) {
        steps.add(readStep(stepsNode.get(i), "steps[" + i + "]"));
      }
    }
    Capacity capacity = Capacity.DEFAULT;
    JsonNode capacityNode = root.get("capacity");
    if (capacityNode != null && !capacityNode.isNull()) {
      requireObject(capacityNode, "capacity", Set.of("zones"));
      capacity = new Capacity(requireInt(capacityNode, "zones", "capacity.zones"));
    }
    JsonNode catalogsNode = requireArray(root, "catalogs", "catalogs");
    List<CatalogSpec> catalogs = new ArrayList<>();
    for (int i = 0; i < catalogsNode.size(); i++) {
      catalogs.add(readCatalog(catalogsNode.get(i), "catalogs[" + i + "]"));
    }
    return statement.isPresent()
        ? Query.ofStatement(statement.get(), capacity, catalogs)
        : new Query(steps, capacity, catalogs);
  }

  private static Step readStep(JsonNode node, String path) {
    requireObject(node, path, Set.of("sql", "name", "step_type", "partition_filter"));
    String sql = requireString(node, "sql", path + ".sql");
    String name = requireString(node, "name", path + ".name");
    String type = requireString(node, "step_type", path + ".step_type");
    StepType stepType = StepType.fromJson(type, path + ".step_type");
    Optional<String> filter = optionalString(node, "partition_filter", path + ".partition_filter");
    return new Step(sql, name, stepType, filter);
  }

  private static CatalogSpec readCatalog(JsonNode node, String path) {
    requireObject(node, path, Set.of("name", "type", "uri", "version", "timestamp"));
    String name = requireString(node, "name", path + ".name");
    String type = requireString(node, "type", path + ".type");
    String uri = requireString(node, "uri", path + ".uri");
    OptionalLong version = optionalLong(node, "version", path + ".version");
    Optional<Instant> timestamp =
        optionalString(node, "timestamp", path + ".timestamp")
            .map(text -> Timestamps.parse(text, path + ".timestamp"));
    return new CatalogSpec(
        name, CatalogType.fromJson(type, path + ".type"), uri, version, timestamp);
  }

  private static OptionalLong optionalLong(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return OptionalLong.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw BuzzException.badQuery(path + " must be an integer (64-bit), got " + describe(node));
    }
    return OptionalLong.of(node.longValue());
  }

  private static void requireObject(JsonNode node, String path, Set<String> allowed) {
    if (!node.isObject()) {
      throw BuzzException.badQuery(path + " must be an object, got " + describe(node));
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String prefix = path.equals("the query") ? "" : path + ".";
        throw BuzzException.badQuery(
            prefix
                + name
                + ": unknown field; allowed fields of "
                + path
                + ": "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private static JsonNode requireArray(JsonNode parent, String field, String path) {
    JsonNode node = requirePresent(parent, field, path);
    if (!node.isArray()) {
      throw BuzzException.badQuery(path + " must be an array, got " + describe(node));
    }
    return node;
  }

  private static String requireString(JsonNode parent, String field, String path) {
    JsonNode node = requirePresent(parent, field, path);
    if (!node.isTextual()) {
      throw BuzzException.badQuery(path + " must be a string, got " + describe(node));
    }
    return node.textValue();
  }

  private static Optional<String> optionalString(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw BuzzException.badQuery(path + " must be a string, got " + describe(node));
    }
    return Optional.of(node.textValue());
  }

  private static int requireInt(JsonNode parent, String field, String path) {
    JsonNode node = requirePresent(parent, field, path);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw BuzzException.badQuery(path + " must be an integer (32-bit), got " + describe(node));
    }
    return node.intValue();
  }

  private static JsonNode requirePresent(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw BuzzException.badQuery(path + " is required");
    }
    return node;
  }

  /** A value's JSON kind and, for scalars, the value itself: {@code number 1.5}. */
  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "string \"" + node.textValue() + "\"";
      case NUMBER -> "number " + node.asText();
      case BOOLEAN -> "boolean " + node.asText();
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }
}
