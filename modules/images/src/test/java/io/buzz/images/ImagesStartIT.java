package io.buzz.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buzz.fuse.hcomb.HCombHealth;
import io.buzz.protocol.hcomb.HealthResponse;
import io.buzz.protocol.task.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images built by {@code package} start from their own files: each image's layers are unpacked
 * into a root file system and its entry point (from the image's config) runs there under {@code
 * chroot}, in a user namespace with its own /proc, as a container runtime would run it: the image's
 * Java runtime, its Debian libraries, its jars.
 *
 * <p>The HComb then answers a gRPC health check; the Fuse's gRPC service, given no AWS settings,
 * exits 2 with one line naming the missing setting (its start-up validation, which needs every
 * class of its wiring to load).
 *
 * <p>Needs Linux user namespaces ({@code unshare -r}); without them the test is skipped, unless
 * {@code BUZZ_REQUIRE_IMAGE_RUN=1} (CI) makes that a failure.
 */
class ImagesStartIT {
  private static final Path IMAGES =
      Path.of(System.getProperty("buzz.images.dir", "target/images"));

  @TempDir Path work;
  private final List<Process> processes = new ArrayList<>();
  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void hcombImageAnswersHealthCheck() throws Exception {
    assumeContainersCanRun();
    UnpackedImage image = UnpackedImage.unpack(IMAGES.resolve("buzz-hcomb.tar"), work);
    assertThat(image.user()).isEqualTo("65532:65532");
    assertThat(image.entrypoint().get(0)).isEqualTo("/opt/java/bin/java");
    // The heap is committed and touched at start (a merge of many streams otherwise pays for the
    // page faults of a growing heap): the image's process starts with it.
    assertThat(image.entrypoint()).containsAll(io.buzz.hcomb.HCombMain.HEAP_FLAGS);
    int port = freePort();
    Path log = work.resolve("hcomb.log");
    Map<String, String> env = new LinkedHashMap<>(image.environment());
    env.put("BUZZ_HCOMB_HOST", "127.0.0.1");
    env.put("BUZZ_HCOMB_PORT", Integer.toString(port));
    env.put("BUZZ_HCOMB_METRICS_PORT", Integer.toString(freePort()));
    processes.add(start(image, env, log));

    vertx = Vertx.vertx();
    GrpcClient client = GrpcClient.client(vertx);
    Endpoint endpoint = Endpoint.newBuilder().setHost("127.0.0.1").setPort(port).build();
    HealthResponse health = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Throwable last = null;
    while (health == null && System.nanoTime() < deadline) {
      try {
        health =
            HCombHealth.check(client, endpoint, Duration.ofSeconds(2)).await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        last = e;
        assertThat(processes.get(0).isAlive())
            .as("the HComb image's process is running; its output:%n%s", read(log))
            .isTrue();
        Thread.sleep(200);
      }
    }
    assertThat(health)
        .as("health answer (last failure %s); output:%n%s", last, read(log))
        .isNotNull();
    assertThat(health.getServing()).isTrue();
  }

  @Test
  void eachImageRunsItsComponentsCollector() throws Exception {
    // Read from the images' files: no container needed.
    assertThat(
            UnpackedImage.unpack(IMAGES.resolve("buzz-hcomb.tar"), work.resolve("h")).entrypoint())
        .contains("-XX:+UseG1GC");
    assertThat(
            UnpackedImage.unpack(IMAGES.resolve("buzz-fuse.tar"), work.resolve("f")).entrypoint())
        .containsAll(io.buzz.fuse.aws.FuseServer.JVM_FLAGS)
        .doesNotContain("-XX:+UseG1GC");
  }

  @Test
  void fuseImageEntryPointRefusesMissingSettingsInOneLine() throws Exception {
    assumeContainersCanRun();
    UnpackedImage image = UnpackedImage.unpack(IMAGES.resolve("buzz-fuse.tar"), work);
    assertThat(image.user()).isEqualTo("65532:65532");
    Path log = work.resolve("fuse.log");
    Process process = start(image, image.environment(), log);
    processes.add(process);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the Fuse exits").isTrue();
    String output = read(log).strip();
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    assertThat(output).startsWith("buzz-fuse: ").contains("buzz.aws.").doesNotContain("\tat ");
  }

  /** The entry point under chroot in new user, mount and PID namespaces, /proc mounted inside. */
  private static Process start(UnpackedImage image, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(namespaceCommand(image.root()));
    command.addAll(image.entrypoint());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(image.root().toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.start();
  }

  private static List<String> namespaceCommand(Path root) {
    return List.of(
        executable("unshare"),
        "--user",
        "--map-root-user",
        "--mount",
        "--pid",
        "--fork",
        "--kill-child",
        "--mount-proc=" + root.resolve("proc"),
        executable("chroot"),
        root.toString());
  }

  /** A tool's absolute path: the image's environment replaces ours, PATH included. */
  private static String executable(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    for (String directory : path.split(":")) {
      Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath().toString();
      }
    }
    return name;
  }

  private static void assumeContainersCanRun() throws Exception {
    boolean canRun;
    try {
      Process probe =
          new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "true")
              .redirectErrorStream(true)
              .start();
      canRun = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      canRun = false;
    }
    if ("1".equals(System.getenv("BUZZ_REQUIRE_IMAGE_RUN"))) {
      assertThat(canRun).as("unshare --user works (BUZZ_REQUIRE_IMAGE_RUN=1)").isTrue();
    }
    assumeTrue(canRun, "user namespaces (unshare -r) are not available here");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** An OCI image layout tarball's layers unpacked in order, and its config. */
  record UnpackedImage(
      Path root, List<String> entrypoint, Map<String, String> environment, String user) {
    static UnpackedImage unpack(Path tar, Path work) throws IOException {
      assertThat(tar).as("built by `mvn package` in modules/images").exists();
      Path layout = Files.createDirectories(work.resolve("image"));
      Tarballs.extract(tar, layout, false);
      assertThat(layout.resolve("oci-layout")).exists();
      ObjectMapper json = new ObjectMapper();
      JsonNode index = json.readTree(layout.resolve("index.json").toFile());
      JsonNode manifest = json.readTree(blob(layout, index.get("manifests").get(0)).toFile());
      assertThat(manifest.path("mediaType").asText())
          .isEqualTo("application/vnd.oci.image.manifest.v1+json");
      Path root = Files.createDirectories(work.resolve("root"));
      for (JsonNode layer : manifest.get("layers")) {
        Tarballs.extract(blob(layout, layer), root, true);
      }
      // A container runtime provides these mount points.
      Files.createDirectories(root.resolve("proc"));
      Files.createDirectories(root.resolve("dev"));
      JsonNode config = json.readTree(blob(layout, manifest.get("config")).toFile());
      JsonNode container = config.get("config");
      List<String> entrypoint = new ArrayList<>();
      container.get("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
      Map<String, String> env = new LinkedHashMap<>();
      for (JsonNode pair : container.get("Env")) {
        String text = pair.asText();
        env.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
      }
      return new UnpackedImage(root, entrypoint, env, container.get("User").asText());
    }

    private static Path blob(Path layout, JsonNode descriptor) {
      return layout.resolve("blobs/sha256").resolve(descriptor.get("digest").asText().substring(7));
    }
  }
}
