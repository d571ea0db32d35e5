package io.buzz.protocol.lambda;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.buzz.error.BuzzException;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON payloads of an HBee Lambda invocation. Lambda carries JSON, so the protobuf task and
 * report travel base64-encoded in a one-field object: {@code {"task":"…"}} in, {@code
 * {"report":"…"}} out. Keeping the protobuf intact avoids a second schema for the same data.
 *
 * <p>Read and written by hand, not with a JSON library: the shape is fixed, and on a cold start the
 * first use of a JSON library costs a few hundred milliseconds of class loading and service lookup
 * on the invocation's critical path. The reader accepts any JSON object whose members are strings
 * (in any order, with any whitespace) and refuses everything else with a message naming the shape.
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
    // Base64 needs no JSON escaping.
    String encoded = Base64.getEncoder().encodeToString(message.toByteArray());
    return ("{\"" + field + "\":\"" + encoded + "\"}").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] unwrap(byte[] payload, String field) {
    String encoded = new MemberReader(new String(payload, StandardCharsets.UTF_8), field).value();
    if (encoded == null) {
      throw BuzzException.badQuery("the payload has no \"" + field + "\" field");
    }
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw BuzzException.badQuery("the \"" + field + "\" field is not valid base64");
    }
  }

  /** Finds one string member of a flat JSON object of string members. */
  private static final class MemberReader {
    private final String text;
    private final String field;
    private int at;

    MemberReader(String text, String field) {
      this.text = text;
      this.field = field;
    }

    /** The member's value, or null when the object has no such member. */
    String value() {
      skipSpace();
      expect('{');
      skipSpace();
      if (peek() == '}') {
        at++;
        end();
        return null;
      }
      String found = null;
      while (true) {
        skipSpace();
        String name = string();
        skipSpace();
        expect(':');
        skipSpace();
        String value = string();
        if (name.equals(field)) {
          found = value;
        }
        skipSpace();
        char next = next();
        if (next == '}') {
          end();
          return found;
        }
        if (next != ',') {
          throw shape("',' or '}' expected at offset " + (at - 1));
        }
      }
    }

    private void end() {
      skipSpace();
      if (at != text.length()) {
        throw shape("text after the object");
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\') {
          char escaped = next();
          switch (escaped) {
            case '"', '\\', '/' -> out.append(escaped);
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              if (at + 4 > text.length()) {
                throw shape("a truncated \\u escape");
              }
              try {
                out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
              } catch (NumberFormatException e) {
                throw shape("a bad \\u escape at offset " + at);
              }
              at += 4;
            }
            default -> throw shape("a bad escape at offset " + (at - 1));
          }
        } else {
          out.append(c);
        }
      }
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private char peek() {
      if (at >= text.length()) {
        throw shape("it ends early");
      }
      return text.charAt(at);
    }

    private char next() {
      char c = peek();
      at++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw shape("'" + c + "' expected at offset " + (at - 1));
      }
    }

    private BuzzException shape(String problem) {
      return BuzzException.badQuery(
          "expected a JSON object {\"" + field + "\": \"<base64>\"} of string members: " + problem);
    }
  }
}
