package io.buzz.fuse.catalog;

import io.vertx.core.Future;

/**
 * A source of tables. Loading lists the files and reads the schema; it is done once per query so
 * that queries see new files without any refresh step.
 */
public interface Catalog {
  /** Lists the table's files and reads its schema; never blocks the calling event loop. */
  Future<Table> load();
}
