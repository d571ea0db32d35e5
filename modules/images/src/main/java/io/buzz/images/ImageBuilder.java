package io.buzz.images;

import static java.util.Objects.requireNonNull;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Assembles an {@link ImageSpec} on the {@link BaseLayers} with Jib's library: no Docker daemon, no
 * base image from a registry, reproducible (fixed file times and owners, so an unchanged input
 * gives the same layer digests and a push sends only what changed).
 *
 * <pre>
 *   layer 1  debian-base   /lib, /usr/lib (libc6, libgcc-s1, libstdc++6, zlib1g), /etc, /tmp
 *   layer 2  java-runtime  /opt/java (jlink)
 *   layer 3  dependencies  /app/lib/*.jar that are not Buzz's
 *   layer 4  buzz          /app/lib/buzz-*.jar, /app/logging.properties
 *   entry point: /opt/java/bin/java [JVM flags] -cp /app/lib/* MainClass, as user 65532
 * </pre>
 */
final class ImageBuilder {
  static final AbsoluteUnixPath JAVA_HOME = AbsoluteUnixPath.get("/opt/java");
  static final AbsoluteUnixPath APP_LIB = AbsoluteUnixPath.get("/app/lib");

  /** Jib's own default: one second past the epoch, so tools do not read the time as "unset". */
  private static final Instant FILE_TIME = Instant.ofEpochSecond(1);

  private final BaseLayers base;

  ImageBuilder(BaseLayers base) {
    this.base = requireNonNull(base, "base is null");
  }

  /** The image, ready to be written to a tarball or pushed; see {@link ImagesMain}. */
  JibContainerBuilder assemble(ImageSpec spec, String version) throws IOException {
    if (!Files.isDirectory(spec.dist().resolve("lib"))) {
      throw new IOException(
          spec.dist().resolve("lib")
              + " does not exist: build the modules first (make package or mvn package)");
    }
    List<String> entrypoint = new ArrayList<>();
    entrypoint.add(JAVA_HOME.resolve("bin/java").toString());
    entrypoint.addAll(spec.jvmFlags());
    entrypoint.add("-cp");
    entrypoint.add(APP_LIB + "/*");
    entrypoint.add(spec.mainClass());
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("JAVA_HOME", JAVA_HOME.toString());
    environment.put("PATH", JAVA_HOME + "/bin:/usr/bin:/bin");
    environment.putAll(spec.environment());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", spec.name());
    labels.put("org.opencontainers.image.version", version);
    labels.put("io.buzz.base.debian-packages", String.join(" ", base.packageVersions()));
    labels.put("io.buzz.base.java", Runtime.version().toString());
    JibContainerBuilder builder =
        Jib.fromScratch()
            .setFormat(ImageFormat.OCI)
            .addPlatform("amd64", "linux")
            .setCreationTime(FILE_TIME)
            .addFileEntriesLayer(debianBase())
            .addFileEntriesLayer(tree("java-runtime", base.jre(), JAVA_HOME))
            .addFileEntriesLayer(jars("dependencies", spec.dist().resolve("lib"), false))
            .addFileEntriesLayer(buzz(spec))
            .setEntrypoint(entrypoint)
            .setEnvironment(environment)
            .setLabels(labels)
            .setUser(BaseLayers.USER_ID + ":" + BaseLayers.USER_ID)
            .setWorkingDirectory(AbsoluteUnixPath.get("/home/buzz"));
    for (int port : spec.ports()) {
      builder.addExposedPort(Port.tcp(port));
    }
    return builder;
  }

  /**
   * Writes the image to a tarball in the OCI image layout (skopeo's {@code oci-archive:}, {@code
   * podman load}, {@code docker load} from Docker 25).
   */
  static void writeTar(JibContainerBuilder image, String reference, Path tar, Path cache)
      throws Exception {
    Files.createDirectories(tar.getParent());
    image.containerize(
        configure(
            Containerizer.to(com.google.cloud.tools.jib.api.TarImage.at(tar).named(reference)),
            cache));
  }

  static Containerizer configure(Containerizer containerizer, Path cache) {
    return containerizer
        .setToolName("buzz-images")
        .setBaseImageLayersCache(cache.resolve("base"))
        .setApplicationLayersCache(cache.resolve("application"));
  }

  private FileEntriesLayer debianBase() throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("debian-base");
    addTree(layer, base.rootfs(), AbsoluteUnixPath.get("/"));
    // Writable by the JVM (temporary files, perf data) whoever the container runs as; Jib's
    // layers carry no sticky bit, and only one user runs in the container.
    layer.addEntry(
        base.rootfs().resolve("tmp"),
        AbsoluteUnixPath.get("/tmp"),
        FilePermissions.fromOctalString("777"),
        FILE_TIME,
        "0:0");
    String user = BaseLayers.USER_ID + ":" + BaseLayers.USER_ID;
    layer.addEntry(
        base.rootfs().resolve("home/buzz"),
        AbsoluteUnixPath.get("/home/buzz"),
        FilePermissions.fromOctalString("755"),
        FILE_TIME,
        user);
    return layer.build();
  }

  private static FileEntriesLayer tree(String name, Path source, AbsoluteUnixPath target)
      throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    addTree(layer, source, target);
    return layer.build();
  }

  private static FileEntriesLayer jars(String name, Path lib, boolean buzz) throws IOException {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    try (Stream<Path> files = Files.list(lib)) {
      for (Path jar : files.sorted().toList()) {
        if (jar.getFileName().toString().startsWith("buzz-") == buzz) {
          layer.addEntry(
              jar,
              APP_LIB.resolve(jar.getFileName().toString()),
              FilePermissions.fromOctalString("644"),
              FILE_TIME,
              "0:0");
        }
      }
    }
    return layer.build();
  }

  /** Buzz's own jars and the logging configuration the entry point names. */
  private FileEntriesLayer buzz(ImageSpec spec) throws IOException {
    Path logging = base.rootfs().resolveSibling("logging.properties");
    try (var in = ImageBuilder.class.getResourceAsStream("logging.properties")) {
      Files.write(logging, requireNonNull(in, "logging.properties resource").readAllBytes());
    }
    FileEntriesLayer.Builder layer = jars("buzz", spec.dist().resolve("lib"), true).toBuilder();
    layer.addEntry(
        logging,
        AbsoluteUnixPath.get("/app/logging.properties"),
        FilePermissions.fromOctalString("644"),
        FILE_TIME,
        "0:0");
    return layer.build();
  }

  /** Every file and directory under {@code source}, keeping its permission bits, owned by root. */
  private static void addTree(FileEntriesLayer.Builder layer, Path source, AbsoluteUnixPath target)
      throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.sorted().toList()) {
        if (path.equals(source)) {
          continue;
        }
        String relative = source.relativize(path).toString();
        if (relative.equals("tmp") || relative.startsWith("home")) {
          continue; // added with their own owners and modes
        }
        String mode =
            Integer.toOctalString(
                permissionBits(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))));
        layer.addEntry(
            path,
            target.resolve(relative),
            FilePermissions.fromOctalString(mode),
            FILE_TIME,
            "0:0");
      }
    }
  }

  private static int permissionBits(String rwx) {
    int bits = 0;
    for (int i = 0; i < 9; i++) {
      bits = bits << 1 | (rwx.charAt(i) == '-' ? 0 : 1);
    }
    return bits;
  }
}
