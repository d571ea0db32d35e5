package io.buzz.fuse.hcomb;

import io.buzz.protocol.task.Endpoint;
import io.vertx.core.Future;
import java.util.List;

/**
 * Finds HCombs for a query: reuses running ones or starts new ones, and checks they answer before
 * handing them out. One endpoint per zone.
 */
public interface HCombManager extends AutoCloseable {
  Future<List<Endpoint>> acquire(int zones);

  @Override
  void close();
}
