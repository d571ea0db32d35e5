package io.buzz.plan.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A Buzz query as the client submits it (see {@code QueryJson} for the JSON form). The model is
 * purely structural; {@link QueryValidator} checks the rules that need no catalog, the planner the
 * rest.
 *
 * @param steps the HBee step then the HComb step
 * @param capacity resources of the reduce stage
 * @param catalogs the tables the HBee step may read
 */
public record Query(List<Step> steps, Capacity capacity, List<CatalogSpec> catalogs) {
  public Query {
    steps = List.copyOf(requireNonNull(steps, "steps is null"));
    requireNonNull(capacity, "capacity is null");
    catalogs = List.copyOf(requireNonNull(catalogs, "catalogs is null"));
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
