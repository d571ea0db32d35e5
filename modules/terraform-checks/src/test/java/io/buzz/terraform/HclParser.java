package io.buzz.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HashiCorp's HCL parser, the one Terraform itself uses, compiled to WASM and shipped in the npm
 * package {@code @cdktn/hcl2json}; installed with {@code npm ci} from the committed lock file into
 * {@code target/hcl2json} on first use, run with node. A file that does not parse is an {@link
 * HclSyntaxError} naming the file, line and column.
 *
 * <p>Output shape: blocks nest one level per label and end in an array of bodies; literals stay
 * JSON; every expression is its source text inside {@code ${…}}.
 */
final class HclParser {
  private static final Path SOURCES = Path.of("src/test/hcl2json");

  private final Path home;

  private HclParser(Path home) {
    this.home = home;
  }

  /** The parser installed under {@code home} (npm ci when it is not yet there). */
  static HclParser install(Path home) throws IOException, InterruptedException {
    Files.createDirectories(home);
    for (String file : List.of("package.json", "package-lock.json", "parse.js")) {
      Files.copy(SOURCES.resolve(file), home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(home.resolve("node_modules/@cdktn/hcl2json"))) {
      run(home, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
    }
    return new HclParser(home);
  }

  /** Every file parsed, keyed by its path as given. */
  JsonNode parse(List<Path> files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", home.resolve("parse.js").toString()));
    files.forEach(file -> command.add(file.toString()));
    return new ObjectMapper().readTree(run(home, command, 120));
  }

  private static String run(Path directory, List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path errors = Files.createTempFile("hcl2json", ".err");
    try {
      Process process;
      try {
        process =
            new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectError(errors.toFile())
                .start();
      } catch (IOException e) {
        throw new IOException(
            command.get(0)
                + " is not installed: the Terraform checks need Node.js and npm (.ci/run installs"
                + " them from Debian)",
            e);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      String error = Files.readString(errors, StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        if (command.get(0).equals("node")) {
          throw new HclSyntaxError(error);
        }
        throw new IOException(String.join(" ", command) + " failed: " + error);
      }
      return output;
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  /** One or more files are not valid HCL; the message has one line per file. */
  static final class HclSyntaxError extends IOException {
    HclSyntaxError(String message) {
      super(message);
    }
  }
}
