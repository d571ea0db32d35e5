package io.buzz.hcomb;

/** What a new stream of a task may do ({@link ReduceQuery#admit}). */
enum Admission {
  /** Stream on: the query runs and the task has not committed. */
  ADMITTED,
  /** Another attempt of the task already committed: acknowledge with committed=false. */
  ALREADY_COMMITTED,
  /** The query finished or failed: refuse the stream. */
  NOT_RUNNING
}
