package io.buzz.exec;

import static io.buzz.exec.Plans.call;
import static io.buzz.exec.Plans.col;
import static io.buzz.exec.Plans.field;
import static io.buzz.exec.Plans.lit;
import static io.buzz.exec.Plans.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Literal;
import io.buzz.protocol.plan.Schema;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartitionPrunerTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static final List<List<String>> FILES =
      List.of(
          Arrays.asList("2009-01-01", "CMT"),
          Arrays.asList("2009-01-05", "VTS"),
          Arrays.asList("2009-01-06", "CMT"),
          Arrays.asList(null, "CMT"),
          Arrays.asList("2009-01-02", null));

  @Test
  void stringPartitionValuesCompareAndMissingKeysPrune() {
    Schema partitions = schema(field("pickup_date", DataType.UTF8), field("vendor", DataType.UTF8));
    Expr predicate =
        call(Function.LESS_THAN_OR_EQUAL, DataType.BOOL, col(0, DataType.UTF8), lit("2009-01-05"));
    assertThat(PartitionPruner.select(predicate, partitions, FILES, allocator))
        .containsExactly(true, true, false, false, true);
    Expr both =
        call(
            Function.AND,
            DataType.BOOL,
            predicate,
            call(Function.EQUAL, DataType.BOOL, col(1, DataType.UTF8), lit("CMT")));
    assertThat(PartitionPruner.select(both, partitions, FILES, allocator))
        .containsExactly(true, false, false, false, false);
    Expr missing = call(Function.IS_NULL, DataType.BOOL, col(0, DataType.UTF8));
    assertThat(PartitionPruner.select(missing, partitions, FILES, allocator))
        .containsExactly(false, false, false, true, false);
  }

  @Test
  void aRegisteredFunctionPrunesToo() {
    Schema partitions = schema(field("pickup_date", DataType.UTF8), field("vendor", DataType.UTF8));
    // vendor ILIKE 'c%': a function of the kernels' registry, named in the plan
    Expr ilike =
        Expr.newBuilder()
            .setType(DataType.BOOL)
            .setNullable(true)
            .setCall(
                io.buzz.protocol.plan.Call.newBuilder()
                    .setFunction(Function.REGISTERED)
                    .setName("ilike")
                    .addArgs(col(1, DataType.UTF8))
                    .addArgs(lit("c%")))
            .build();
    assertThat(PartitionPruner.select(ilike, partitions, FILES, allocator))
        .containsExactly(true, false, true, true, false);
  }

  @Test
  void typedPartitionKeysAreCastFromTheirText() {
    Schema partitions =
        schema(field("pickup_date", DataType.DATE32), field("vendor", DataType.UTF8));
    Expr day =
        Expr.newBuilder()
            .setType(DataType.DATE32)
            .setLiteral(
                Literal.newBuilder()
                    .setDate32Value((int) LocalDate.parse("2009-01-05").toEpochDay()))
            .build();
    Expr predicate = call(Function.LESS_THAN_OR_EQUAL, DataType.BOOL, col(0, DataType.DATE32), day);
    assertThat(PartitionPruner.select(predicate, partitions, FILES, allocator))
        .containsExactly(true, true, false, false, true);
    assertThatThrownBy(
            () ->
                PartitionPruner.select(
                    predicate, partitions, List.of(Arrays.asList("yesterday", "CMT")), allocator))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining("'yesterday'");
    assertThat(PartitionPruner.select(predicate, partitions, List.of(), allocator)).isEmpty();
  }

  @Test
  void decimalPartitionKeysAreCastAtTheirPrecisionAndScale() {
    Schema partitions =
        schema(
            field("vendor", DataType.UTF8),
            field("rate", DataType.DECIMAL128).toBuilder()
                .setDecimal(io.buzz.protocol.plan.Decimal.newBuilder().setPrecision(10).setScale(2))
                .build());
    Expr cmt = call(Function.EQUAL, DataType.BOOL, col(0, DataType.UTF8), lit("CMT"));
    assertThat(
            PartitionPruner.select(
                cmt,
                partitions,
                List.of(Arrays.asList("CMT", "1.25"), Arrays.asList("VTS", "2.50")),
                allocator))
        .containsExactly(true, false);
  }

  @Test
  void malformedInputIsReported() {
    Schema partitions = schema(field("pickup_date", DataType.UTF8));
    assertThatThrownBy(
            () ->
                PartitionPruner.select(
                    col(0, DataType.UTF8), partitions, List.of(List.of("x")), allocator))
        .hasMessageContaining("not BOOL");
    assertThatThrownBy(
            () ->
                PartitionPruner.select(
                    lit(true), partitions, List.of(List.of("a", "b")), allocator))
        .hasMessageContaining("2 partition values, expected 1");
  }
}
