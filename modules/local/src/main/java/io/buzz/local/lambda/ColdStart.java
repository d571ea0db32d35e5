package io.buzz.local.lambda;

import io.buzz.local.lambda.FunctionBackend.FunctionResult;
import io.buzz.protocol.lambda.HBeePayloads;
import io.buzz.protocol.task.TaskMetrics;

/**
 * What one environment's start cost.
 *
 * @param processToReadyMillis process spawned until its runtime asked for the first invocation (JVM
 *     start, runtime interface client, handler class loaded and constructed)
 * @param firstInvocationMillis that first invocation, from the runtime receiving it to its response
 *     (lazy initialization included)
 * @param taskMillis of which the HBee task itself took (its report's duration), so the rest is the
 *     function's lazy initialization; 0 when the response is not an HBee report
 * @param firstRequestMillis from the task's start to its first storage request (the footer's)
 */
public record ColdStart(
    int environment,
    double processToReadyMillis,
    double firstInvocationMillis,
    double taskMillis,
    double firstRequestMillis) {
  /** The first invocation's time outside the task: lazy initialization of the function. */
  public double initMillis() {
    return Math.max(0, firstInvocationMillis - taskMillis);
  }

  /**
   * Process start until the HBee requested its first byte: ready, lazy init, the task up to its
   * first request (the response's few bytes after the task are counted in the init).
   */
  public double processToFirstRequestMillis() {
    return processToReadyMillis + initMillis() + firstRequestMillis;
  }

  /**
   * The cold start of {@code env}, whose first invocation ended just now with {@code result}; the
   * task's figures come from the result when it is an HBee report.
   */
  static ColdStart of(ExecutionEnvironment env, Invocation invocation, FunctionResult result) {
    double ready = (env.readyNanos - env.spawnNanos) / 1e6;
    double first = (System.nanoTime() - Math.max(env.readyNanos, invocation.startNanos)) / 1e6;
    TaskMetrics metrics = taskMetrics(result);
    return new ColdStart(
        env.id,
        ready,
        first,
        metrics.getDurationMicros() / 1000.0,
        metrics.getFirstRequestMicros() / 1000.0);
  }

  private static TaskMetrics taskMetrics(FunctionResult result) {
    if (result.functionError()) {
      return TaskMetrics.getDefaultInstance();
    }
    try {
      return HBeePayloads.parseReport(result.payload()).getMetrics();
    } catch (RuntimeException notAReport) {
      return TaskMetrics.getDefaultInstance();
    }
  }
}
