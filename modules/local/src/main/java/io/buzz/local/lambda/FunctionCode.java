package io.buzz.local.lambda;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
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
  /**
   * The system property that names the runtime interface client's JNI library. Without it every
   * environment copies the library over {@code /tmp/.libaws-lambda-jni.so} as it starts — on AWS
   * each environment has a {@code /tmp} of its own, here they share one, and an environment that
   * rewrites the file while another has it loaded crashes that one in native code (exit 134).
   */
  static final String JNI_LIBRARY_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private final Path taskRoot;
  private final String runtimeClassPath;

  /** The JNI library every environment loads, extracted once; null where none fits (see there). */
  private final Path jniLibrary;

  private FunctionCode(Path taskRoot, String runtimeClassPath, Path jniLibrary) {
    this.taskRoot = taskRoot;
    this.runtimeClassPath = runtimeClassPath;
    this.jniLibrary = jniLibrary;
  }

  /**
   * The function of {@code config}, unpacked below {@code java.io.tmpdir} (blocks), with its log
   * directory created.
   */
  static FunctionCode prepare(ProcessFunctionConfig config) {
    try {
      Path root = Path.of(System.getProperty("java.io.tmpdir"), "buzz-lambda-twin");
      Files.createDirectories(root);
      Files.createDirectories(config.logDirectory());
      return new FunctionCode(unpack(config.code(), root), runtimeClassPath(), jniLibrary(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The process of execution environment {@code environmentId}, as the managed runtime starts it:
   * the runtime's class path and flags, the task root as working directory, the Lambda environment
   * variables (the Runtime API at {@code 127.0.0.1:runtimeApiPort}) and the function's own — and
   * nothing of this process's environment (credentials, profiles). Output goes to {@link #logFile}.
   */
  ProcessBuilder processBuilder(
      ProcessFunctionConfig config, int environmentId, int runtimeApiPort) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(config.jvmFlags());
    // The managed runtime's own flags: heap from the memory size, IPv4, CRaC hooks routed to the
    // runtime interface client, fatal errors to stderr.
    command.add("-XX:MaxHeapSize=" + (config.memoryMb() * 85L / 100) + "m");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-XX:+ErrorFileToStderr");
    command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    if (jniLibrary != null) {
      command.add("-D" + JNI_LIBRARY_PROPERTY + "=" + jniLibrary);
    }
    command.add("-classpath");
    command.add(runtimeClassPath);
    command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    command.add(config.handler());
    ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
    env.put("_HANDLER", config.handler());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
    env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "twin/" + environmentId);
    env.putAll(config.environment());
    return builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(config, environmentId).toFile()));
  }

  /** Where environment {@code id}'s output goes (its "CloudWatch log stream"). */
  static Path logFile(ProcessFunctionConfig config, int id) {
    return config.logDirectory().resolve(config.functionName() + "-env-" + id + ".log");
  }

  /** Classes of the runtime's jars, found in this process's class path. */
  private static final List<String> RUNTIME_CLASSES =
      List.of(
          "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
          "com.amazonaws.services.lambda.runtime.Context",
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

  /**
   * Unpacks {@code zip} into a directory of its own below {@code root} (once: a package unpacked
   * before, same size and time, is reused) and returns that directory.
   */
  private static Path unpack(Path zip, Path root) {
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

  /**
   * The runtime interface client's JNI library for this machine (glibc or musl, x86-64 or AArch64),
   * copied from its jar into {@code root} under a name of its own content's checksum: a file
   * written once and never rewritten (written aside, then renamed into place, so a process that has
   * it loaded keeps its copy). Null on another platform: the client then finds its library itself.
   */
  private static Path jniLibrary(Path root) throws IOException {
    String arch =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          default -> null;
        };
    if (arch == null || !System.getProperty("os.name").toLowerCase(Locale.ROOT).equals("linux")) {
      return null;
    }
    boolean musl =
        Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
            || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
    String name = "libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + arch + ".so";
    byte[] library;
    try (InputStream in = runtimeClass().getResourceAsStream("/jni/" + name)) {
      if (in == null) {
        return null;
      }
      library = in.readAllBytes();
    }
    CRC32 checksum = new CRC32();
    checksum.update(library);
    Path target =
        root.resolve(name.replace(".so", "-" + Long.toHexString(checksum.getValue()) + ".so"));
    if (Files.isRegularFile(target) && Files.size(target) == library.length) {
      return target;
    }
    Path staging = Files.createTempFile(root, name, ".staging");
    Files.write(staging, library);
    Files.move(
        staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private static Class<?> runtimeClass() {
    try {
      return Class.forName(RUNTIME_CLASSES.get(0), false, FunctionCode.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the Lambda twin needs " + RUNTIME_CLASSES.get(0) + " on its class path", e);
    }
  }

  /** The managed runtime's class path: the runtime interface client and what it needs. */
  private static String runtimeClassPath() {
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
