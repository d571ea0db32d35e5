/**
 * The messages between the Fuse, the HBees and the HComb, generated from {@code
 * buzz/task/v1/task.proto}: the {@code HBeeTask} the Fuse sends an HBee (plan, files, HComb
 * endpoint, the query's token, deadline), the {@code TaskReport} with {@code TaskMetrics} the HBee
 * returns, the {@code StreamHeader}, {@code StreamTrailer} and {@code StreamAck} that frame an
 * HBee's Flight stream to the HComb, and the wire {@code ErrorCode}. Written by hand: {@link
 * io.buzz.protocol.task.TaskFiles}, how messages name a task's files. The Lambda payloads that
 * carry a task are in {@code io.buzz.protocol.lambda}.
 */
package io.buzz.protocol.task;
