package io.buzz.local;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the deployable packages the twins run are found: the HBee function's zip and the HComb's
 * distribution, as the build leaves them in the source tree ({@code make build}). The root is the
 * system property {@code buzz.packages.dir}, else the first of the working directory and its
 * parents that holds {@code modules/hbee}.
 */
public final class Packages {
  private Packages() {}

  /** The HBee function's deployment zip, {@code modules/hbee/target/buzz-hbee-lambda.zip}. */
  public static Path hbeeZip() {
    return existing(root().resolve("modules/hbee/target/buzz-hbee-lambda.zip"));
  }

  /** The Fuse function's deployment zip, {@code modules/fuse/target/buzz-fuse-lambda.zip}. */
  public static Path fuseZip() {
    return existing(root().resolve("modules/fuse/target/buzz-fuse-lambda.zip"));
  }

  /**
   * The HComb's distribution: {@code modules/hcomb/target/dist} with the HComb jar and its
   * dependencies in {@code lib/}, what the HComb container image holds.
   */
  public static Path hcombDist() {
    return existing(root().resolve("modules/hcomb/target/dist"));
  }

  private static Path existing(Path path) {
    if (!Files.exists(path)) {
      throw new BuzzException(
          ErrorCode.INVALID_CONFIG,
          path + " does not exist: build the packages first (make build)");
    }
    return path;
  }

  private static Path root() {
    String configured = System.getProperty("buzz.packages.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("modules/hbee"))) {
        return dir;
      }
    }
    throw new BuzzException(
        ErrorCode.INVALID_CONFIG,
        "cannot find the Buzz source tree from "
            + Path.of("").toAbsolutePath()
            + "; set -Dbuzz.packages.dir");
  }
}
