/**
 * The operators other than aggregation and sort, and the two contracts every operator follows. A
 * {@link io.buzz.kernels.operator.StreamingOperator} turns each batch into one batch: {@link
 * io.buzz.kernels.operator.FilterOperator} keeps the rows where a BOOL predicate is TRUE, {@link
 * io.buzz.kernels.operator.ProjectOperator} computes one expression per output column. An {@link
 * io.buzz.kernels.operator.Accumulator} sees all of its input before it emits, and two of the same
 * configuration merge with {@code absorb}, which is how the HComb commits a task attempt's state
 * into its query's: {@link io.buzz.kernels.operator.LimitOperator} (OFFSET and FETCH), {@link
 * io.buzz.kernels.operator.CollectOperator} (every row, up to a byte limit), and in their own
 * packages {@code aggregate.HashAggregateOperator} and {@code sort.SortOperator}.
 *
 * <p>A filter can hand its kept rows on as a {@code batch.Selection} ({@code
 * FilterOperator.select}) instead of compacting them, and a project then evaluates only those rows.
 * {@code apply} and {@code add} take ownership of their batch; buffers come from the allocator an
 * operator was built with; no operator is thread-safe. {@code io.buzz.exec.Pipeline} chains them.
 */
package io.buzz.kernels.operator;
