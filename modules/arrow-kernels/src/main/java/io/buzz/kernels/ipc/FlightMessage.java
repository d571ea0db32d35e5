package io.buzz.kernels.ipc;

import static java.util.Objects.requireNonNull;

/**
 * An Arrow IPC message split the way Arrow Flight's {@code FlightData} carries it: {@code
 * dataHeader} is the flatbuffer {@code Message} alone (no continuation marker, no length prefix),
 * {@code dataBody} the message body, each buffer starting on an 8-byte boundary. A schema message
 * has an empty body.
 *
 * <p>The arrays are not copied: do not modify them after handing them over.
 */
public record FlightMessage(byte[] dataHeader, byte[] dataBody) {
  public FlightMessage {
    requireNonNull(dataHeader, "dataHeader is null");
    requireNonNull(dataBody, "dataBody is null");
  }
}
