package io.buzz.images;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Buzz container image: which module's {@code target/dist} it holds, its entry point, ports and
 * default JVM sizing.
 *
 * <p>Memory: the JVM sizes itself from the container's limit ({@code -XX:MaxRAMPercentage}); Arrow
 * buffers are direct memory, bounded by {@code -XX:MaxDirectMemorySize} (by default as large as the
 * heap), so heap and direct memory together stay under ~80% of the task's memory, the rest for
 * metaspace, threads and the OS. {@code JDK_JAVA_OPTIONS} in the task definition adds flags without
 * rebuilding the image; it comes before the entry point's own, so it cannot override them (a second
 * collector there stops the JVM).
 *
 * @param name image name, e.g. {@code buzz-hcomb}
 * @param component {@code hcomb} or {@code fuse}: the stage's repository is {@code
 *     buzz-<stage>-<component>}
 * @param dist the module's {@code target/dist} (lib/*.jar)
 * @param mainClass the entry point's class
 * @param ports TCP ports the entry point listens on
 * @param environment defaults of the entry point's settings
 * @param extraJvmFlags flags of this image after {@link #JVM_FLAGS}
 */
record ImageSpec(
    String name,
    String component,
    Path dist,
    String mainClass,
    List<Integer> ports,
    Map<String, String> environment,
    List<String> extraJvmFlags) {

  /**
   * Arrow reads buffers through java.nio internals on Java 17+ and allocates as in the tests; the
   * libraries' logs go through java.util.logging, warnings and errors only, one line each. The
   * collector is each image's ({@code extraJvmFlags}).
   */
  static final List<String> JVM_FLAGS =
      List.of(
          "-XX:MaxRAMPercentage=40",
          "-XX:+ExitOnOutOfMemoryError",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "-Darrow.allocation.manager.type=Unsafe",
          "-Djava.util.logging.config.file=/app/logging.properties",
          "-Dfile.encoding=UTF-8");

  ImageSpec {
    requireNonNull(name, "name is null");
    requireNonNull(component, "component is null");
    requireNonNull(dist, "dist is null");
    requireNonNull(mainClass, "mainClass is null");
    ports = List.copyOf(ports);
    environment = Map.copyOf(environment);
    extraJvmFlags = List.copyOf(extraJvmFlags);
  }

  /** The entry point's JVM flags. */
  List<String> jvmFlags() {
    List<String> flags = new java.util.ArrayList<>(JVM_FLAGS);
    flags.addAll(extraJvmFlags);
    return List.copyOf(flags);
  }

  /**
   * The HComb as a Fargate task: gRPC on 7001, Prometheus on 9091; its heap committed and touched
   * at start, the flags of {@code io.buzz.hcomb.HCombMain.HEAP_FLAGS} (spelled out: this module
   * builds the images without the HComb's classes; {@code ImagesStartIT} checks they agree).
   */
  static ImageSpec hcomb(Path repositoryRoot) {
    return new ImageSpec(
        "buzz-hcomb",
        "hcomb",
        repositoryRoot.resolve("modules/hcomb/target/dist"),
        "io.buzz.hcomb.HCombMain",
        List.of(7001, 9091),
        Map.of("BUZZ_HCOMB_HOST", "0.0.0.0", "BUZZ_HCOMB_PORT", "7001"),
        List.of(
            "-XX:+UseG1GC",
            "-XX:InitialRAMPercentage=40",
            "-XX:+AlwaysPreTouch",
            "-XX:+UseTransparentHugePages",
            "-Xlog:pagesize=off"));
  }

  /**
   * The Fuse's gRPC query service in AWS mode: the query API on 50051, Prometheus on 9090. Its
   * flags are {@link #FUSE_FLAGS}.
   */
  static ImageSpec fuse(Path repositoryRoot) {
    return new ImageSpec(
        "buzz-fuse",
        "fuse",
        repositoryRoot.resolve("modules/fuse/target/dist"),
        "io.buzz.fuse.aws.FuseServer",
        List.of(50051, 9090),
        Map.of(),
        FUSE_FLAGS);
  }

  /**
   * The Fuse's JVM flags, {@code io.buzz.fuse.aws.FuseServer.JVM_FLAGS}: the parallel collector and
   * transparent huge pages, no warning where there are none (spelled out: this module builds the
   * images without the Fuse's classes; {@code ImagesStartIT} checks they agree).
   */
  static final List<String> FUSE_FLAGS =
      List.of("-XX:+UseParallelGC", "-XX:+UseTransparentHugePages", "-Xlog:pagesize=off");

  static List<ImageSpec> all(Path repositoryRoot) {
    return List.of(hcomb(repositoryRoot), fuse(repositoryRoot));
  }
}
