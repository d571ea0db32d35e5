package io.buzz.plan.physical;

import static java.util.Objects.requireNonNull;

import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;

/**
 * One operator of a {@link Pipeline} with the schema it outputs.
 *
 * @param operator the operator; aggregates are in SINGLE mode until {@link PipelineSplitter} cuts
 *     the pipeline
 * @param output its output schema
 */
public record PipelineStage(Operator operator, Schema output) {
  public PipelineStage {
    requireNonNull(operator, "operator is null");
    requireNonNull(output, "output is null");
  }

  /** A stage whose output schema is derived from its input's. */
  public static PipelineStage over(Schema input, Operator operator) {
    return new PipelineStage(operator, OperatorSchemas.output(operator, input));
  }

  /** What this stage means for distribution. */
  public StageRole role() {
    return StageRole.of(operator);
  }
}
