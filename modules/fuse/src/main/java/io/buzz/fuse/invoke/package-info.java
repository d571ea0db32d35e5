/**
 * The {@link io.buzz.fuse.invoke.HBeeInvoker} seam and its implementation over the AWS SDK's {@code
 * LambdaAsyncClient} ({@link io.buzz.fuse.invoke.LambdaHBeeInvoker}), which also classifies
 * Lambda's function errors for retries.
 */
package io.buzz.fuse.invoke;
