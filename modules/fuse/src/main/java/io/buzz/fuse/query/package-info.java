/**
 * One query through the Fuse. {@link io.buzz.fuse.query.QueryExecution} takes the query's JSON and
 * a {@link io.buzz.fuse.query.QueryEventSink} and runs, in order: parsing and validation, the
 * catalog's listing, planning, file selection ({@code FileSelection}: the partition filter, then
 * the catalog's statistics), acquiring an HComb and registering the query on it, then invoking the
 * HBee tasks — files packed by {@link io.buzz.fuse.query.TaskPacking} — while the HComb streams the
 * result to the sink. {@code EXPLAIN} stops before anything runs ({@code ExplainResult}).
 *
 * <p>{@link io.buzz.fuse.query.TaskDispatcher} invokes the tasks through the {@code invoke} seam
 * with a per-query window ({@link io.buzz.fuse.query.DispatchConfig}), retries failures and hedges
 * stragglers as new attempts, and takes permits from the Fuse-wide {@link
 * io.buzz.fuse.query.InvocationBudget}. A query runs on the event loop of its call; parsing,
 * planning and file selection go to a worker. Callers: {@code service.QueryServerVerticle} and the
 * Fuse's Lambda function in {@code aws}.
 */
package io.buzz.fuse.query;
