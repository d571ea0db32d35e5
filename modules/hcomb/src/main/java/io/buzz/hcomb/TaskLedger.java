package io.buzz.hcomb;

import java.util.BitSet;

/**
 * Which tasks of a query have committed: at most one attempt per task, tasks numbered {@code 0 ..
 * taskCount - 1}.
 *
 * <p>Threads: not thread-safe; guarded by the monitor of the {@link ReduceQuery} that owns it.
 */
final class TaskLedger {
  private final int taskCount;
  private final BitSet committed = new BitSet();
  private int committedCount;

  TaskLedger(int taskCount) {
    this.taskCount = taskCount;
  }

  boolean isCommitted(int task) {
    return committed.get(task);
  }

  /** Records {@code task}'s commit (it must not have committed); true when it was the last. */
  boolean commit(int task) {
    if (committed.get(task)) {
      throw new IllegalStateException("task " + task + " already committed");
    }
    committed.set(task);
    committedCount++;
    return committedCount == taskCount;
  }

  int committedCount() {
    return committedCount;
  }

  /** The tasks that have not committed, the first {@code shownAtMost} of them, for messages. */
  String missing(int shownAtMost) {
    StringBuilder missing = new StringBuilder();
    int shown = 0;
    for (int task = committed.nextClearBit(0);
        task < taskCount && shown < shownAtMost;
        task = committed.nextClearBit(task + 1)) {
      missing.append(shown == 0 ? "" : ", ").append(task);
      shown++;
    }
    int total = taskCount - committedCount;
    if (total > shown) {
      missing.append(", … (").append(total).append(" in all)");
    }
    return missing.toString();
  }

  /** "3 of 8 tasks committed; waiting for tasks 0, 2, …", for timeout messages. */
  String progress() {
    return committedCount
        + " of "
        + taskCount
        + " tasks committed; waiting for tasks "
        + missing(10);
  }
}
