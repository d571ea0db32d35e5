package io.buzz.plan.model;

import static java.util.Objects.requireNonNull;

/**
 * A table the query may read, as declared in the query's {@code catalogs}.
 *
 * @param name the table name the SQL uses (matched case-insensitively)
 * @param type how the files are listed
 * @param uri where the table lives: {@code s3://bucket[/prefix]}, {@code file:///absolute/dir} or
 *     {@code file:relative/dir}
 */
public record CatalogSpec(String name, CatalogType type, String uri) {
  public CatalogSpec {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(uri, "uri is null");
  }
}
