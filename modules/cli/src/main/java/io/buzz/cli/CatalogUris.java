package io.buzz.cli;

import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.Query;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes relative {@code file:} catalog URIs absolute against the CLI's working directory, so that
 * {@code examples/*.json} work from a checkout and a server on the same machine reads the same
 * files as the user meant. Anything else (absolute or {@code s3://} URIs, URIs the server should
 * reject with a precise message) is left as written.
 */
final class CatalogUris {
  private CatalogUris() {}

  static Query absolutize(Query query, Path workingDirectory) {
    List<CatalogSpec> catalogs = new ArrayList<>(query.catalogs().size());
    for (CatalogSpec catalog : query.catalogs()) {
      catalogs.add(catalog.withUri(absolutize(catalog.uri(), workingDirectory)));
    }
    return new Query(query.steps(), query.capacity(), catalogs);
  }

  /**
   * {@code file:relative/path} (URI-encoded: {@code %20} is a space) as {@code
   * file:///working/directory/relative/path}; any other URI unchanged.
   */
  static String absolutize(String uri, Path workingDirectory) {
    if (uri == null) {
      return null;
    }
    String text = uri.strip();
    if (!text.toLowerCase(Locale.ROOT).startsWith("file:")) {
      return uri;
    }
    URI parsed;
    try {
      parsed = new URI(text);
    } catch (URISyntaxException e) {
      return uri; // the server names what is wrong with it
    }
    if (!parsed.isOpaque() || parsed.getSchemeSpecificPart().isEmpty()) {
      return uri; // file:/abs, file:///abs or file://host/…: not relative
    }
    Path path =
        workingDirectory.resolve(parsed.getSchemeSpecificPart()).toAbsolutePath().normalize();
    return path.toUri().toString();
  }
}
