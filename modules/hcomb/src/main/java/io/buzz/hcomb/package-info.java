/**
 * The HComb: the reduce stage of a Buzz query, a Vert.x gRPC server ({@link
 * io.buzz.hcomb.HCombVerticle}).
 *
 * <pre>
 *   Fuse ──RunQuery(plan, task_count, token, timeout)──▶ RunQueryCall ──register──▶ ReduceQuery
 *        ◀── Registered, TaskCommitted*, schema, batches*, Finished, OK   (or an error status)
 *
 *   HBee attempt ──DoPut: header+schema, batches, trailer, half-close──▶ AttemptStream
 *        ◀── PutResult(StreamAck committed=true|false), OK                (or an error status)
 *
 *   AttemptStream ──fold──▶ ReduceQuery ──(serial executor on the merge pool)──▶ AttemptState
 *                 ──commit─▶ first clean attempt of a task joins the query's MergeState
 *   all tasks committed ──▶ finish ──▶ result ──▶ RunQueryCall ──▶ Fuse
 * </pre>
 *
 * <p>Threads. Each gRPC call lives on the event loop of its connection and only moves bytes; every
 * touch of Arrow memory (decode, fold, commit, finish, release) runs on the query's {@link
 * io.buzz.concurrent.SerialExecutor} over the shared merge pool. Plans compile on a Vert.x worker.
 *
 * <p>Ownership. A query owns a child allocator of the process's root allocator, limited to {@code
 * HCombConfig.queryMemoryLimitBytes}, and every state on it; however it ends (result, HBee error,
 * limit, deadline, the Fuse's cancel, shutdown), it releases them and leaves the registry, after
 * which {@code ReduceQuery.released()} completes.
 *
 * <p>Statuses. Every call is answered once unless its client reset it first: INVALID_ARGUMENT for
 * malformed requests and streams, UNAUTHENTICATED for a wrong token, NOT_FOUND for an unknown or
 * ended query, RESOURCE_EXHAUSTED for limits (query memory, message size, queries at once),
 * DEADLINE_EXCEEDED for the query deadline, CANCELLED when the Fuse went away, UNAVAILABLE while
 * shutting down, and an HBee's own code when it reports an error.
 */
package io.buzz.hcomb;
