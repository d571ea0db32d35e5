package io.buzz.local.lambda;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.hbee.HBeeFunction;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda twin's Invoke API: a Lambda-compatible HTTP endpoint on loopback that runs HBee
 * invocations on a {@link FunctionBackend} — in this process, or in execution environments that are
 * JVM processes running the function's zip through the runtime interface client. It speaks the
 * subset of the Lambda Invoke API that the Fuse's {@code LambdaAsyncClient} uses ({@code POST
 * /2015-03-31/functions/{name}/invocations}, RequestResponse), so the local stack and AWS share the
 * Fuse's invocation path, including throttling (429) and function errors ({@code
 * X-Amz-Function-Error: Unhandled}).
 *
 * <pre>
 *   Fuse --LambdaAsyncClient--HTTP--> LocalLambdaService --HBeeFunction--> HBee runtime --gRPC--> HComb
 * </pre>
 *
 * <p>Requests are handled on this verticle's event loop; the function itself must not block it.
 */
public final class LocalLambdaService extends VerticleBase {
  private static final Pattern INVOKE =
      Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

  private final LocalLambdaConfig config;
  private final Map<String, Hosted> functions = new ConcurrentHashMap<>();
  private final AtomicInteger invocations = new AtomicInteger();
  private final AtomicInteger delayNext = new AtomicInteger();
  private final AtomicInteger duplicateNext = new AtomicInteger();
  private volatile long delayMillis;

  /** A function this service runs: where, how many at once, how many now. */
  private record Hosted(FunctionBackend backend, int maxConcurrency, AtomicInteger running) {}

  private HttpServer server;

  /** Runs the HBee function in this process. */
  public LocalLambdaService(LocalLambdaConfig config, HBeeFunction function) {
    this(config, new InProcessBackend(function));
  }

  /** Runs invocations on {@code backend}, which the service closes when it stops. */
  public LocalLambdaService(LocalLambdaConfig config, FunctionBackend backend) {
    this.config = requireNonNull(config, "config is null");
    host(config.functionName(), backend, config.maxConcurrency());
  }

  /**
   * Serves one more function, {@code name}, on {@code backend} with its own concurrency limit (the
   * Fuse function beside the HBee function); may be called while serving.
   */
  public void host(String name, FunctionBackend backend, int maxConcurrency) {
    requireNonNull(name, "name is null");
    requireNonNull(backend, "backend is null");
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
    functions.put(name, new Hosted(backend, maxConcurrency, new AtomicInteger()));
  }

  @Override
  public Future<?> stop() {
    functions.values().forEach(f -> f.backend().close()); // the HTTP server closes with us
    return Future.succeededFuture();
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions();
    config.tls().ifPresent(keyCert -> options.setSsl(true).setKeyCertOptions(keyCert));
    return vertx
        .createHttpServer(options)
        // The Fuse's Lambda client may drop connections (timeouts, shutdown); each invocation
        // still ends on its own, so the connection error is only worth a debug line.
        .connectionHandler(
            connection ->
                connection.exceptionHandler(
                    failure ->
                        System.getLogger(LocalLambdaService.class.getName())
                            .log(
                                System.Logger.Level.DEBUG,
                                "invoker connection "
                                    + connection.remoteAddress()
                                    + ": "
                                    + failure)))
        .requestHandler(this::handle)
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  /** The port actually bound; valid once deployed. */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("LocalLambdaService is not started");
    }
    return server.actualPort();
  }

  /** The endpoint URL to point a LambdaAsyncClient at. */
  public String endpoint() {
    return (config.tls().isPresent() ? "https://" : "http://") + config.host() + ":" + port();
  }

  /**
   * Fault drill: the next {@code count} invocations start only after {@code delay} (a straggler, a
   * slow cold start).
   */
  public void delayNext(int count, java.time.Duration delay) {
    delayMillis = delay.toMillis();
    delayNext.set(count);
  }

  /**
   * Fault drill: the next {@code count} invocations are delivered twice, as Lambda may deliver an
   * invocation more than once; the caller gets the first answer.
   */
  public void duplicateNext(int count) {
    duplicateNext.set(count);
  }

  private Future<FunctionBackend.FunctionResult> run(Hosted function, byte[] payload) {
    if (duplicateNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      Future<FunctionBackend.FunctionResult> first = function.backend().invoke(payload);
      function.backend().invoke(payload); // its answer goes nowhere, as a redelivery's does
      return first;
    }
    if (delayNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
      vertx.setTimer(Math.max(1, delayMillis), id -> later.complete());
      return later.future().compose(v -> function.backend().invoke(payload));
    }
    return function.backend().invoke(payload);
  }

  /** Invocations accepted since start. */
  public int invocations() {
    return invocations.get();
  }

  private void handle(HttpServerRequest request) {
    Matcher matcher = INVOKE.matcher(request.path());
    if (request.method() != HttpMethod.POST || !matcher.matches()) {
      sendError(request, 404, "ResourceNotFoundException", "no such route: " + request.path());
      return;
    }
    String name = matcher.group(1);
    Hosted function = functions.get(name);
    if (function == null) {
      sendError(request, 404, "ResourceNotFoundException", "Function not found: " + name);
      return;
    }
    AtomicInteger running = function.running();
    String type = request.getHeader("X-Amz-Invocation-Type");
    if (type != null && !type.equals("RequestResponse")) {
      sendError(
          request, 400, "InvalidParameterValueException", "unsupported invocation type " + type);
      return;
    }
    if (running.incrementAndGet() > function.maxConcurrency()) {
      running.decrementAndGet();
      sendError(
          request,
          429,
          "TooManyRequestsException",
          "Rate Exceeded: more than " + function.maxConcurrency() + " concurrent invocations");
      return;
    }
    invocations.incrementAndGet();
    request
        .body()
        .compose(body -> run(function, body.getBytes()))
        .onComplete(
            result -> {
              running.decrementAndGet();
              if (result.failed()) {
                sendError(
                    request,
                    500,
                    "ServiceException",
                    "the Lambda twin failed: " + BuzzException.wrap(result.cause()).getMessage());
                return;
              }
              var response =
                  request
                      .response()
                      .putHeader("Content-Type", "application/json")
                      .putHeader("X-Amz-Executed-Version", "$LATEST");
              // A function error is still a 200: the error document is the payload.
              if (result.result().functionError()) {
                response.putHeader("X-Amz-Function-Error", "Unhandled");
              }
              response.end(Buffer.buffer(result.result().payload()));
            });
  }

  /** An error of the Lambda service itself, in the shape the AWS SDK parses. */
  private static void sendError(
      HttpServerRequest request, int status, String type, String message) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("x-amzn-ErrorType", type)
        .end(new JsonObject().put("Type", "User").put("message", message).toBuffer());
  }
}
