package io.buzz.kernels.ipc;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBuffer;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow IPC encoding of schemas and {@link Batch}es, in two framings.
 *
 * <p><b>Encapsulated messages</b> ({@link #encodeSchema}, {@link #encodeBatch}): each is one
 * complete IPC message,
 *
 * <pre>
 *   0xFFFFFFFF | int32 metadata length | flatbuffer Message | padding to 8 | body
 * </pre>
 *
 * so a schema message, any number of batch messages and {@link #endOfStream()} concatenated form an
 * Arrow IPC stream that {@code ArrowStreamReader} (or any Arrow implementation) reads.
 *
 * <p><b>Flight split form</b> ({@link #flightSchema}, {@link #flightBatch}, {@link
 * #flightBatches}): the flatbuffer Message as {@code FlightData.data_header} and the body, buffers
 * 8-byte aligned, as {@code data_body}, as a stock Arrow Flight client sends them in {@code DoPut}.
 *
 * <p>Decoding copies the body once into a buffer of the given allocator; the resulting batch owns
 * it and is owned by the caller. No compression, no dictionaries. Stateless and thread-safe.
 */
public final class IpcCodec {
  private static final IpcOption OPTION = IpcOption.DEFAULT;
  private static final byte[] END_OF_STREAM = {-1, -1, -1, -1, 0, 0, 0, 0};

  /**
   * Default body budget of {@link #flightBatches(Batch, BufferAllocator)}: well below the 64 MiB
   * gRPC message limit Buzz configures.
   */
  public static final long MAX_FLIGHT_BODY_BYTES = 16L * 1024 * 1024;

  private IpcCodec() {}

  /** The schema as an encapsulated IPC message. */
  public static byte[] encodeSchema(Schema schema) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema, OPTION);
    } catch (IOException e) {
      throw new KernelException(KernelException.Kind.INTERNAL, "encoding schema: " + e, e);
    }
    return out.toByteArray();
  }

  /** The batch as an encapsulated IPC record batch message. The batch is only read. */
  public static byte[] encodeBatch(Batch batch) {
    try (ArrowRecordBatch record = unload(batch)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) record.computeBodyLength() + 512);
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), record, OPTION);
      return out.toByteArray();
    } catch (IOException e) {
      throw new KernelException(KernelException.Kind.INTERNAL, "encoding batch: " + e, e);
    }
  }

  /** The end-of-stream marker that closes an IPC stream: continuation marker, zero length. */
  public static byte[] endOfStream() {
    return END_OF_STREAM.clone();
  }

  /** Decodes an encapsulated schema message. */
  public static Schema decodeSchema(byte[] message) {
    MessageMetadataResult metadata = readMetadata(message);
    expect(metadata.getMessage(), MessageHeader.Schema, "a schema");
    return MessageSerializer.deserializeSchema(metadata);
  }

  /**
   * Decodes an encapsulated record batch message whose columns are described by {@code schema}. The
   * batch is owned by the caller and its buffers are accounted to {@code allocator}.
   */
  public static Batch decodeBatch(byte[] message, Schema schema, BufferAllocator allocator) {
    ReadChannel channel = new ReadChannel(Channels.newChannel(new ByteArrayInputStream(message)));
    try {
      MessageMetadataResult metadata = MessageSerializer.readMessage(channel);
      if (metadata == null) {
        throw malformed("a record batch message", "end of stream");
      }
      expect(metadata.getMessage(), MessageHeader.RecordBatch, "a record batch");
      long length = metadata.getMessageBodyLength();
      long remaining = message.length - channel.bytesRead();
      if (length < 0 || length > remaining) {
        throw malformed(
            "a record batch message",
            "the metadata announces a body of " + length + " bytes but " + remaining + " follow");
      }
      ArrowBuf body = MessageSerializer.readMessageBody(channel, length, allocator);
      return load(metadata.getMessage(), body, schema, allocator);
    } catch (IOException e) {
      throw malformed("a record batch message", e.toString());
    }
  }

  /** The schema in Flight's split form: the flatbuffer Message only, an empty body. */
  public static FlightMessage flightSchema(Schema schema) {
    return new FlightMessage(
        toArray(MessageSerializer.serializeMetadata(schema, OPTION)), new byte[0]);
  }

  /** The batch in Flight's split form, as one message. The batch is only read. */
  public static FlightMessage flightBatch(Batch batch) {
    try (ArrowRecordBatch record = unload(batch)) {
      byte[] header = toArray(MessageSerializer.serializeMetadata(record, OPTION));
      byte[] body = new byte[Math.toIntExact(record.computeBodyLength())];
      List<ArrowBuf> buffers = record.getBuffers();
      List<ArrowBuffer> layout = record.getBuffersLayout();
      for (int i = 0; i < buffers.size(); i++) {
        ArrowBuffer place = layout.get(i);
        if (place.getSize() > 0) {
          buffers.get(i).getBytes(0, body, (int) place.getOffset(), (int) place.getSize());
        }
      }
      return new FlightMessage(header, body);
    }
  }

  /**
   * The batch in Flight's split form, cut into row ranges whose bodies stay within {@link
   * #MAX_FLIGHT_BODY_BYTES} so that each fits a gRPC message. The batch is only read; slices are
   * made from {@code allocator} and released before returning.
   */
  public static List<FlightMessage> flightBatches(Batch batch, BufferAllocator allocator) {
    return flightBatches(batch, allocator, MAX_FLIGHT_BODY_BYTES);
  }

  /**
   * Like {@link #flightBatches(Batch, BufferAllocator)} with a body budget of {@code maxBodyBytes}.
   * A single row larger than the budget still travels, alone.
   */
  public static List<FlightMessage> flightBatches(
      Batch batch, BufferAllocator allocator, long maxBodyBytes) {
    List<FlightMessage> out = new ArrayList<>();
    split(batch, allocator, maxBodyBytes, out);
    return out;
  }

  private static void split(
      Batch batch, BufferAllocator allocator, long maxBodyBytes, List<FlightMessage> out) {
    int rows = batch.rowCount();
    if (rows <= 1 || batch.sizeInBytes() <= maxBodyBytes) {
      FlightMessage message = flightBatch(batch);
      if (rows <= 1 || message.dataBody().length <= maxBodyBytes) {
        out.add(message);
        return;
      }
    }
    int half = rows / 2;
    try (Batch first = batch.slice(0, half, allocator)) {
      split(first, allocator, maxBodyBytes, out);
    }
    try (Batch second = batch.slice(half, rows - half, allocator)) {
      split(second, allocator, maxBodyBytes, out);
    }
  }

  /** Decodes a Flight {@code data_header} holding a schema message. */
  public static Schema decodeFlightSchema(ByteBuffer dataHeader) {
    Message message = parseHeader(dataHeader, MessageHeader.Schema, "a schema");
    try {
      return MessageSerializer.deserializeSchema(message);
    } catch (RuntimeException e) {
      throw malformed("a schema message", e.toString());
    }
  }

  /** Byte-array form of {@link #decodeFlightSchema(ByteBuffer)}. */
  public static Schema decodeFlightSchema(byte[] dataHeader) {
    return decodeFlightSchema(ByteBuffer.wrap(dataHeader));
  }

  /**
   * Decodes a record batch from Flight's {@code data_header} and {@code data_body}; the body is
   * copied into a buffer of {@code allocator}. The batch is owned by the caller.
   */
  public static Batch decodeFlightBatch(
      ByteBuffer dataHeader, ByteBuffer dataBody, Schema schema, BufferAllocator allocator) {
    Message message = parseHeader(dataHeader, MessageHeader.RecordBatch, "a record batch");
    long length = message.bodyLength();
    if (length < 0 || length > dataBody.remaining()) {
      throw malformed(
          "a record batch message",
          "the header announces a body of "
              + length
              + " bytes but data_body has "
              + dataBody.remaining());
    }
    ArrowBuf body = allocator.buffer(Math.max(length, 1));
    try {
      ByteBuffer source = dataBody.duplicate();
      source.limit(source.position() + (int) length);
      // One bulk copy: ArrowBuf.setBytes copies a read-only heap buffer (protobuf's view of a
      // message) eight bytes at a time, which was 18% of an HComb's CPU merging 2 M groups.
      body.nioBuffer(0, (int) length).put(source);
      body.writerIndex(length);
    } catch (RuntimeException e) {
      body.close();
      throw e;
    }
    return load(message, body, schema, allocator);
  }

  /**
   * Byte-array form of {@link #decodeFlightBatch(ByteBuffer, ByteBuffer, Schema, BufferAllocator)}.
   */
  public static Batch decodeFlightBatch(
      byte[] dataHeader, byte[] dataBody, Schema schema, BufferAllocator allocator) {
    return decodeFlightBatch(
        ByteBuffer.wrap(dataHeader), ByteBuffer.wrap(dataBody), schema, allocator);
  }

  /**
   * Mixed form of {@link #decodeFlightBatch(ByteBuffer, ByteBuffer, Schema, BufferAllocator)}, e.g.
   * for a protobuf {@code data_body} read as {@code ByteString.asReadOnlyByteBuffer()} (no copy).
   */
  public static Batch decodeFlightBatch(
      byte[] dataHeader, ByteBuffer dataBody, Schema schema, BufferAllocator allocator) {
    return decodeFlightBatch(ByteBuffer.wrap(dataHeader), dataBody, schema, allocator);
  }

  private static ArrowRecordBatch unload(Batch batch) {
    return new VectorUnloader(batch.asRoot()).getRecordBatch();
  }

  /**
   * Loads a record batch message into a new batch. Takes ownership of {@code body}: Arrow's
   * deserializer releases it once the record batch holds its own references to the slices.
   */
  private static Batch load(
      Message message, ArrowBuf body, Schema schema, BufferAllocator allocator) {
    ArrowRecordBatch record;
    try {
      record = MessageSerializer.deserializeRecordBatch(message, body);
    } catch (IOException | RuntimeException e) {
      body.close();
      throw malformed("a record batch message", e.toString());
    }
    try (record) {
      VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
      try {
        new VectorLoader(root).load(record);
      } catch (RuntimeException e) {
        root.close();
        throw malformed("a record batch for schema " + schema, e.toString());
      }
      return Batch.fromRoot(root);
    }
  }

  private static MessageMetadataResult readMetadata(byte[] message) {
    ReadChannel channel = new ReadChannel(Channels.newChannel(new ByteArrayInputStream(message)));
    try {
      MessageMetadataResult metadata = MessageSerializer.readMessage(channel);
      if (metadata == null) {
        throw malformed("an IPC message", "end of stream");
      }
      return metadata;
    } catch (IOException | RuntimeException e) {
      if (e instanceof KernelException kernel) {
        throw kernel;
      }
      throw malformed("an IPC message", e.toString());
    }
  }

  /** Reads a flatbuffer Message of the expected kind, reporting garbage as malformed IPC. */
  private static Message parseHeader(ByteBuffer dataHeader, byte header, String what) {
    Message message;
    try {
      message = Message.getRootAsMessage(dataHeader.duplicate());
      message.headerType();
    } catch (RuntimeException e) {
      throw malformed(what + " message", "unreadable data_header: " + e);
    }
    expect(message, header, what);
    return message;
  }

  private static void expect(Message message, byte header, String what) {
    if (message.headerType() != header) {
      throw malformed(
          what + " message", "found a " + MessageHeader.name(message.headerType()) + " message");
    }
  }

  private static byte[] toArray(ByteBuffer buffer) {
    ByteBuffer source = buffer.duplicate();
    byte[] bytes = new byte[source.remaining()];
    source.get(bytes);
    return bytes;
  }

  private static KernelException malformed(String expected, String found) {
    return new KernelException(
        KernelException.Kind.INTERNAL, "malformed Arrow IPC: expected " + expected + ", " + found);
  }
}
