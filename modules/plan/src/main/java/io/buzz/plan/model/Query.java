package io.buzz.plan.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A Buzz query as the client submits it (see {@code QueryJson} for the JSON form): either one SQL
 * statement ({@link #ofStatement}) that the planner cuts into HBee and HComb work, or an HBee step
 * and an HComb step written by hand. The model is purely structural; {@link QueryValidator} checks
 * the rules that need no catalog, the planner the rest.
 *
 * @param steps the HBee step then the HComb step, or the one {@link StepType#STATEMENT} step
 * @param capacity resources of the reduce stage
 * @param catalogs the tables the HBee step may read
 */
public record Query(List<Step> steps, Capacity capacity, List<CatalogSpec> catalogs) {
  public Query {
    steps = List.copyOf(requireNonNull(steps, "steps is null"));
    requireNonNull(capacity, "capacity is null");
    catalogs = List.copyOf(requireNonNull(catalogs, "catalogs is null"));
  }

  /** The name of the one step of a query written as a statement, as its SQL calls the result. */
  public static final String STATEMENT_NAME = "query";

  /** A query written as one SQL statement: {@code {"sql": "SELECT ...", "catalogs": [...]}}. */
  public static Query ofStatement(String sql, Capacity capacity, List<CatalogSpec> catalogs) {
    return new Query(
        List.of(new Step(sql, STATEMENT_NAME, StepType.STATEMENT)), capacity, catalogs);
  }

  /** True when the query is one SQL statement rather than two steps. */
  public boolean isStatement() {
    return steps.size() == 1 && steps.get(0).stepType() == StepType.STATEMENT;
  }

  /**
   * The statement of a query written as one.
   *
   * @throws IllegalStateException if the query has steps instead
   */
  public Step statement() {
    return stepOfType(0, StepType.STATEMENT);
  }

  /**
   * The HBee step of a validated query.
   *
   * @throws IllegalStateException if the query has not been validated and has no HBee first step
   */
  public Step hbeeStep() {
    return stepOfType(0, StepType.HBEE);
  }

  /**
   * The HComb step of a validated query.
   *
   * @throws IllegalStateException if the query has not been validated and has no HComb second step
   */
  public Step hcombStep() {
    return stepOfType(1, StepType.HCOMB);
  }

  private Step stepOfType(int index, StepType type) {
    if (steps.size() <= index || steps.get(index).stepType() != type) {
      throw new IllegalStateException(
          "steps[" + index + "] is not the " + type.jsonName() + " step; validate the query first");
    }
    return steps.get(index);
  }
}
