package io.buzz.fuse.catalog;

/** {@link StaticCatalogS3Test} with The flat listing alone (its page count checked). */
class StaticCatalogS3FlatTest extends StaticCatalogS3Test {
  @Override
  ObjectLister.Strategy strategy() {
    return ObjectLister.Strategy.FLAT;
  }
}
