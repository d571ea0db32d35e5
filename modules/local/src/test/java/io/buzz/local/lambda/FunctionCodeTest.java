package io.buzz.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every execution environment of the Lambda twin loads the runtime interface client's JNI library
 * from one file extracted once, never rewritten: left to itself each environment copies the library
 * over the shared {@code /tmp/.libaws-lambda-jni.so} as it starts, crashing an environment that has
 * it loaded (exit 134) — on AWS each environment has a {@code /tmp} of its own.
 */
class FunctionCodeTest {
  @TempDir Path temp;

  @Test
  void environmentsLoadOneJniLibraryThatIsWrittenOnce() throws Exception {
    Path zip = temp.resolve("function.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("lib/"));
    }
    ProcessFunctionConfig config =
        ProcessFunctionConfig.hbee("jni-check", zip, Map.of(), temp.resolve("logs"));

    Path first = library(FunctionCode.prepare(config).processBuilder(config, 1, 9001).command());
    Path second = library(FunctionCode.prepare(config).processBuilder(config, 2, 9002).command());

    assertThat(second).isEqualTo(first);
    assertThat(first).isNotEqualTo(Path.of("/tmp/.libaws-lambda-jni.so"));
    String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
    try (InputStream jar =
        Class.forName("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")
            .getResourceAsStream("/jni/libaws-lambda-jni.linux-" + arch + ".so")) {
      assertThat(Files.readAllBytes(first)).isEqualTo(jar.readAllBytes());
    }
    Object identity = Files.readAttributes(first, BasicFileAttributes.class).fileKey();
    FunctionCode.prepare(config);
    assertThat(Files.readAttributes(first, BasicFileAttributes.class).fileKey())
        .as("a third preparation reuses the file")
        .isEqualTo(identity);
  }

  /** The library the command tells the runtime interface client to load. */
  private static Path library(List<String> command) {
    String prefix = "-D" + FunctionCode.JNI_LIBRARY_PROPERTY + "=";
    return command.stream()
        .filter(argument -> argument.startsWith(prefix))
        .map(argument -> Path.of(argument.substring(prefix.length())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no JNI library in " + command));
  }
}
