package io.buzz.local.lambda;

import io.buzz.local.lambda.FunctionBackend.FunctionResult;
import io.vertx.core.Promise;
import java.util.UUID;

/** One invocation in the Lambda twin, from Invoke to the runtime's response, error or timeout. */
final class Invocation {
  final String requestId = UUID.randomUUID().toString();
  final byte[] payload;
  final long deadlineEpochMillis;
  final long startNanos = System.nanoTime();
  final Promise<FunctionResult> result = Promise.promise();
  final boolean coldStart;
  long timer = -1;

  Invocation(byte[] payload, long deadlineEpochMillis, boolean coldStart) {
    this.payload = payload;
    this.deadlineEpochMillis = deadlineEpochMillis;
    this.coldStart = coldStart;
  }
}
