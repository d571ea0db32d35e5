package io.buzz.local.lambda;

import io.buzz.local.lambda.FunctionBackend.FunctionResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The wire side of the Lambda Runtime API the {@link ProcessBackend} serves each execution
 * environment: what {@code /next} answers with, how the runtime's posts are acknowledged, and how a
 * runtime's error body becomes the Invoke API's error document.
 */
final class RuntimeApi {
  static final String NEXT = "/2018-06-01/runtime/invocation/next";
  static final String INIT_ERROR = "/2018-06-01/runtime/init/error";

  private RuntimeApi() {}

  /** Answers a parked {@code /next} with {@code invocation}, in the headers the runtime reads. */
  static void deliver(HttpServerRequest next, Invocation invocation, String functionName) {
    next.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
        .putHeader("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis))
        .putHeader(
            "Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:us-east-1:000000000000:function:" + functionName)
        .putHeader("Lambda-Runtime-Trace-Id", "Root=1-00000000-" + invocation.requestId)
        .end(Buffer.buffer(invocation.payload));
  }

  /** The Runtime API's answer to a response, an error or an init error the runtime posted. */
  static void accepted(HttpServerRequest request) {
    request
        .response()
        .setStatusCode(202)
        .putHeader("Content-Type", "application/json")
        .end("{\"status\":\"OK\"}");
  }

  /** The runtime's error body as the Invoke API returns it: a JSON error document. */
  static FunctionResult errorDocument(HttpServerRequest request, Buffer body, String defaultType) {
    try {
      JsonObject document = new JsonObject(body);
      if (!document.containsKey("errorType")) {
        String type = request.getHeader("Lambda-Runtime-Function-Error-Type");
        document.put("errorType", type == null ? defaultType : type);
      }
      return new FunctionResult(document.toBuffer().getBytes(), true);
    } catch (RuntimeException e) {
      return FunctionResult.error(defaultType, body.toString());
    }
  }
}
