package io.buzz.local.lambda;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package unpacked where its execution environments find it, as Lambda
 * unpacks it into {@code /var/task} ({@code LAMBDA_TASK_ROOT}), and the runtime's own jars (the
 * runtime interface client, {@code aws-lambda-java-core}, its serialization) that the managed
 * runtime puts on the JVM's class path — the function's jars are loaded by the runtime interface
 * client's class loader from the task root, never from the class path.
 */
final class FunctionCode {
  /** Classes of the runtime's jars, found in this process's class path. */
  private static final List<String> RUNTIME_CLASSES =
      List.of(
          "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
          "com.amazonaws.services.lambda.runtime.Context",
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

  private FunctionCode() {}

  /**
   * Unpacks {@code zip} into a directory of its own below {@code root} (once: a package unpacked
   * before, same size and time, is reused) and returns that directory.
   */
  static Path unpack(Path zip, Path root) {
    if (!Files.isRegularFile(zip)) {
      throw new BuzzException(
          ErrorCode.INVALID_CONFIG,
          "the function's deployment package "
              + zip
              + " does not exist (build it with: make build)");
    }
    try {
      FileTime modified = Files.getLastModifiedTime(zip);
      String name =
          zip.getFileName().toString().replace(".zip", "")
              + "-"
              + Long.toHexString(Files.size(zip) ^ modified.toMillis());
      Path target = root.resolve(name);
      Path done = target.resolve(".unpacked");
      if (Files.exists(done)) {
        return target;
      }
      Path staging = Files.createTempDirectory(root, name + "-staging-");
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
          Path out = staging.resolve(entry.getName()).normalize();
          if (!out.startsWith(staging)) {
            throw new BuzzException(
                ErrorCode.INVALID_CONFIG, zip + " has an entry outside its root: " + entry);
          }
          if (entry.isDirectory()) {
            Files.createDirectories(out);
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Files.createFile(staging.resolve(".unpacked"));
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // another twin unpacked the same package meanwhile; use theirs
        if (!Files.exists(done)) {
          throw raced;
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("unpacking " + zip, e);
    }
  }

  /** The managed runtime's class path: the runtime interface client and what it needs. */
  static String runtimeClassPath() {
    List<String> entries = new ArrayList<>();
    for (String className : RUNTIME_CLASSES) {
      try {
        Class<?> type = Class.forName(className, false, FunctionCode.class.getClassLoader());
        String entry =
            Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        if (!entries.contains(entry)) {
          entries.add(entry);
        }
      } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
        throw new IllegalStateException(
            "the Lambda twin needs " + className + " on its class path", e);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }
}
