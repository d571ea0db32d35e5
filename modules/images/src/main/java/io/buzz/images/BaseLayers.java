package io.buzz.images;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * The base both images share, made on this machine without a registry: a minimal root file system
 * from Debian packages and a Java runtime cut down with {@code jlink}.
 *
 * <pre>
 *   rootfs/  the shared libraries of libc6, libgcc-s1, libstdc++6 and zlib1g (what the runtime's
 *            native code links), taken from the packages installed here (dpkg's file lists), plus
 *            /etc/passwd and /etc/group with the non-root user, nsswitch.conf, /tmp
 *   jre/     jlink --add-modules {@link #JAVA_MODULES} from this JDK's jmods
 * </pre>
 *
 * <p>Both are cached under the output directory and rebuilt only when missing. Building needs a
 * Debian or Ubuntu system (dpkg) and a JDK with its jmods; the error says which is missing.
 */
final class BaseLayers {
  /**
   * What the HComb and the Fuse use (jdeps over their dist, minus java.desktop, which only an
   * unused Micrometer binder refers to), plus the elliptic-curve TLS provider for AWS endpoints.
   */
  static final List<String> JAVA_MODULES =
      List.of(
          "java.base",
          "java.logging",
          "java.management",
          "java.naming",
          "java.net.http",
          "java.sql",
          "java.xml",
          "jdk.crypto.ec",
          "jdk.jfr",
          "jdk.management",
          "jdk.unsupported",
          "jdk.zipfs");

  /** Debian packages whose shared libraries the runtime needs. */
  static final List<String> DEBIAN_PACKAGES = List.of("libc6", "libgcc-s1", "libstdc++6", "zlib1g");

  /** The user the images run as (as distroless's "nonroot"). */
  static final int USER_ID = 65532;

  private final Path rootfs;
  private final Path jre;
  private final List<String> packageVersions;

  private BaseLayers(Path rootfs, Path jre, List<String> packageVersions) {
    this.rootfs = rootfs;
    this.jre = jre;
    this.packageVersions = packageVersions;
  }

  /** Makes (or reuses) the base under {@code work}. */
  static BaseLayers make(Path work) throws IOException, InterruptedException {
    requireNonNull(work, "work is null");
    Path rootfs = work.resolve("rootfs");
    Path jre = work.resolve("jre");
    List<String> versions = new ArrayList<>();
    String arch = run(List.of("dpkg", "--print-architecture")).strip();
    if (!arch.equals("amd64")) {
      // The base's libraries and runtime come from this machine, and the images, the functions and
      // the task definitions are x86_64: build on an amd64 machine.
      throw new IOException(
          "the images are linux/amd64 and their base comes from this machine's packages, which are "
              + arch
              + ": build them on an amd64 (x86_64) Debian or Ubuntu machine");
    }
    for (String name : DEBIAN_PACKAGES) {
      versions.add(
          name
              + "="
              + run(List.of("dpkg-query", "-W", "-f=${Version}", name + ":" + arch)).strip());
    }
    if (!Files.isDirectory(rootfs)) {
      Path building = work.resolve("rootfs.tmp");
      deleteTree(building);
      for (String name : DEBIAN_PACKAGES) {
        copyLibraries(name + ":" + arch, building);
      }
      ensureLoader(building);
      writeSystemFiles(building);
      Files.move(building, rootfs);
    }
    if (!Files.isDirectory(jre)) {
      Path building = work.resolve("jre.tmp");
      deleteTree(building);
      jlink(building);
      Files.move(building, jre);
    }
    return new BaseLayers(rootfs, jre, List.copyOf(versions));
  }

  Path rootfs() {
    return rootfs;
  }

  Path jre() {
    return jre;
  }

  /** "libc6=2.36-9+deb12u14", … — recorded in the images' labels. */
  List<String> packageVersions() {
    return packageVersions;
  }

  /**
   * The package's shared libraries and dynamic loader; documentation, locales and tools stay out.
   */
  private static void copyLibraries(String pkg, Path into)
      throws IOException, InterruptedException {
    for (String line : run(List.of("dpkg-query", "-L", pkg)).split("\n")) {
      String file = line.strip();
      if (!isLibrary(file)) {
        continue;
      }
      Path source = Path.of(file);
      if (!Files.isRegularFile(source) && !Files.isSymbolicLink(source)) {
        continue;
      }
      Path target = into.resolve(file.substring(1));
      Files.createDirectories(target.getParent());
      // Symbolic links become copies: image layers are built from regular files.
      Files.copy(source.toRealPath(), target);
    }
  }

  private static boolean isLibrary(String file) {
    if (file.contains("/gconv/") || file.contains("/audit/") || file.startsWith("/usr/share/")) {
      return false;
    }
    boolean inLibraryDirectory =
        file.startsWith("/lib/")
            || file.startsWith("/lib64/")
            || file.startsWith("/usr/lib/")
            || file.startsWith("/usr/lib64/");
    String name = file.substring(file.lastIndexOf('/') + 1);
    return inLibraryDirectory && name.contains(".so");
  }

  /**
   * The program interpreter every x86_64 binary names, {@code /lib64/ld-linux-x86-64.so.2}, where
   * the kernel looks for it: newer Debian releases install it under /usr/lib64 or
   * /usr/lib/x86_64-linux-gnu only.
   */
  private static void ensureLoader(Path root) throws IOException {
    Path loader = root.resolve("lib64/ld-linux-x86-64.so.2");
    if (Files.exists(loader)) {
      return;
    }
    for (String candidate :
        List.of(
            "usr/lib64/ld-linux-x86-64.so.2",
            "lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")) {
      Path found = root.resolve(candidate);
      if (Files.isRegularFile(found)) {
        Files.createDirectories(loader.getParent());
        Files.copy(found, loader);
        return;
      }
    }
    throw new IOException("libc6 has no x86_64 program interpreter (ld-linux-x86-64.so.2)");
  }

  private static void writeSystemFiles(Path root) throws IOException {
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        etc.resolve("passwd"),
        "root:x:0:0:root:/root:/sbin/nologin\n"
            + "buzz:x:"
            + USER_ID
            + ":"
            + USER_ID
            + ":buzz:/home/buzz:/sbin/nologin\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        etc.resolve("group"), "root:x:0:\nbuzz:x:" + USER_ID + ":\n", StandardCharsets.UTF_8);
    Files.writeString(
        etc.resolve("nsswitch.conf"),
        "passwd: files\ngroup: files\nhosts: files dns\n",
        StandardCharsets.UTF_8);
    Files.createDirectories(root.resolve("tmp"));
    Files.createDirectories(root.resolve("home/buzz"));
  }

  private static void jlink(Path output) {
    ToolProvider jlink =
        ToolProvider.findFirst("jlink")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "jlink is not available: build the images with a JDK (not a JRE) 17+"));
    StringWriter out = new StringWriter();
    int status =
        jlink.run(
            new PrintWriter(out),
            new PrintWriter(out),
            "--add-modules",
            String.join(",", JAVA_MODULES),
            "--strip-debug",
            "--no-man-pages",
            "--no-header-files",
            "--compress=2",
            "--output",
            output.toString());
    if (status != 0) {
      throw new IllegalStateException("jlink failed (" + status + "): " + out.toString().strip());
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run "
              + command.get(0)
              + ": the images' base is made from Debian packages and needs dpkg (Debian or Ubuntu)",
          e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    if (status != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
    return output;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
