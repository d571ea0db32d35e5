package io.buzz.cli.format;

import io.buzz.cli.format.parquet.ParquetOptions;
import io.buzz.cli.format.parquet.ParquetStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A result as one Parquet file, row groups written as batches arrive ({@link ParquetStreamWriter}).
 */
final class ParquetResultWriter implements ResultWriter {
  private final OutputStream out;
  private final ParquetOptions options;
  private ParquetStreamWriter parquet;

  ParquetResultWriter(OutputStream out, ParquetOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void start(Schema schema) throws IOException {
    parquet = new ParquetStreamWriter(out, schema, options);
  }

  @Override
  public void write(VectorSchemaRoot batch) throws IOException {
    parquet.write(batch);
  }

  @Override
  public void finish() throws IOException {
    parquet.finish();
  }
}
