/**
 * Hash aggregation in SINGLE, PARTIAL and FINAL mode ({@link
 * io.buzz.kernels.aggregate.HashAggregateOperator}), described by an {@link
 * io.buzz.kernels.aggregate.AggregateSpec} that is the same in every mode.
 *
 * <pre>
 *  HBee (per file)                          HComb (per query)
 *  raw rows ─▶ PARTIAL ─▶ state rows ══IPC══▶ FINAL per task attempt ─absorb─▶ FINAL of the query
 *                         (group columns,        (fold each batch           (commit exactly once)
 *                          then call states)      as it arrives)                    │
 *                                                                                finish()
 * </pre>
 *
 * <p>Inside an operator, per chunk of rows: a group table maps keys to dense group ids, then one
 * {@code GroupsAccumulator} per call updates typed state arrays indexed by group id (the design of
 * DataFusion's GroupsAccumulator). Partial states are plain Arrow columns, so the wire format is
 * plain Arrow IPC.
 */
package io.buzz.kernels.aggregate;
