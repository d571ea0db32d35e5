package io.buzz.hbee.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.error.FunctionError;
import io.buzz.protocol.lambda.HBeePayloads;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskFiles;
import io.buzz.protocol.task.TaskReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.crac.Core;
import org.crac.Resource;

/**
 * The HBee as an AWS Lambda function (Java 21 managed runtime, handler {@code
 * io.buzz.hbee.lambda.HBeeHandler::handleRequest}): reads the compact task payload ({@link
 * HBeePayloads}), runs the task and writes the task report.
 *
 * <pre>
 *   Lambda ──{"task": base64 HBeeTask}──▶ handleRequest ──▶ HBeeRuntime (S3 ranged GETs, decode,
 *          ◀──{"report": base64 TaskReport}──              partial aggregate, DoPut to the HComb)
 * </pre>
 *
 * <p>A task that runs and fails is a normal response whose report carries the error (the Fuse
 * decides about retries). Only a payload that cannot be read, or a broken environment (its
 * settings, {@link HBeeEnvironment}), is a Lambda function error; its {@code errorType} is the
 * exception's class, its message starts with the Buzz error code in brackets.
 *
 * <p>Execution-environment state (Vert.x, the allocator, the S3 and gRPC clients) is created on the
 * first invocation and reused while the environment stays warm. For SnapStart the handler is a CRaC
 * {@link Resource}: before the snapshot it creates that state and runs {@link Priming} so the hot
 * classes are loaded, then closes its connections; after a restore the first invocation opens new
 * ones.
 */
public final class HBeeHandler implements RequestStreamHandler, Resource {
  /** Left for writing the report and the runtime's own bookkeeping when the deadline nears. */
  private static final long RESPONSE_MARGIN_MILLIS = 250;

  private static final Object LOCK = new Object();
  private static volatile HBeeProcess process;

  static {
    // HBees reach HCombs by IP address and S3 through the SDK's own client: Netty's DNS resolver
    // would only add ~80 ms to every cold start (measured with async-profiler).
    if (System.getProperty("vertx.disableDnsResolver") == null) {
      System.setProperty("vertx.disableDnsResolver", "true");
    }
  }

  public HBeeHandler() {
    // A no-op on JVMs without CRaC; with SnapStart, the hooks run around the snapshot.
    Core.getGlobalContext().register(this);
    // No class warm-up thread besides this: on one or two vCPUs it competed with the first task
    // for the CPU and delayed its first S3 request by ~0.25 s (measured in the Lambda twin).
    startProcessInBackground();
  }

  /**
   * Creates the environment's state (Vert.x, allocator, S3 client) while the runtime asks for the
   * first invocation and reads its payload. A failure is left for that invocation to report: it
   * calls {@link #process()} again and gets the error as a function error.
   */
  private static void startProcessInBackground() {
    Thread starter =
        new Thread(
            () -> {
              try {
                process();
              } catch (RuntimeException e) {
                // reported by the first invocation, which tries again
              }
            },
            "buzz-hbee-start");
    starter.setDaemon(true);
    starter.start();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    HBeeTask task;
    try {
      task = HBeePayloads.parseTask(input.readAllBytes());
    } catch (BuzzException e) {
      throw new FunctionError(e);
    }
    long waitMillis = waitMillis(task, context);
    TaskReport report;
    io.buzz.hbee.runtime.HBeeRuntime runtime;
    try {
      runtime = process().runtime();
    } catch (BuzzException e) {
      throw new FunctionError(e); // e.g. a missing or wrong setting, named in the message
    } catch (RuntimeException e) {
      throw new FunctionError(
          new BuzzException(
              ErrorCode.UNAVAILABLE,
              "the HBee could not set up its clients: " + e.getMessage(),
              e));
    }
    var running = runtime.handle(task);
    try {
      report = running.await(waitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // The task's own deadline timer normally ends it first; this is the backstop before Lambda
      // kills the environment, so the Fuse hears a clear reason instead of a sandbox timeout.
      report =
          TaskReport.newBuilder()
              .setQueryId(task.getQueryId())
              .setTaskId(task.getTaskId())
              .setAttempt(task.getAttempt())
              .setError(
                  new BuzzException(
                          ErrorCode.DEADLINE_EXCEEDED,
                          "HBee task "
                              + task.getTaskId()
                              + " ("
                              + TaskFiles.describe(task)
                              + ") did not finish within the function's remaining "
                              + waitMillis
                              + " ms")
                      .toWire())
              .build();
    }
    output.write(HBeePayloads.reportPayload(report));
  }

  private static long waitMillis(HBeeTask task, Context context) {
    long wait = Long.MAX_VALUE;
    if (context != null && context.getRemainingTimeInMillis() > 0) {
      wait = context.getRemainingTimeInMillis() - RESPONSE_MARGIN_MILLIS;
    }
    if (task.getDeadlineEpochMillis() > 0) {
      wait =
          Math.min(
              wait,
              task.getDeadlineEpochMillis() - System.currentTimeMillis() + RESPONSE_MARGIN_MILLIS);
    }
    return Math.max(1, wait);
  }

  /** The environment's state, created on first use from the environment variables. */
  static HBeeProcess process() {
    HBeeProcess current = process;
    if (current == null) {
      synchronized (LOCK) {
        current = process;
        if (current == null) {
          current = new HBeeProcess(HBeeEnvironment.from(System.getenv()));
          process = current;
        }
      }
    }
    return current;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    HBeeProcess state = process();
    state.runtime(); // builds the clients once, so their classes are in the snapshot
    Priming.run(state.allocator(), 20);
    state.disconnect();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Connections open lazily on the first invocation after the restore.
  }
}
