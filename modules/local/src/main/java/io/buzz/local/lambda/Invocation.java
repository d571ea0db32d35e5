package io.buzz.local.lambda;

import io.buzz.local.lambda.FunctionBackend.FunctionResult;
import io.vertx.core.Promise;
import java.util.UUID;

/** One invocation in the Lambda twin, from Invoke to the runtime's response, error or timeout. */
final class Invocation {
  final String requestId = UUID.randomUUID().toString();
  final byte[] payload;
  final long startNanos = System.nanoTime();
  final Promise<FunctionResult> result = Promise.promise();
  final boolean coldStart;

  /**
   * When the function's timeout ends it; set when its clock starts (the runtime takes it, or a cold
   * environment's init ran past Lambda's init limit), 0 until then.
   */
  long deadlineEpochMillis;

  /** The timer running for it: the init limit's until its clock starts, then the timeout's. */
  long timer = -1;

  Invocation(byte[] payload, boolean coldStart) {
    this.payload = payload;
    this.coldStart = coldStart;
  }

  boolean clockStarted() {
    return deadlineEpochMillis != 0;
  }
}
