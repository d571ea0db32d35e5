/**
 * Buzz's vectorized kernels over Apache Arrow, used by the HBees, the HComb and the Fuse. They
 * depend on Arrow (and RE2/J) only and know nothing of plans, wire formats or Buzz's error codes.
 *
 * <p>Sub-packages, from the bottom up: {@code batch} (the {@code Batch} every operator consumes and
 * produces, {@code ColumnType}, {@code Selection}), {@code expr} (scalar expressions evaluated a
 * batch at a time, and their kernel loops), {@code function} (the scalar function registry), {@code
 * operator} (filter, project, limit, collect, and the {@code Accumulator} contract of blocking
 * operators), {@code aggregate} and {@code sort} (hash aggregation, sort and top-N), {@code ipc}
 * (Arrow IPC encoding of batches) and {@code memory} (the process's root allocator).
 *
 * <p>Every kernel failure is a {@link io.buzz.kernels.KernelException} of one {@code Kind}. The
 * {@code exec} module, which binds plan fragments to these operators, maps each kind to a {@code
 * BuzzException} ({@code io.buzz.exec.ExecErrors}).
 */
package io.buzz.kernels;
