/**
 * The Java client of the Fuse's query API ({@link io.buzz.fuse.client.QueryClient}, over Vert.x
 * gRPC): a query's events stream to a {@code QueryClient.Listener}, with pause, resume and cancel
 * on the running call, or the whole answer is collected into a {@link
 * io.buzz.fuse.client.QueryResult} (schema, batches, statistics). Failures are {@code
 * BuzzException}s whose code comes from the gRPC status. {@link io.buzz.fuse.client.ResultRows}
 * turns results, Buzz's or a JDBC peer's such as DuckDB's, into rows that compare, for the bench
 * and the tests. Used by the CLI and the bench.
 */
package io.buzz.fuse.client;
