package io.buzz.fuse.client;

import io.buzz.protocol.query.Started;
import io.buzz.protocol.query.Statistics;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A query's whole answer: the result's schema and batches (owned by this object, closed with it),
 * what the Fuse said at the start, and the final statistics.
 */
public record QueryResult(
    Schema schema, List<VectorSchemaRoot> batches, Started started, Statistics statistics)
    implements AutoCloseable {

  public long rowCount() {
    long rows = 0;
    for (VectorSchemaRoot batch : batches) {
      rows += batch.getRowCount();
    }
    return rows;
  }

  @Override
  public void close() {
    for (VectorSchemaRoot batch : batches) {
      batch.close();
    }
  }
}
