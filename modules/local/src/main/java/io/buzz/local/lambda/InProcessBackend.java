package io.buzz.local.lambda;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.hbee.HBeeFunction;
import io.buzz.protocol.lambda.HBeePayloads;
import io.buzz.protocol.task.HBeeTask;
import io.vertx.core.Future;

/**
 * Runs HBee invocations in this process: the fast mode of {@code make run} and most tests. A
 * function failure becomes an error document whose {@code errorType} is the Buzz error code.
 */
public final class InProcessBackend implements FunctionBackend {
  private final HBeeFunction function;

  public InProcessBackend(HBeeFunction function) {
    this.function = requireNonNull(function, "function is null");
  }

  @Override
  public Future<FunctionResult> invoke(byte[] payload) {
    Future<io.buzz.protocol.task.TaskReport> report;
    try {
      HBeeTask task = HBeePayloads.parseTask(payload);
      report = function.handle(task);
    } catch (RuntimeException e) {
      report = Future.failedFuture(e);
    }
    return report.transform(
        outcome -> {
          if (outcome.succeeded()) {
            return Future.succeededFuture(
                new FunctionResult(HBeePayloads.reportPayload(outcome.result()), false));
          }
          BuzzException error = BuzzException.wrap(outcome.cause());
          return Future.succeededFuture(
              FunctionResult.error(error.code().name(), error.getMessage()));
        });
  }

  @Override
  public void close() {}
}
