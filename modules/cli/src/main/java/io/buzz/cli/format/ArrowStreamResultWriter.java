package io.buzz.cli.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow IPC streaming format (what pyarrow's {@code ipc.open_stream} and Polars' {@code
 * read_ipc_stream} read): the schema message, one record batch message per batch as it arrives, the
 * end-of-stream marker. These are the messages {@link ArrowStreamWriter} writes, serialized the way
 * it does, without its {@code VectorSchemaRoot}: each batch is the caller's root, unloaded as it is
 * rather than loaded into a root of this writer's, so there is no allocator and no copy, and memory
 * stays one batch whatever the result's size. Uncompressed; no dictionaries (results have none).
 */
final class ArrowStreamResultWriter implements ResultWriter {
  private final OutputStream out;
  private WriteChannel channel;

  ArrowStreamResultWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void start(Schema schema) throws IOException {
    channel = new WriteChannel(Channels.newChannel(out));
    MessageSerializer.serialize(channel, schema, IpcOption.DEFAULT);
  }

  @Override
  public void write(VectorSchemaRoot batch) throws IOException {
    try (ArrowRecordBatch message = new VectorUnloader(batch).getRecordBatch()) {
      MessageSerializer.serialize(channel, message, IpcOption.DEFAULT);
    }
  }

  @Override
  public void finish() throws IOException {
    ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
    out.flush();
  }
}
