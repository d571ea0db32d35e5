package io.buzz.plan.physical;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.plan.Limit;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.QueryPlan;
import io.buzz.protocol.plan.Scan;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.Sort;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a {@link Pipeline} at its first blocking operator B into what each HBee runs per file and
 * what the HComb runs over all HBee outputs. The result equals running the pipeline once over the
 * whole table:
 *
 * <pre>
 *   B = Aggregate         HBee: ops before B, B PARTIAL | merge: B FINAL        | then: ops after B
 *   B = Sort with fetch   HBee: ops before B, top-(offset+fetch) | merge: B     | then: ops after B
 *   B = Limit             HBee: ops before B, Limit(offset+fetch) | merge: B    | then: ops after B
 *   B = Sort, no fetch    HBee: ops before B            | merge: none (collect) | then: B, ops after
 *   no B                  HBee: every op                | merge: none           | then: nothing
 * </pre>
 *
 * Later aggregates stay SINGLE. Before cutting, a Sort without fetch or offset whose order nobody
 * observes (the next blocking operator is an Aggregate or another Sort) is dropped.
 */
public final class PipelineSplitter {
  private PipelineSplitter() {}

  public static QueryPlan split(Pipeline pipeline) {
    List<PipelineStage> stages = dropUnobservedSorts(pipeline.stages());
    int cut = 0;
    while (cut < stages.size() && !stages.get(cut).role().blocking()) {
      cut++;
    }
    Schema scanSchema = pipeline.scanSchema();
    List<Operator> hbeeOps = new ArrayList<>();
    for (int i = 0; i < cut; i++) {
      hbeeOps.add(stages.get(i).operator());
    }
    Schema beforeCut = cut == 0 ? scanSchema : stages.get(cut - 1).output();
    Operator merge = null;
    Schema hbeeOutput = beforeCut;
    List<Operator> hcombOps = new ArrayList<>();
    int rest = cut + 1;
    if (cut == stages.size()) {
      rest = cut;
    } else {
      Operator blocking = stages.get(cut).operator();
      switch (stages.get(cut).role()) {
        case AGGREGATE -> {
          Aggregate aggregate = blocking.getAggregate();
          Operator partial = withMode(aggregate, AggregateMode.PARTIAL);
          hbeeOps.add(partial);
          hbeeOutput = OperatorSchemas.output(partial, beforeCut);
          merge = withMode(aggregate, AggregateMode.FINAL);
        }
        case TOP_N -> {
          Sort sort = blocking.getSort();
          Sort local =
              sort.toBuilder()
                  .setFetch(saturatedSum(sort.getOffset(), sort.getFetch()))
                  .setOffset(0)
                  .build();
          hbeeOps.add(Operator.newBuilder().setSort(local).build());
          merge = blocking;
        }
        case LIMIT -> {
          Limit limit = blocking.getLimit();
          if (limit.hasFetch()) {
            Limit local =
                Limit.newBuilder()
                    .setFetch(saturatedSum(limit.getOffset(), limit.getFetch()))
                    .build();
            hbeeOps.add(Operator.newBuilder().setLimit(local).build());
          }
          merge = blocking;
        }
        case SORT, SCALAR_JOIN -> hcombOps.add(blocking);
        case STREAMING -> throw new IllegalStateException("a streaming stage cannot be the cut");
      }
    }
    for (int i = rest; i < stages.size(); i++) {
      hcombOps.add(stages.get(i).operator());
    }
    HBeePlan hbee =
        HBeePlan.newBuilder()
            .setScan(Scan.newBuilder().addAllColumns(pipeline.scan()))
            .addAllOperators(hbeeOps)
            .setOutputSchema(hbeeOutput)
            .build();
    HCombPlan.Builder hcomb =
        HCombPlan.newBuilder().setInputSchema(hbeeOutput).addAllOperators(hcombOps);
    Schema output = hbeeOutput;
    if (merge != null) {
      hcomb.setMerge(merge);
      output = OperatorSchemas.output(merge, output);
    }
    for (Operator operator : hcombOps) {
      output = OperatorSchemas.output(operator, output);
    }
    hcomb.setOutputSchema(output);
    return QueryPlan.newBuilder().setHbee(hbee).setHcomb(hcomb).build();
  }

  /**
   * Drops each Sort without fetch and offset when the next non-streaming stage is an Aggregate
   * (which does not keep order) or a Sort (which reorders anyway).
   */
  static List<PipelineStage> dropUnobservedSorts(List<PipelineStage> stages) {
    List<PipelineStage> kept = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      PipelineStage stage = stages.get(i);
      if (stage.role() == StageRole.SORT && stage.operator().getSort().getOffset() == 0) {
        StageRole next = nextNonStreaming(stages, i + 1);
        if (next == StageRole.AGGREGATE || next == StageRole.SORT || next == StageRole.TOP_N) {
          continue;
        }
      }
      kept.add(stage);
    }
    return kept;
  }

  private static StageRole nextNonStreaming(List<PipelineStage> stages, int from) {
    for (int i = from; i < stages.size(); i++) {
      StageRole role = stages.get(i).role();
      if (role != StageRole.STREAMING) {
        return role;
      }
    }
    return StageRole.STREAMING;
  }

  private static Operator withMode(Aggregate aggregate, AggregateMode mode) {
    return Operator.newBuilder().setAggregate(aggregate.toBuilder().setMode(mode)).build();
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
