/**
 * The Fuse, the entry point of a query: it lists the table's files, plans the query, acquires an
 * HComb, invokes one HBee per task and streams the HComb's result back to the client. This package
 * holds what ties the parts together: {@link io.buzz.fuse.FuseConfig}, the Fuse's settings, and
 * {@link io.buzz.fuse.FuseServices}, the seams and shared clients every query uses (planner,
 * catalogs, HComb manager, HBee invoker, allocator, meters), built and closed by their owner —
 * {@code aws.AwsFuse} on AWS, {@code io.buzz.local.LocalStack} on one machine.
 *
 * <p>Sub-packages: {@code query} runs one query and dispatches its tasks; {@code service} is the
 * gRPC query API and {@code client} its Java client; {@code catalog} makes tables of files; {@code
 * hcomb} and {@code invoke} are the seams to HCombs and HBees; {@code metrics} and {@code cost}
 * measure and price queries; {@code aws} is the Fuse on AWS.
 */
package io.buzz.fuse;
