package io.buzz.kernels.aggregate;

import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class AggregateSpecTest {
  private static final Schema INPUT = TestRows.schema(UTF8, INT32, FLOAT64, INT64);

  private static AggregateSpec spec() {
    return new AggregateSpec(
        new int[] {0},
        List.of(
            AggregateCall.countStar("n"),
            new AggregateCall(AggregateFunction.COUNT, 2, "c"),
            new AggregateCall(AggregateFunction.SUM, 1, "s"),
            new AggregateCall(AggregateFunction.SUM, 2, "fs"),
            new AggregateCall(AggregateFunction.MIN, 0, "lo"),
            new AggregateCall(AggregateFunction.MAX, 1, "hi"),
            new AggregateCall(AggregateFunction.AVG, 3, "mean")),
        INPUT);
  }

  @Test
  void stateSchemaIsGroupColumnsThenEachCallsState() {
    Schema state = spec().stateSchema();
    assertThat(state.getFields())
        .extracting(Field::getName)
        .containsExactly("c0", "n", "c", "s", "fs", "lo", "hi", "mean$sum", "mean$count");
    assertThat(TestRows.types(state))
        .containsExactly(UTF8, INT64, INT64, INT64, FLOAT64, UTF8, INT32, FLOAT64, INT64);
    assertThat(state.getFields())
        .extracting(Field::isNullable)
        .containsExactly(true, false, false, true, true, true, true, true, false);
  }

  /**
   * One rule for every layout: counts are never NULL, DISTINCT states never; any other value only
   * when its argument is nullable, the aggregate is global or the call has a FILTER.
   */
  @Test
  void valuesAreNullableOnlyWhereAGroupCanLackOne() {
    Schema input =
        new Schema(
            List.of(
                new Field("k", FieldType.notNullable(INT32.arrowType()), null),
                new Field("x", FieldType.notNullable(INT64.arrowType()), null),
                new Field("y", FieldType.nullable(INT64.arrowType()), null),
                new Field("f", FieldType.nullable(ColumnType.BOOL.arrowType()), null)));
    List<AggregateCall> calls =
        List.of(
            new AggregateCall(AggregateFunction.SUM, 1, "sx"),
            new AggregateCall(AggregateFunction.SUM, 2, "sy"),
            new AggregateCall(AggregateFunction.AVG, 1, "ax"),
            new AggregateCall(AggregateFunction.SUM, 1, "fx", false, 3),
            new AggregateCall(AggregateFunction.COUNT, 2, "dy", true, -1),
            new AggregateCall(AggregateFunction.COUNT, 2, "cy", false, 3));
    AggregateSpec grouped = new AggregateSpec(new int[] {0}, calls, input);
    assertThat(grouped.stateSchema().getFields())
        .extracting(field -> field.getName() + (field.isNullable() ? " NULL" : ""))
        .containsExactly(
            "k", "sx", "sy NULL", "ax$sum", "ax$count", "fx NULL", "dy$distinct", "cy");
    assertThat(grouped.finalSchema().getFields())
        .extracting(field -> field.getName() + (field.isNullable() ? " NULL" : ""))
        .containsExactly("k", "sx", "sy NULL", "ax", "fx NULL", "dy", "cy");
    AggregateSpec global = new AggregateSpec(new int[0], calls, input);
    assertThat(global.finalSchema().getFields())
        .extracting(field -> field.getName() + (field.isNullable() ? " NULL" : ""))
        .containsExactly("sx NULL", "sy NULL", "ax NULL", "fx NULL", "dy", "cy");
  }

  @Test
  void finalSchemaIsGroupColumnsThenOneColumnPerCall() {
    Schema result = spec().finalSchema();
    assertThat(result.getFields())
        .extracting(Field::getName)
        .containsExactly("c0", "n", "c", "s", "fs", "lo", "hi", "mean");
    assertThat(TestRows.types(result))
        .containsExactly(UTF8, INT64, INT64, INT64, FLOAT64, UTF8, INT32, FLOAT64);
  }

  @Test
  void modesSayWhatTheyReadAndWrite() {
    assertThat(AggregateMode.PARTIAL.producesState()).isTrue();
    assertThat(AggregateMode.PARTIAL.consumesState()).isFalse();
    assertThat(AggregateMode.FINAL.consumesState()).isTrue();
    assertThat(AggregateMode.FINAL.producesState()).isFalse();
    assertThat(AggregateMode.SINGLE.consumesState()).isFalse();
    assertThat(AggregateMode.SINGLE.producesState()).isFalse();
  }

  @Test
  void minAndMaxKeepTheArgumentsArrowTypeLikeATimeZone() {
    ArrowType zoned = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    Schema input = new Schema(List.of(new Field("t", FieldType.nullable(zoned), null)));
    AggregateSpec spec =
        new AggregateSpec(
            new int[] {0},
            List.of(
                new AggregateCall(AggregateFunction.MAX, 0, "latest"),
                new AggregateCall(AggregateFunction.COUNT, 0, "n")),
            input);
    assertThat(spec.finalSchema().getFields().get(0).getType()).isEqualTo(zoned);
    assertThat(spec.finalSchema().getFields().get(1).getType()).isEqualTo(zoned);
    assertThat(spec.finalSchema().getFields().get(2).getType())
        .isEqualTo(ColumnType.INT64.arrowType());
  }

  @Test
  void rejectsArgumentsAndGroupColumnsOutOfRange() {
    assertThatThrownBy(() -> new AggregateSpec(new int[] {4}, List.of(), INPUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group column 4");
    assertThatThrownBy(
            () ->
                new AggregateSpec(
                    new int[0], List.of(new AggregateCall(AggregateFunction.SUM, -1, "s")), INPUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SUM AS s");
  }

  @Test
  void countStarIgnoresItsArgument() {
    AggregateSpec spec =
        new AggregateSpec(
            new int[0], List.of(new AggregateCall(AggregateFunction.COUNT_STAR, 99, "n")), INPUT);
    assertThat(spec.argumentType(0)).isNull();
  }

  @Test
  void sumAndAvgRejectNonNumericInput() {
    for (AggregateFunction function : List.of(AggregateFunction.SUM, AggregateFunction.AVG)) {
      assertThatThrownBy(
              () ->
                  new AggregateSpec(
                      new int[0], List.of(new AggregateCall(function, 0, "x")), INPUT))
          .isInstanceOf(KernelException.class)
          .satisfies(
              e ->
                  assertThat(((KernelException) e).kind())
                      .isEqualTo(KernelException.Kind.UNSUPPORTED))
          .hasMessageContaining("UTF8");
    }
  }

  @Test
  void equalityComparesGroupColumnsByContentAndCopiesThem() {
    int[] groupBy = {0, 1};
    AggregateSpec a = new AggregateSpec(groupBy, List.of(AggregateCall.countStar("n")), INPUT);
    groupBy[0] = 3;
    AggregateSpec b =
        new AggregateSpec(new int[] {0, 1}, List.of(AggregateCall.countStar("n")), INPUT);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    a.groupBy()[0] = 2;
    assertThat(a.groupBy()).containsExactly(0, 1);
    assertThat(a)
        .isNotEqualTo(
            new AggregateSpec(new int[] {1, 0}, List.of(AggregateCall.countStar("n")), INPUT));
  }
}
