package io.buzz.plan.physical;

import static java.util.Objects.requireNonNull;

import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.plan.Schema;
import java.util.List;

/**
 * A query as one linear chain, before distribution: a scan of the table, then every operator of the
 * HBee step followed by every operator of the HComb step (rewired onto the HBee step's output).
 * {@link PipelineSplitter} cuts it into the HBee and HComb plans.
 *
 * @param scan the table columns read, in table order
 * @param stages the operators in order, each with its output schema
 */
public record Pipeline(List<ScanColumn> scan, List<PipelineStage> stages) {
  public Pipeline {
    scan = List.copyOf(requireNonNull(scan, "scan is null"));
    stages = List.copyOf(requireNonNull(stages, "stages is null"));
  }

  /** The schema the scan outputs. */
  public Schema scanSchema() {
    Schema.Builder schema = Schema.newBuilder();
    for (ScanColumn column : scan) {
      schema.addFields(
          ValueType.of(column)
              .applyTo(Field.newBuilder().setName(column.getName()))
              .setNullable(column.getNullable()));
    }
    return schema.build();
  }

  /** The schema the stage before {@code index} outputs (the scan's for index 0). */
  public Schema inputOf(int index) {
    return index == 0 ? scanSchema() : stages.get(index - 1).output();
  }

  /** The schema the whole pipeline outputs. */
  public Schema output() {
    return inputOf(stages.size());
  }
}
