package io.buzz.fuse.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.error.FunctionError;
import io.buzz.fuse.FuseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Fuse as an AWS Lambda function (handler {@code io.buzz.fuse.aws.FuseHandler::handleRequest}):
 * takes a query in Buzz's JSON format — as {@code make run-aws} and {@code buzz query --aws} send
 * it — runs it with HBees on Lambda and an HComb on Fargate, and answers a {@link FuseResponse}.
 *
 * <p>The Fuse's state ({@link AwsFuse}: clients, planner, plan cache) is built on the first
 * invocation from the environment ({@link AwsSettings}, and the file {@code BUZZ_AWS_CONFIG} names,
 * if any) and kept while the environment is warm. A query that fails is a function error whose
 * message starts with its Buzz error code in brackets ({@link FunctionError}).
 *
 * <p>SnapStart: the handler is a CRaC {@link Resource}. Before the snapshot it builds that state
 * and plans a sample query (Calcite's first planning is the Fuse's slowest start-up step); no AWS
 * call is made, so the snapshot holds no connection. Settings that are wrong at snapshot time are
 * left for the first invocation to report.
 */
public final class FuseHandler implements RequestStreamHandler, Resource {
  /** Left for answering when the function's time runs out. */
  private static final long MARGIN_MILLIS = 1_000;

  private static final Object LOCK = new Object();
  private static volatile FuseFunction shared;

  private final Supplier<FuseFunction> function;

  /** For Lambda: the Fuse is built from the environment on first use (or before a snapshot). */
  public FuseHandler() {
    this(FuseHandler::fromEnvironment);
    // A no-op on JVMs without CRaC; with SnapStart, the hooks run around the snapshot.
    Core.getGlobalContext().register(this);
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    try {
      function.get().warmUp();
    } catch (RuntimeException e) {
      // a wrong setting: the first invocation builds the Fuse again and reports it
    }
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Connections open on first use after the restore; none was opened before the snapshot.
  }

  /** For tests and the Lambda twin's in-process mode: a given Fuse. */
  public FuseHandler(Supplier<FuseFunction> function) {
    this.function = function;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String json = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    long remaining =
        context == null || context.getRemainingTimeInMillis() <= 0
            ? TimeUnit.MINUTES.toMillis(15)
            : context.getRemainingTimeInMillis();
    // The answer must be written before Lambda ends the invocation: the query and the upload of a
    // large result are bounded by this deadline (FuseFunction), so the wait below does not expire.
    long deadline = System.currentTimeMillis() + Math.max(1, remaining - MARGIN_MILLIS);
    try {
      FuseResponse response =
          function
              .get()
              .run(json, deadline)
              .await(Math.max(1, remaining - MARGIN_MILLIS / 2), TimeUnit.MILLISECONDS);
      output.write(response.toJson());
    } catch (BuzzException e) {
      throw new FunctionError(e);
    } catch (TimeoutException e) {
      throw new FunctionError(
          new BuzzException(
              ErrorCode.DEADLINE_EXCEEDED,
              "the query did not finish within the Fuse function's " + remaining + " ms"));
    } catch (RuntimeException e) {
      throw new FunctionError(BuzzException.wrap(e));
    }
  }

  private static FuseFunction fromEnvironment() {
    FuseFunction current = shared;
    if (current == null) {
      synchronized (LOCK) {
        current = shared;
        if (current == null) {
          Optional<Path> file = Optional.ofNullable(System.getenv("BUZZ_AWS_CONFIG")).map(Path::of);
          AwsSettings settings = AwsSettings.load(file, System.getenv(), true);
          AwsFuse fuse =
              AwsFuse.start(settings, AwsFuse.credentials(settings), FuseConfig.defaults());
          current = new FuseFunction(fuse, FuseResponse.MAX_INLINE_BYTES);
          shared = current;
        }
      }
    }
    return current;
  }
}
