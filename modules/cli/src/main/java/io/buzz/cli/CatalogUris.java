package io.buzz.cli;

import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.Query;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes relative {@code file:} catalog URIs absolute against the CLI's working directory, so that
 * {@code examples/*.json} work from a checkout and a server on the same machine reads the same
 * files as the user meant.
 */
final class CatalogUris {
  private CatalogUris() {}

  static Query absolutize(Query query, Path workingDirectory) {
    List<CatalogSpec> catalogs = new ArrayList<>(query.catalogs().size());
    for (CatalogSpec catalog : query.catalogs()) {
      catalogs.add(
          new CatalogSpec(
              catalog.name(), catalog.type(), absolutize(catalog.uri(), workingDirectory)));
    }
    return new Query(query.steps(), query.capacity(), catalogs);
  }

  static String absolutize(String uri, Path workingDirectory) {
    if (uri == null || !uri.startsWith("file:") || uri.startsWith("file:/")) {
      return uri;
    }
    Path path =
        workingDirectory.resolve(uri.substring("file:".length())).toAbsolutePath().normalize();
    return path.toUri().toString();
  }
}
