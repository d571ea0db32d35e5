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
 *
 * <p>One definition of each layout: {@link io.buzz.kernels.aggregate.AggregateCall} says which
 * state columns a call has (DISTINCT calls carry their distinct values as VARBINARY, merged by
 * union), {@link io.buzz.kernels.aggregate.AggregateFunction} the result types, and {@link
 * io.buzz.kernels.aggregate.AggregateSpec} puts them together; the planner ({@code
 * AggregateStateLayout}) and the runtimes ({@code exec.AggregateLayout}) derive theirs from it.
 *
 * <p><b>How to add an aggregate function.</b> Its constant in {@code AggregateFunction} with its
 * SQL names (the SQL checker accepts exactly those) and result type, the same name in plan.proto's
 * enum (the planner and runtimes convert by name; {@code AggregateFunctionNamesTest} holds them in
 * step), its state columns in {@code AggregateCall}, and a {@code GroupsAccumulator} (update,
 * merge, emitState, emitFinal) created in {@code GroupsAccumulator.create} — an approximate one is
 * a {@code GroupSketch} per group under {@code SketchAccumulator}, which does the merging, encoding
 * and memory accounting. Where Calcite has no operator of that name, add one beside {@code
 * ApproxQuantileOperator} in the planner, and map its {@code SqlKind} in {@code RelToPipeline}.
 * {@code HashAggregateOperatorTest} then checks it SINGLE against PARTIAL → FINAL over random
 * splits (a sketch: within its accuracy of the exact reference, and identical all three ways).
 */
package io.buzz.kernels.aggregate;
