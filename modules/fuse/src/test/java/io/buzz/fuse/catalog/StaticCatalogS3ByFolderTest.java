package io.buzz.fuse.catalog;

/** {@link StaticCatalogS3Test} with The by-folder listing alone. */
class StaticCatalogS3ByFolderTest extends StaticCatalogS3Test {
  @Override
  ObjectLister.Strategy strategy() {
    return ObjectLister.Strategy.BY_FOLDER;
  }
}
