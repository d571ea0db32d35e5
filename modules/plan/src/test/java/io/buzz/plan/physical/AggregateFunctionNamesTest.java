package io.buzz.plan.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.aggregate.AggregateFunction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * plan.proto's aggregate functions are the kernels' by name: the planner, the HBees and the HComb
 * convert between them with {@code valueOf(name())}, so a function added to one and not the other
 * fails here, not in a query.
 */
class AggregateFunctionNamesTest {
  @Test
  void theWireEnumSpellsTheKernelsEnum() {
    List<String> wire =
        Arrays.stream(io.buzz.protocol.plan.AggregateFunction.values())
            .filter(
                f ->
                    f != io.buzz.protocol.plan.AggregateFunction.AGGREGATE_FUNCTION_UNSPECIFIED
                        && f != io.buzz.protocol.plan.AggregateFunction.UNRECOGNIZED)
            .map(Enum::name)
            .toList();
    List<String> kernels = Arrays.stream(AggregateFunction.values()).map(Enum::name).toList();
    assertThat(wire).containsExactlyElementsOf(kernels);
  }

  @Test
  void everySqlNameBelongsToOneFunction() {
    List<String> names = AggregateFunction.allSqlNames();
    assertThat(names).doesNotHaveDuplicates().contains("COUNT", "APPROX_QUANTILE", "BOOL_AND");
  }
}
