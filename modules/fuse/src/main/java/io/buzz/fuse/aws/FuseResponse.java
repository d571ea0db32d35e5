package io.buzz.fuse.aws;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The Fuse Lambda function's answer, a JSON object:
 *
 * <pre>
 *   {"query_id": "…",
 *    "result": {"format": "arrow-ipc-stream", "base64": "…"}          small results, inline
 *      or "result_location": "s3://bucket/prefix/&lt;query id&gt;.arrows"  beyond Lambda's 6 MB
 *    "result_bytes": 1234,
 *    "statistics": { …the Statistics message in protobuf JSON… }}
 * </pre>
 *
 * The result is an Arrow IPC stream either way, so pandas, Polars or DuckDB open the S3 object
 * directly; never a truncated answer.
 *
 * @param arrowStream the inline result; empty when it is at {@code location}
 * @param location where the result was written; empty when inline
 */
public record FuseResponse(
    String queryId,
    Optional<byte[]> arrowStream,
    Optional<URI> location,
    long resultBytes,
    Statistics statistics) {

  /** Lambda's response limit is 6 MB; base64 and JSON take a third more than the bytes. */
  public static final int MAX_INLINE_BYTES = 4 * 1024 * 1024;

  public FuseResponse {
    requireNonNull(queryId, "queryId is null");
    requireNonNull(arrowStream, "arrowStream is null");
    requireNonNull(location, "location is null");
    requireNonNull(statistics, "statistics is null");
    if (arrowStream.isPresent() == location.isPresent()) {
      throw new IllegalArgumentException("a response has an inline result or a location");
    }
  }

  public byte[] toJson() {
    JsonObject json = new JsonObject().put("query_id", queryId).put("result_bytes", resultBytes);
    arrowStream.ifPresent(
        bytes ->
            json.put(
                "result",
                new JsonObject()
                    .put("format", "arrow-ipc-stream")
                    .put("base64", Base64.getEncoder().encodeToString(bytes))));
    location.ifPresent(uri -> json.put("result_location", uri.toString()));
    try {
      json.put(
          "statistics",
          new JsonObject(JsonFormat.printer().preservingProtoFieldNames().print(statistics)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    return json.encode().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a response.
   *
   * @throws BuzzException INTERNAL when it is not one (a different function answered)
   */
  public static FuseResponse parse(byte[] payload) {
    try {
      JsonObject json = new JsonObject(new String(payload, StandardCharsets.UTF_8));
      Statistics.Builder statistics = Statistics.newBuilder();
      JsonFormat.parser()
          .ignoringUnknownFields()
          .merge(json.getJsonObject("statistics", new JsonObject()).encode(), statistics);
      JsonObject result = json.getJsonObject("result");
      Optional<byte[]> inline =
          result == null
              ? Optional.empty()
              : Optional.of(Base64.getDecoder().decode(result.getString("base64", "")));
      Optional<URI> location =
          Optional.ofNullable(json.getString("result_location")).map(URI::create);
      if (inline.isEmpty() && location.isEmpty()) {
        throw new IllegalArgumentException("no result and no result_location");
      }
      return new FuseResponse(
          json.getString("query_id", ""),
          inline,
          location,
          json.getLong("result_bytes", 0L),
          statistics.build());
    } catch (DecodeException
        | ClassCastException
        | IllegalArgumentException
        | InvalidProtocolBufferException e) {
      throw new BuzzException(
          ErrorCode.INTERNAL,
          "the Fuse function's answer is not a Buzz response: " + e.getMessage(),
          e);
    }
  }
}
