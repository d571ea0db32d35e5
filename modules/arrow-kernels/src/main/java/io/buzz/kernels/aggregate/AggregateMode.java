package io.buzz.kernels.aggregate;

/**
 * The phase a hash aggregation runs in (see {@code buzz.plan.v1.AggregateMode}). The same {@link
 * AggregateSpec} describes every phase; the mode only says what the operator reads and writes.
 *
 * <pre>
 *   HBee:  raw rows ──PARTIAL──▶ state rows ══IPC══▶ HComb: state rows ──FINAL──▶ results
 *   one process:      raw rows ──SINGLE──▶ results
 * </pre>
 */
public enum AggregateMode {
  /** Raw rows in, final values out. */
  SINGLE(false, false),
  /** Raw rows in, partial states out (the layout of {@link AggregateSpec#stateSchema()}). */
  PARTIAL(false, true),
  /** Partial states in, final values out. */
  FINAL(true, false);

  private final boolean consumesState;
  private final boolean producesState;

  AggregateMode(boolean consumesState, boolean producesState) {
    this.consumesState = consumesState;
    this.producesState = producesState;
  }

  /** True when input batches have the state layout; false when they are raw input rows. */
  public boolean consumesState() {
    return consumesState;
  }

  /** True when output batches have the state layout; false when they hold final values. */
  public boolean producesState() {
    return producesState;
  }
}
