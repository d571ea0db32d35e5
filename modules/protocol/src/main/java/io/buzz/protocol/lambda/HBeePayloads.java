package io.buzz.protocol.lambda;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.buzz.error.BuzzException;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * The JSON payloads of an HBee Lambda invocation. Lambda carries JSON, so the protobuf task and
 * report travel base64-encoded in a one-field object: {@code {"task":"…"}} in, {@code
 * {"report":"…"}} out. Keeping the protobuf intact avoids a second schema for the same data.
 */
public final class HBeePayloads {
  private HBeePayloads() {}

  public static byte[] taskPayload(HBeeTask task) {
    return wrap("task", task);
  }

  public static HBeeTask parseTask(byte[] payload) {
    try {
      return HBeeTask.parseFrom(unwrap(payload, "task"));
    } catch (InvalidProtocolBufferException e) {
      throw BuzzException.badQuery("invalid HBee task payload: " + e.getMessage());
    }
  }

  public static byte[] reportPayload(TaskReport report) {
    return wrap("report", report);
  }

  public static TaskReport parseReport(byte[] payload) {
    try {
      return TaskReport.parseFrom(unwrap(payload, "report"));
    } catch (InvalidProtocolBufferException e) {
      throw BuzzException.internal("invalid HBee report payload: " + e.getMessage(), e);
    }
  }

  private static byte[] wrap(String field, MessageLite message) {
    String encoded = Base64.getEncoder().encodeToString(message.toByteArray());
    return new JsonObject().put(field, encoded).toBuffer().getBytes();
  }

  private static byte[] unwrap(byte[] payload, String field) {
    String encoded;
    try {
      encoded = new JsonObject(Buffer.buffer(payload)).getString(field);
    } catch (DecodeException | ClassCastException e) {
      throw BuzzException.badQuery(
          "expected a JSON object {\"" + field + "\": \"<base64>\"}: " + e.getMessage());
    }
    if (encoded == null) {
      throw BuzzException.badQuery("the payload has no \"" + field + "\" field");
    }
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw BuzzException.badQuery("the \"" + field + "\" field is not valid base64");
    }
  }
}
