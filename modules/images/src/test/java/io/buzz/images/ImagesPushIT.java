package io.buzz.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make push}'s code path against a real registry on this machine: the CNCF distribution
 * registry (Debian's {@code docker-registry}, the registry ECR's API follows). Both images arrive
 * under the tag with their four layers. Skipped when the registry is not installed, unless {@code
 * BUZZ_REQUIRE_IMAGE_RUN=1} (CI installs it).
 */
class ImagesPushIT {
  private static final Path ROOT =
      Path.of(System.getProperty("buzz.repository.root", "../..")).toAbsolutePath().normalize();
  private static final Path IMAGES =
      Path.of(System.getProperty("buzz.images.dir", "target/images")).toAbsolutePath();

  @TempDir Path work;
  private Process registry;

  @AfterEach
  void stop() throws Exception {
    if (registry != null) {
      registry.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void pushSendsBothImagesToTheStagesRepositories() throws Exception {
    Path binary = Path.of("/usr/bin/docker-registry");
    if ("1".equals(System.getenv("BUZZ_REQUIRE_IMAGE_RUN"))) {
      assertThat(binary).as("docker-registry installed (BUZZ_REQUIRE_IMAGE_RUN=1)").exists();
    }
    assumeTrue(Files.isExecutable(binary), "docker-registry (Debian package) is not installed");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = work.resolve("config.yml");
    Files.writeString(
        config,
        "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
            + work.resolve("data")
            + "\nhttp:\n  addr: 127.0.0.1:"
            + port
            + "\n");
    registry =
        new ProcessBuilder(binary.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("registry.log").toFile())
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String base = "http://127.0.0.1:" + port;
    waitForRegistry(http, base);

    int status =
        ImagesMain.run(
            new String[] {
              "push",
              "--repository-root",
              ROOT.toString(),
              "--out",
              IMAGES.toString(),
              "--version",
              "test",
              "--hcomb-repository",
              "127.0.0.1:" + port + "/buzz-it-hcomb",
              "--fuse-repository",
              "127.0.0.1:" + port + "/buzz-it-fuse",
              "--tag",
              "it-1",
              "--allow-http",
              "true"
            });

    assertThat(status).isZero();
    ObjectMapper json = new ObjectMapper();
    for (String name : new String[] {"buzz-it-hcomb", "buzz-it-fuse"}) {
      JsonNode tags = json.readTree(get(http, base + "/v2/" + name + "/tags/list", null));
      assertThat(tags.path("tags").toString()).contains("it-1");
      JsonNode manifest =
          json.readTree(
              get(
                  http,
                  base + "/v2/" + name + "/manifests/it-1",
                  "application/vnd.oci.image.manifest.v1+json"));
      assertThat(manifest.path("layers")).hasSize(4);
    }
  }

  private static void waitForRegistry(HttpClient http, String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        get(http, base + "/v2/", null);
        return;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static String get(HttpClient http, String uri, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
    if (accept != null) {
      request.header("Accept", accept);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
    return response.body();
  }
}
