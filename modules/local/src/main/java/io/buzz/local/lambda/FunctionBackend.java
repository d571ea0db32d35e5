package io.buzz.local.lambda;

import io.vertx.core.Future;

/**
 * Where the Lambda twin runs an invocation: in this process ({@link InProcessBackend}) or in
 * execution environments that are JVM processes of their own ({@link ProcessBackend}). The Invoke
 * API in front ({@link LocalLambdaService}) counts concurrency, refuses beyond it and writes the
 * HTTP answer; a backend only runs the function.
 */
public interface FunctionBackend extends AutoCloseable {
  /**
   * Runs one invocation of {@code payload}. The future completes with the function's response or
   * its error document; it fails only when the twin itself broke. Called on a Vert.x event loop.
   */
  Future<FunctionResult> invoke(byte[] payload);

  @Override
  void close();

  /**
   * The outcome of one invocation as Lambda's Invoke API returns it.
   *
   * @param payload the response, or the error document ({@code errorType}, {@code errorMessage})
   * @param functionError true when {@code payload} is an error document ({@code
   *     X-Amz-Function-Error: Unhandled})
   */
  record FunctionResult(byte[] payload, boolean functionError) {
    public FunctionResult {
      java.util.Objects.requireNonNull(payload, "payload is null");
    }

    /** An error document in the shape Lambda returns. */
    public static FunctionResult error(String type, String message) {
      return new FunctionResult(
          new io.vertx.core.json.JsonObject()
              .put("errorType", type)
              .put("errorMessage", message)
              .toBuffer()
              .getBytes(),
          true);
    }
  }
}
