package io.buzz.hbee.lambda;

import io.buzz.error.BuzzException;

/**
 * What the HBee function throws when it cannot run a task at all (an unreadable payload, a broken
 * environment). The Lambda runtime reports it as a function error whose {@code errorType} is this
 * class and whose {@code errorMessage} starts with the Buzz error code in brackets, e.g. {@code
 * [INVALID_CONFIG] the setting aws.region is required …}; the Fuse reads the code back from there.
 */
public final class HBeeFunctionError extends RuntimeException {
  public HBeeFunctionError(BuzzException cause) {
    super("[" + cause.code().name() + "] " + cause.getMessage(), cause);
  }
}
