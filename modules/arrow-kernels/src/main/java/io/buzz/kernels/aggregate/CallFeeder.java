package io.buzz.kernels.aggregate;

import java.util.List;

/**
 * Hands each call of a hash aggregation its part of a chunk: raw rows (its argument's values, only
 * their nulls for a plain COUNT, none for COUNT_STAR; just the rows its FILTER keeps) or its state
 * columns. Not thread-safe.
 */
final class CallFeeder {
  private final List<AggregateCall> calls;
  private final DenseColumn[][] states;

  /** Per call with a FILTER, the rows it keeps from the current chunk; null for the others. */
  private final FilteredRows[] filtered;

  CallFeeder(AggregateSpec spec) {
    this.calls = spec.calls();
    this.states = new DenseColumn[calls.size()][];
    this.filtered = new FilteredRows[calls.size()];
    for (int c = 0; c < calls.size(); c++) {
      states[c] = new DenseColumn[calls.get(c).stateWidth()];
      filtered[c] = calls.get(c).filtered() ? new FilteredRows() : null;
    }
  }

  /**
   * Folds the chunk's {@code n} raw rows, of groups {@code groupIds}, into every call; {@code
   * global}: all of group 0.
   */
  void update(
      GroupsAccumulator[] accumulators,
      ColumnGatherer gatherer,
      int[] groupIds,
      int n,
      boolean global) {
    for (int c = 0; c < accumulators.length; c++) {
      AggregateCall call = calls.get(c);
      DenseColumn argument;
      boolean nullsOnly = call.function() == AggregateFunction.COUNT && !call.distinct();
      if (call.function() == AggregateFunction.COUNT_STAR) {
        argument = null;
      } else if (nullsOnly) {
        argument = gatherer.nulls(call.argument());
      } else {
        argument = gatherer.values(call.argument());
      }
      if (call.filtered()) {
        FilteredRows kept = filtered[c];
        kept.select(gatherer.values(call.filter()), argument, nullsOnly, groupIds, n);
        update(accumulators[c], kept.argument(), kept.groupIds(), kept.count(), global);
      } else {
        update(accumulators[c], argument, groupIds, n, global);
      }
    }
  }

  private static void update(
      GroupsAccumulator accumulator, DenseColumn argument, int[] groupIds, int n, boolean global) {
    if (global) {
      accumulator.updateGlobal(argument, groupIds, n);
    } else {
      accumulator.update(argument, groupIds, n);
    }
  }

  /**
   * Merges the chunk's {@code n} state rows into every call; the calls' state columns follow the
   * {@code groupColumns} group columns, in call order.
   */
  void merge(
      GroupsAccumulator[] accumulators,
      ColumnGatherer gatherer,
      int groupColumns,
      int[] groupIds,
      int n) {
    int column = groupColumns;
    for (int c = 0; c < accumulators.length; c++) {
      DenseColumn[] callStates = states[c];
      for (int s = 0; s < callStates.length; s++) {
        callStates[s] = gatherer.values(column++);
      }
      accumulators[c].merge(callStates, groupIds, n);
    }
  }

  long memoryBytes() {
    long bytes = 0;
    for (FilteredRows kept : filtered) {
      bytes += kept == null ? 0 : kept.memoryBytes();
    }
    return bytes;
  }
}
