package io.buzz.plan.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A table the query may read, as declared in the query's {@code catalogs}.
 *
 * @param name the table name the SQL uses (matched case-insensitively)
 * @param type how the files are listed
 * @param uri where the table lives: {@code s3://bucket[/prefix]}, {@code file:///absolute/dir} or
 *     {@code file:relative/dir}
 * @param version for a Delta table, the table version to read instead of the latest (time travel)
 * @param timestamp for a Delta table, read the version that was the latest at this instant
 */
public record CatalogSpec(
    String name, CatalogType type, String uri, OptionalLong version, Optional<Instant> timestamp) {
  public CatalogSpec {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(version, "version is null");
    requireNonNull(timestamp, "timestamp is null");
  }

  /** A catalog read at its latest state. */
  public CatalogSpec(String name, CatalogType type, String uri) {
    this(name, type, uri, OptionalLong.empty(), Optional.empty());
  }

  /** The same catalog at another location (the CLI makes relative file URIs absolute). */
  public CatalogSpec withUri(String newUri) {
    return new CatalogSpec(name, type, newUri, version, timestamp);
  }

  /** The same catalog read at another version or instant. */
  public CatalogSpec withSnapshot(OptionalLong newVersion, Optional<Instant> newTimestamp) {
    return new CatalogSpec(name, type, uri, newVersion, newTimestamp);
  }

  /** How the version read is chosen, for messages: {@code latest}, {@code version 3}, ... */
  public String snapshotDescription() {
    if (version.isPresent()) {
      return "version " + version.getAsLong();
    }
    return timestamp.map(t -> "as of " + t).orElse("latest");
  }
}
