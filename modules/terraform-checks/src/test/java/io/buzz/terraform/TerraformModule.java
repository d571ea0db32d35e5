package io.buzz.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One Terraform module (a directory's *.tf files) as parsed by {@link HclParser}: its variables,
 * outputs, locals, module calls and every block of a given type, merged over its files.
 */
record TerraformModule(Path directory, List<JsonNode> files) {

  /** Variable name → its body ({@code description}, {@code type}, {@code validation}, …). */
  Map<String, JsonNode> variables() {
    return labelled("variable");
  }

  Map<String, JsonNode> outputs() {
    return labelled("output");
  }

  /** Module call name → its body ({@code source} and the inputs). */
  Map<String, JsonNode> moduleCalls() {
    return labelled("module");
  }

  /** Every local value's name → its expression or literal. */
  Map<String, JsonNode> locals() {
    Map<String, JsonNode> locals = new LinkedHashMap<>();
    for (JsonNode file : files) {
      for (JsonNode block : file.path("locals")) {
        block.fields().forEachRemaining(field -> locals.put(field.getKey(), field.getValue()));
      }
    }
    return locals;
  }

  /**
   * Bodies of {@code kind} blocks of {@code type} ("resource"/"data", e.g.
   * "aws_iam_policy_document").
   */
  List<JsonNode> blocks(String kind, String type) {
    List<JsonNode> bodies = new ArrayList<>();
    for (JsonNode file : files) {
      for (Iterator<JsonNode> named = file.path(kind).path(type).elements(); named.hasNext(); ) {
        named.next().forEach(bodies::add);
      }
    }
    return bodies;
  }

  /** Every string in the module: literals and expressions' source text. */
  void forEachText(Consumer<String> action) {
    files.forEach(file -> walk(file, action));
  }

  private Map<String, JsonNode> labelled(String kind) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    for (JsonNode file : files) {
      file.path(kind)
          .fields()
          .forEachRemaining(
              field -> field.getValue().forEach(body -> result.put(field.getKey(), body)));
    }
    return result;
  }

  private static void walk(JsonNode node, Consumer<String> action) {
    if (node.isTextual()) {
      action.accept(node.asText());
    } else if (node.isContainerNode()) {
      node.fields().forEachRemaining(field -> walk(field.getValue(), action));
      if (node.isArray()) {
        node.forEach(element -> walk(element, action));
      }
    }
  }
}
