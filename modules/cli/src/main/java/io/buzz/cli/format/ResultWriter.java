package io.buzz.cli.format;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a query result as text. Call order: {@link #start} once, {@link #write} for each batch,
 * {@link #finish} once. The writer never keeps references to the vectors it is given.
 */
public interface ResultWriter {
  void start(Schema schema) throws IOException;

  void write(VectorSchemaRoot batch) throws IOException;

  void finish() throws IOException;
}
