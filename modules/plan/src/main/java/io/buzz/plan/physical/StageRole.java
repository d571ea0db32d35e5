package io.buzz.plan.physical;

import io.buzz.protocol.plan.Operator;

/**
 * How an operator takes part in distribution: streaming operators run in the HBee row by row; the
 * first blocking operator is where the pipeline is cut into an HBee part and an HComb part.
 */
public enum StageRole {
  /** Filter, Project: rows in, rows out, order kept. */
  STREAMING(false),
  /** Hash aggregation: split into PARTIAL (HBee) and FINAL (HComb merge). */
  AGGREGATE(true),
  /** Sort with fetch: a top-N in each HBee, merged by a top-N in the HComb. */
  TOP_N(true),
  /** Sort without fetch: must see all rows, so it runs in the HComb. */
  SORT(true),
  /** Limit without order: each HBee keeps offset + fetch rows, the HComb applies the limit. */
  LIMIT(true),
  /** A scalar subquery's join: must see all rows, so it runs in the HComb, as a Sort does. */
  SCALAR_JOIN(true);

  private final boolean blocking;

  StageRole(boolean blocking) {
    this.blocking = blocking;
  }

  /** Whether the operator must see all its input before it can emit its last row. */
  public boolean blocking() {
    return blocking;
  }

  public static StageRole of(Operator operator) {
    return switch (operator.getKindCase()) {
      case FILTER, PROJECT, UNION_ALL -> STREAMING;
      case AGGREGATE -> AGGREGATE;
      case SORT -> operator.getSort().hasFetch() ? TOP_N : SORT;
      case LIMIT -> LIMIT;
      case SCALAR_JOIN -> SCALAR_JOIN;
      case KIND_NOT_SET -> throw new IllegalArgumentException("operator has no kind");
    };
  }
}
