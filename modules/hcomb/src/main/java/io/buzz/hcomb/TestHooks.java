package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.grpc.GrpcLimits;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * What tests may change in an {@link HCombVerticle} beyond {@link HCombConfig}.
 *
 * @param mergeExecutor wraps the merge pool that runs every query's Arrow work (e.g. to hold merges
 *     back and make them slow on purpose)
 * @param maxMessageBytes largest gRPC message accepted (production: {@link
 *     GrpcLimits#MAX_MESSAGE_BYTES})
 */
record TestHooks(
    UnaryOperator<Executor> mergeExecutor, int maxMessageBytes, LongSupplier nanoClock) {
  static final TestHooks NONE =
      new TestHooks(UnaryOperator.identity(), GrpcLimits.MAX_MESSAGE_BYTES);

  TestHooks {
    requireNonNull(mergeExecutor, "mergeExecutor is null");
    requireNonNull(nanoClock, "nanoClock is null");
  }

  TestHooks(UnaryOperator<Executor> mergeExecutor, int maxMessageBytes) {
    this(mergeExecutor, maxMessageBytes, System::nanoTime);
  }

  /** The same hooks with {@code clock} as the idle clock (nanoseconds, like nanoTime). */
  TestHooks withNanoClock(LongSupplier clock) {
    return new TestHooks(mergeExecutor, maxMessageBytes, clock);
  }
}
