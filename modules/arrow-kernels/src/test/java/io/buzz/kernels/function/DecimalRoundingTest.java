package io.buzz.kernels.function;

import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Literal;
import io.buzz.kernels.testing.TestBatches.Column;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ROUND, TRUNC, FLOOR, CEIL and ABS of DECIMALs: exact, halves away from zero, DuckDB's types. */
class DecimalRoundingTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  /** {@code mode(value DECIMAL(precision, scale)[, places])} over one row. */
  private BigDecimal apply(String function, String value, int precision, int scale, Long places) {
    ArrowType.Decimal type = (ArrowType.Decimal) ColumnType.decimal(precision, scale);
    List<Expression> args = new ArrayList<>();
    args.add(Literal.ofDecimal(new BigDecimal(value), type));
    if (places != null) {
      args.add(Literal.ofInt64(places));
    }
    Expression bound =
        FunctionRegistry.STANDARD.bySqlName(function).orElseThrow().bind().apply(args);
    try (Batch input = batch(allocator, Column.of("x", ColumnType.INT64, new Object[] {1L}));
        FieldVector result = bound.evaluate(input, null, allocator)) {
      assertThat(bound.arrowType())
          .isEqualTo(
              DecimalRoundingExpression.resultType(
                  bound.toString().startsWith("ROUND") ? "round" : function.toLowerCase(),
                  precision,
                  scale,
                  places == null ? 0 : places));
      return (BigDecimal) values(result).get(0);
    }
  }

  @Test
  void roundsHalvesAwayFromZeroAtEveryScale() {
    assertThat(apply("ROUND", "2.5", 2, 1, null)).isEqualByComparingTo("3");
    assertThat(apply("ROUND", "-2.5", 2, 1, null)).isEqualByComparingTo("-3");
    assertThat(apply("ROUND", "2.345", 10, 3, 2L)).isEqualByComparingTo("2.35");
    assertThat(apply("ROUND", "-2.345", 10, 3, 2L)).isEqualByComparingTo("-2.35");
    assertThat(apply("ROUND", "2.345", 10, 3, 7L)).isEqualByComparingTo("2.345");
    assertThat(apply("ROUND", "1250.5", 10, 1, -2L)).isEqualByComparingTo("1300");
    assertThat(apply("ROUND", "-1249.9", 10, 1, -2L)).isEqualByComparingTo("-1200");
    assertThat(apply("ROUND", "99.99", 4, 2, 1L)).isEqualByComparingTo("100.0");
    assertThat(apply("ROUND", "12345678901234567890123456789012345.678", 38, 3, 2L))
        .isEqualByComparingTo("12345678901234567890123456789012345.68");
  }

  @Test
  void truncFloorCeilAndAbs() {
    assertThat(apply("TRUNC", "-2.789", 10, 3, 1L)).isEqualByComparingTo("-2.7");
    assertThat(apply("FLOOR", "-2.5", 10, 1, null)).isEqualByComparingTo("-3");
    assertThat(apply("FLOOR", "2.5", 10, 1, null)).isEqualByComparingTo("2");
    assertThat(apply("CEIL", "-2.5", 10, 1, null)).isEqualByComparingTo("-2");
    assertThat(apply("CEIL", "2.1", 10, 1, null)).isEqualByComparingTo("3");
    assertThat(apply("ABS", "-2.7", 10, 1, null)).isEqualByComparingTo("2.7");
  }

  @Test
  void aResultBeyondThePrecisionIsAnOverflowAndPlacesMustBeConstant() {
    assertThatThrownBy(() -> apply("ROUND", "95", 2, 0, -1L))
        .isInstanceOf(KernelException.class)
        .hasMessageContaining("does not fit DECIMAL(2,0)");
    List<Expression> args =
        List.of(
            Literal.ofDecimal(BigDecimal.ONE, (ArrowType.Decimal) ColumnType.decimal(5, 2)),
            new ColumnReference(0, ColumnType.INT64));
    assertThatThrownBy(
            () -> FunctionRegistry.STANDARD.bySqlName("ROUND").orElseThrow().bind().apply(args))
        .isInstanceOf(KernelException.class)
        .hasMessageContaining("needs a constant number of places");
  }
}
