package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.catalog.delta.DeltaCatalog;
import io.buzz.fuse.catalog.delta.DeltaTables;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.parquet.FooterCache;

/** Makes the {@link Catalog} a query's catalog entry describes. */
public final class Catalogs {
  /** Footer bytes a Fuse keeps of the files that gave tables their schema. */
  public static final long FOOTER_CACHE_BYTES = 16L << 20;

  private final ObjectLister lister;
  private final ByteSources byteSources;
  private final FooterCache footers = new FooterCache(FOOTER_CACHE_BYTES);
  private final DeltaTables deltaTables;

  public Catalogs(ObjectLister lister, ByteSources byteSources, DeltaTables deltaTables) {
    this.lister = requireNonNull(lister, "lister is null");
    this.byteSources = requireNonNull(byteSources, "byteSources is null");
    this.deltaTables = requireNonNull(deltaTables, "deltaTables is null");
  }

  /** Loads the catalogs' code ahead of the first query (see {@link DeltaTables#warmUp}). */
  public void warmUp() {
    deltaTables.warmUp();
  }

  /**
   * @param field the JSON path of the entry, for messages, e.g. {@code catalogs[0]}
   */
  public Catalog open(CatalogSpec spec, String field) {
    return switch (spec.type()) {
      case STATIC ->
          new StaticCatalog(
              spec.name(),
              TableLocation.parse(spec.uri(), field + ".uri"),
              lister,
              byteSources,
              footers);
      case DELTA_LAKE ->
          new DeltaCatalog(spec, TableLocation.parse(spec.uri(), field + ".uri"), deltaTables);
    };
  }
}
