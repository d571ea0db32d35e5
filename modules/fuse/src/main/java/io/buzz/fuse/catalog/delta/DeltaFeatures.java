package io.buzz.fuse.catalog.delta;

import io.buzz.error.BuzzException;
import io.delta.kernel.internal.actions.Protocol;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Delta reader features Buzz reads correctly. Kernel refuses the features it does not know;
 * this refuses, on top, those Kernel knows but Buzz's scan does not honour yet, so a table is read
 * right or not at all.
 */
final class DeltaFeatures {
  /**
   * Supported reader features: HBees apply deletion vectors and cast columns whose type was widened
   * after a file was written ({@code TypeWidening} in the HBee) while they scan.
   */
  static final Set<String> SUPPORTED =
      Set.of(
          "columnMapping",
          "deletionVectors",
          "timestampNtz",
          "typeWidening",
          "typeWidening-preview",
          "v2Checkpoint",
          "vacuumProtocolCheck");

  private DeltaFeatures() {}

  /**
   * @throws BuzzException UNSUPPORTED naming the features Buzz does not read
   */
  static void check(Protocol protocol, long version) {
    if (!protocol.supportsReaderFeatures()) {
      return; // reader version 1 or 2: no features beyond column mapping (2)
    }
    Set<String> missing = new TreeSet<>(protocol.getReaderFeatures());
    missing.removeAll(SUPPORTED);
    if (!missing.isEmpty()) {
      throw BuzzException.unsupported(
          "version "
              + version
              + " requires the Delta reader features "
              + missing
              + ", which Buzz does not read yet (it reads "
              + new TreeSet<>(SUPPORTED)
              + ")");
    }
  }
}
