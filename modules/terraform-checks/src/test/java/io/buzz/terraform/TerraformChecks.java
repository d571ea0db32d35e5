package io.buzz.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Terraform would only find at plan time, or never: references to undeclared variables,
 * locals, modules and module outputs; module inputs the module does not declare or required ones
 * left out; variables and outputs without documentation; IAM statements broader than Buzz needs.
 * Each check returns the problems it found, one line each, naming the module and the name.
 */
final class TerraformChecks {
  private static final Pattern VAR = Pattern.compile("(?<![\\w.])var\\.([A-Za-z_][\\w-]*)");
  private static final Pattern LOCAL = Pattern.compile("(?<![\\w.])local\\.([A-Za-z_][\\w-]*)");
  private static final Pattern MODULE_OUTPUT =
      Pattern.compile("(?<![\\w.])module\\.([A-Za-z_][\\w-]*)\\.([A-Za-z_][\\w-]*)");

  /** Module-call attributes that are Terraform's, not the module's inputs. */
  private static final Set<String> META =
      Set.of("source", "version", "providers", "depends_on", "count", "for_each");

  private TerraformChecks() {}

  /** Declarations, references and module interfaces of {@code module} and the modules it calls. */
  static List<String> references(TerraformModule module, Map<Path, TerraformModule> all) {
    List<String> problems = new ArrayList<>();
    String where = module.directory().getFileName().toString();
    Set<String> variables = module.variables().keySet();
    Set<String> locals = module.locals().keySet();
    Map<String, JsonNode> calls = module.moduleCalls();
    module.forEachText(
        text -> {
          for (String name : matches(VAR, text, 1)) {
            if (!variables.contains(name)) {
              problems.add(where + ": var." + name + " is not declared");
            }
          }
          for (String name : matches(LOCAL, text, 1)) {
            if (!locals.contains(name)) {
              problems.add(where + ": local." + name + " is not defined");
            }
          }
          Matcher output = MODULE_OUTPUT.matcher(text);
          while (output.find()) {
            JsonNode call = calls.get(output.group(1));
            if (call == null) {
              problems.add(where + ": module." + output.group(1) + " is not declared");
              continue;
            }
            TerraformModule target = all.get(source(module, call));
            if (target != null && !target.outputs().containsKey(output.group(2))) {
              problems.add(
                  where
                      + ": module."
                      + output.group(1)
                      + "."
                      + output.group(2)
                      + " is not an output of "
                      + call.path("source").asText());
            }
          }
        });
    for (Map.Entry<String, JsonNode> call : calls.entrySet()) {
      Path source = source(module, call.getValue());
      TerraformModule target = all.get(source);
      if (target == null) {
        problems.add(where + ": module " + call.getKey() + " has no module at " + source);
        continue;
      }
      Map<String, JsonNode> inputs = target.variables();
      call.getValue()
          .fieldNames()
          .forEachRemaining(
              input -> {
                if (!META.contains(input) && !inputs.containsKey(input)) {
                  problems.add(
                      where
                          + ": module "
                          + call.getKey()
                          + " passes "
                          + input
                          + ", which "
                          + call.getValue().path("source").asText()
                          + " does not declare");
                }
              });
      inputs.forEach(
          (name, body) -> {
            if (!body.has("default") && !call.getValue().has(name)) {
              problems.add(
                  where + ": module " + call.getKey() + " leaves out required input " + name);
            }
          });
    }
    return problems;
  }

  /**
   * Every variable has a description, a type and a validation (a bool's type is its validation);
   * every output a description.
   */
  static List<String> documentation(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    String where = module.directory().getFileName().toString();
    module
        .variables()
        .forEach(
            (name, body) -> {
              if (body.path("description").asText("").isBlank()) {
                problems.add(where + ": variable " + name + " has no description");
              }
              if (!body.has("type")) {
                problems.add(where + ": variable " + name + " has no type");
              }
              boolean bool = body.path("type").asText().equals("${bool}");
              if (!bool && !body.has("validation")) {
                problems.add(where + ": variable " + name + " has no validation");
              }
            });
    module
        .outputs()
        .forEach(
            (name, body) -> {
              if (body.path("description").asText("").isBlank()) {
                problems.add(where + ": output " + name + " has no description");
              }
            });
    return problems;
  }

  /**
   * No statement grants {@code *} or any wildcard action, and no statement with an S3 action names
   * every S3 resource; no AWS managed "full access" policy is attached.
   */
  static List<String> leastPrivilege(TerraformModule module) {
    List<String> problems = new ArrayList<>();
    String where = module.directory().getFileName().toString();
    for (JsonNode document : module.blocks("data", "aws_iam_policy_document")) {
      List<JsonNode> statements = new ArrayList<>();
      document.path("statement").forEach(statements::add);
      for (JsonNode dynamic : document.path("dynamic").path("statement")) {
        dynamic.path("content").forEach(statements::add);
      }
      for (JsonNode statement : statements) {
        String sid = statement.path("sid").asText("(no sid)");
        Collection<String> actions = texts(statement.path("actions"));
        Collection<String> resources = texts(statement.path("resources"));
        if (statement.has("not_actions") || statement.has("not_resources")) {
          problems.add(where + ": statement " + sid + " uses not_actions/not_resources");
        }
        for (String action : actions) {
          if (action.contains("*")) {
            problems.add(where + ": statement " + sid + " grants the wildcard action " + action);
          }
        }
        boolean s3 = actions.stream().anyMatch(action -> action.startsWith("s3:"));
        for (String resource : resources) {
          if (s3 && (resource.equals("*") || resource.startsWith("arn:aws:s3:::*"))) {
            problems.add(
                where + ": statement " + sid + " grants S3 on every resource: " + resource);
          }
        }
      }
    }
    module.forEachText(
        text -> {
          if (text.contains("s3:*") || text.matches("(?s).*\"Action\"\\s*[:=]\\s*\"\\*\".*")) {
            problems.add(where + ": a policy text grants a wildcard: " + abbreviate(text));
          }
          if (text.contains("FullAccess") || text.contains("AdministratorAccess")) {
            problems.add(
                where + ": an AWS managed full-access policy is attached: " + abbreviate(text));
          }
        });
    return problems;
  }

  /** The module a call's {@code source} names (local paths only; Buzz uses no registry modules). */
  static Path source(TerraformModule caller, JsonNode call) {
    return caller.directory().resolve(call.path("source").asText()).normalize();
  }

  /** Directories of every *.tf module under {@code root}, the root first. */
  static List<Path> moduleDirectories(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      return paths
          .filter(path -> path.toString().endsWith(".tf"))
          .map(Path::getParent)
          .filter(dir -> !dir.toString().contains(".terraform"))
          .distinct()
          .sorted()
          .toList();
    }
  }

  private static Collection<String> texts(JsonNode node) {
    Set<String> texts = new TreeSet<>();
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(element -> texts.add(element.asText()));
    return texts;
  }

  private static List<String> matches(Pattern pattern, String text, int group) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(group));
    }
    return found;
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() > 120 ? line.substring(0, 117) + "..." : line;
  }
}
