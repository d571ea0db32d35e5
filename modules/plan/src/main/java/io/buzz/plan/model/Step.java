package io.buzz.plan.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One SQL step of a query.
 *
 * @param sql a single SELECT statement
 * @param name the step's name; the HComb step reads the HBee step's output as a table of this name
 * @param stepType where the step runs
 * @param partitionFilter a SQL boolean expression over the table's partition columns, evaluated by
 *     the Fuse on each file's partition values to skip files (HBee step only)
 */
public record Step(String sql, String name, StepType stepType, Optional<String> partitionFilter) {
  public Step {
    requireNonNull(sql, "sql is null");
    requireNonNull(name, "name is null");
    requireNonNull(stepType, "stepType is null");
    requireNonNull(partitionFilter, "partitionFilter is null");
  }

  /** A step without partition filter. */
  public Step(String sql, String name, StepType stepType) {
    this(sql, name, stepType, Optional.empty());
  }

  /** How messages name this step: {@code step 'nyc_taxi_map'}, or {@code sql} for a statement. */
  public String describe() {
    return stepType == StepType.STATEMENT ? "sql" : "step '" + name + "'";
  }
}
