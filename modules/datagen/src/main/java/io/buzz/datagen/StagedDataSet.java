package io.buzz.datagen;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes a generated data set into a temporary sibling directory and moves it into place, so an
 * interrupted run never leaves a half-written table behind. A marker file records what was
 * generated; a later run asking for the same data set reuses the files.
 */
final class StagedDataSet {
  static final String MARKER = "_buzz_dataset.txt";

  private StagedDataSet() {}

  /** True when {@code dir} already holds the data set described by {@code description}. */
  static boolean isGenerated(Path dir, String description) {
    Path marker = dir.resolve(MARKER);
    try {
      return Files.isRegularFile(marker)
          && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(description);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs {@code writer} over a staging directory (which does not exist yet; the writer creates it)
   * and moves it to {@code dir}, unless {@code dir} already holds the data set.
   *
   * @return true when files were written, false when existing ones were reused
   */
  static boolean generate(Path dir, String description, Consumer<Path> writer) {
    requireNonNull(dir, "dir is null");
    if (isGenerated(dir, description)) {
      return false;
    }
    Path target = dir.toAbsolutePath().normalize();
    Path staging =
        target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(target.getParent());
      deleteRecursively(staging);
      writer.accept(staging);
      Files.writeString(staging.resolve(MARKER), description + "\n", StandardCharsets.UTF_8);
      deleteRecursively(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("generating " + target, e);
    } finally {
      try {
        deleteRecursively(staging);
      } catch (IOException ignored) {
        // best effort: the staging directory carries the pid, a later run replaces it
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
