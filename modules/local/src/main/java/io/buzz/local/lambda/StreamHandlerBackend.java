package io.buzz.local.lambda;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.UUID;

/**
 * Runs a Lambda {@link RequestStreamHandler} in this process, one invocation per worker thread,
 * with a {@link Context} whose remaining time counts down from the function's timeout: the Fuse
 * function in the twins (its package is the whole Fuse; a process of its own buys nothing there). A
 * handler that throws answers a function error with the exception's class as {@code errorType}, as
 * the runtime interface client does.
 */
public final class StreamHandlerBackend implements FunctionBackend {
  private final Vertx vertx;
  private final RequestStreamHandler handler;
  private final String functionName;
  private final Duration timeout;
  private final java.util.concurrent.ExecutorService threads =
      java.util.concurrent.Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "buzz-lambda-twin-handler");
            thread.setDaemon(true);
            return thread;
          });

  public StreamHandlerBackend(
      Vertx vertx, RequestStreamHandler handler, String functionName, Duration timeout) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.handler = requireNonNull(handler, "handler is null");
    this.functionName = requireNonNull(functionName, "functionName is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  @Override
  public Future<FunctionResult> invoke(byte[] payload) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    io.vertx.core.Promise<FunctionResult> result = io.vertx.core.Promise.promise();
    // A thread of its own, as the runtime's: handlers may block on Vert.x futures, which a Vert.x
    // worker thread must not.
    threads.execute(
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          try {
            handler.handleRequest(new ByteArrayInputStream(payload), out, context(deadline));
            result.complete(new FunctionResult(out.toByteArray(), false));
          } catch (Exception | Error e) {
            result.complete(
                FunctionResult.error(
                    e.getClass().getName(),
                    e.getMessage() == null ? e.toString() : e.getMessage()));
          }
        });
    return result.future();
  }

  private Context context(long deadlineEpochMillis) {
    String requestId = UUID.randomUUID().toString();
    return new Context() {
      @Override
      public String getAwsRequestId() {
        return requestId;
      }

      @Override
      public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
      }

      @Override
      public String getLogStreamName() {
        return "twin";
      }

      @Override
      public String getFunctionName() {
        return functionName;
      }

      @Override
      public String getFunctionVersion() {
        return "$LATEST";
      }

      @Override
      public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
      }

      @Override
      public CognitoIdentity getIdentity() {
        return null;
      }

      @Override
      public ClientContext getClientContext() {
        return null;
      }

      @Override
      public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineEpochMillis - System.currentTimeMillis());
      }

      @Override
      public int getMemoryLimitInMB() {
        return 1024;
      }

      @Override
      public LambdaLogger getLogger() {
        return new LambdaLogger() {
          @Override
          public void log(String message) {
            System.getLogger(functionName).log(System.Logger.Level.DEBUG, message);
          }

          @Override
          public void log(byte[] message) {
            log(new String(message, java.nio.charset.StandardCharsets.UTF_8));
          }
        };
      }
    };
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
