package io.buzz.plan.model;

import io.buzz.error.BuzzException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a step runs. A query is either one {@link #HBEE} step (map, once per file, in cloud
 * functions) followed by one {@link #HCOMB} step (reduce, once per query, in a container) that
 * reads the HBee step's output as a table named after it, or one {@link #STATEMENT} that Buzz cuts
 * into HBee and HComb work itself (the JSON's top-level {@code "sql"}; not a {@code step_type}).
 */
public enum StepType {
  HBEE("HBee", "map: runs once per file in a cloud function"),
  HCOMB("HComb", "reduce: runs once over the HBee step's output in a container"),
  STATEMENT("sql", "the whole query: Buzz runs its scan side in HBees and the rest in the HComb");

  /** The values of {@code step_type} in the JSON. */
  private static final StepType[] STEP_TYPES = {HBEE, HCOMB};

  private final String jsonName;
  private final String role;

  StepType(String jsonName, String role) {
    this.jsonName = jsonName;
    this.role = role;
  }

  /** The spelling in the query JSON ({@code "step_type": "HBee"}). */
  public String jsonName() {
    return jsonName;
  }

  /** One line saying what a step of this type does, for messages and explain output. */
  public String role() {
    return role;
  }

  /**
   * The step type spelled {@code name} in the JSON; the match is exact (case-sensitive).
   *
   * @param path the JSON path of the value, for the error message
   * @throws BuzzException BAD_QUERY listing the allowed values
   */
  public static StepType fromJson(String name, String path) {
    for (StepType type : STEP_TYPES) {
      if (type.jsonName.equals(name)) {
        return type;
      }
    }
    throw BuzzException.badQuery(
        path + ": unknown step type '" + name + "'; allowed values: " + allowedValues());
  }

  static String allowedValues() {
    return Arrays.stream(STEP_TYPES).map(t -> t.jsonName).collect(Collectors.joining(", "));
  }
}
