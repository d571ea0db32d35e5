package io.buzz.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.buzz.fuse.aws.AwsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/terraform, checked offline: every file parses with HashiCorp's HCL parser (which really
 * rejects broken files, proven below), every reference and module interface holds, variables are
 * documented, typed and validated and outputs documented, IAM grants no wildcard, and the stack
 * outputs every setting {@code bin/buzz --aws} needs.
 */
class TerraformTest {
  private static final Path TERRAFORM =
      Path.of(System.getProperty("buzz.terraform.dir", "../../ops/terraform")).toAbsolutePath();

  private static HclParser parser;
  private static Map<Path, TerraformModule> stack;

  @BeforeAll
  static void parseStack() throws Exception {
    parser = HclParser.install(Path.of(System.getProperty("buzz.hcl2json.dir", "target/hcl2json")));
    stack = load(parser, TERRAFORM);
  }

  @Test
  void everyModuleIsThere() {
    assertThat(stack.keySet())
        .extracting(path -> TERRAFORM.relativize(path).toString())
        .contains(
            "",
            "modules/network",
            "modules/buckets",
            "modules/registry",
            "modules/hbee_function",
            "modules/hcomb",
            "modules/fuse");
  }

  @Test
  void parserRejectsBrokenFiles(@TempDir Path dir) throws Exception {
    Map<String, String> broken =
        Map.of(
            "unclosed_block.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n",
            "missing_value.tf", "resource \"a\" \"b\" {\n  x = \n}\n",
            "double_equals.tf", "locals {\n  a = = 1\n}\n",
            "unterminated_string.tf", "variable \"v\" {\n  description = \"no end\n}\n",
            "unclosed_call.tf", "locals {\n  a = max(1, 2\n}\n");
    for (Map.Entry<String, String> file : broken.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.writeString(path, file.getValue());
      assertThatThrownBy(() -> parser.parse(List.of(path)))
          .as(file.getKey())
          .isInstanceOf(HclParser.HclSyntaxError.class)
          .hasMessageContaining(file.getKey());
    }
  }

  @Test
  void referencesAndModuleInterfacesHold() {
    List<String> problems = new ArrayList<>();
    stack.values().forEach(module -> problems.addAll(TerraformChecks.references(module, stack)));
    assertThat(problems).isEmpty();
  }

  @Test
  void variablesAreDocumentedTypedAndValidatedAndOutputsDocumented() {
    List<String> problems = new ArrayList<>();
    stack.values().forEach(module -> problems.addAll(TerraformChecks.documentation(module)));
    assertThat(problems).isEmpty();
  }

  @Test
  void iamGrantsNoWildcards() {
    List<String> problems = new ArrayList<>();
    stack.values().forEach(module -> problems.addAll(TerraformChecks.leastPrivilege(module)));
    assertThat(problems).isEmpty();
  }

  @Test
  void stackOutputsEverySettingTheFuseAndTheCliRead() {
    TerraformModule root = stack.get(TERRAFORM);
    assertThat(root.outputs()).containsKey("buzz_aws_properties");
    assertThat(root.outputs().get("buzz_aws_properties").path("value").asText())
        .contains("local.buzz_settings");
    List<String> settings = new ArrayList<>();
    root.locals().get("buzz_settings").fieldNames().forEachRemaining(settings::add);
    assertThat(AwsSettings.NAMES).containsAll(settings);
    assertThat(settings)
        .contains(
            AwsSettings.REGION,
            AwsSettings.HBEE_FUNCTION,
            AwsSettings.FUSE_FUNCTION,
            AwsSettings.CLUSTER,
            AwsSettings.TASK_DEFINITION,
            AwsSettings.SUBNETS,
            AwsSettings.SECURITY_GROUPS,
            AwsSettings.RESULTS);
  }

  @Test
  void stagesSetOnlyDeclaredVariables() throws Exception {
    TerraformModule root = stack.get(TERRAFORM);
    try (Stream<Path> files = Files.list(TERRAFORM.resolve("stages"))) {
      List<Path> stages =
          files.filter(path -> path.toString().endsWith(".tfvars")).sorted().toList();
      assertThat(stages).isNotEmpty();
      JsonNode parsed = parser.parse(stages);
      for (Path stage : stages) {
        JsonNode values = parsed.get(stage.toString());
        values
            .fieldNames()
            .forEachRemaining(
                name ->
                    assertThat(root.variables())
                        .as("%s sets %s", stage.getFileName(), name)
                        .containsKey(name));
        String name = stage.getFileName().toString().replace(".tfvars", "");
        assertThat(values.path("stage").asText())
            .as(stage.getFileName().toString())
            .isEqualTo(name);
      }
    }
  }

  @Test
  void checksFindWhatTheyLookFor(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("modules/child"));
    Files.writeString(
        dir.resolve("main.tf"),
        """
        variable "declared" {
          type = string
        }
        module "child" {
          source  = "./modules/child"
          unknown = var.undeclared
        }
        output "o" {
          value = module.child.missing
        }
        data "aws_iam_policy_document" "p" {
          statement {
            actions   = ["s3:*"]
            resources = ["*"]
          }
        }
        """);
    Files.writeString(
        dir.resolve("modules/child/main.tf"),
        """
        variable "needed" {
          description = "required"
          type        = string
        }
        """);
    Map<Path, TerraformModule> fixture = load(parser, dir);
    TerraformModule root = fixture.get(dir);
    assertThat(TerraformChecks.references(root, fixture))
        .anyMatch(problem -> problem.contains("var.undeclared is not declared"))
        .anyMatch(problem -> problem.contains("passes unknown"))
        .anyMatch(problem -> problem.contains("leaves out required input needed"))
        .anyMatch(problem -> problem.contains("module.child.missing is not an output"));
    assertThat(TerraformChecks.documentation(root))
        .anyMatch(problem -> problem.contains("variable declared has no description"))
        .anyMatch(problem -> problem.contains("variable declared has no validation"))
        .anyMatch(problem -> problem.contains("output o has no description"));
    assertThat(TerraformChecks.leastPrivilege(root))
        .anyMatch(problem -> problem.contains("wildcard action s3:*"))
        .anyMatch(problem -> problem.contains("S3 on every resource"));
  }

  private static Map<Path, TerraformModule> load(HclParser parser, Path root) throws Exception {
    Map<Path, TerraformModule> modules = new LinkedHashMap<>();
    List<Path> directories = TerraformChecks.moduleDirectories(root);
    List<Path> files = new ArrayList<>();
    for (Path directory : directories) {
      files.addAll(tfFiles(directory));
    }
    JsonNode parsed = parser.parse(files);
    for (Path directory : directories) {
      List<JsonNode> bodies = new ArrayList<>();
      for (Path file : tfFiles(directory)) {
        bodies.add(parsed.get(file.toString()));
      }
      modules.put(directory, new TerraformModule(directory, bodies));
    }
    return modules;
  }

  private static List<Path> tfFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(path -> path.toString().endsWith(".tf")).sorted().toList();
    }
  }
}
