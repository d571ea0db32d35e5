package io.buzz.kernels.function;

import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.testing.TestBatches.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The numeric functions' semantics at their edges, as DuckDB defines them. */
class NumericFunctionsTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  /**
   * {@code sqlName} over one column of {@code type} holding {@code cells} (and a second, if any).
   */
  private List<Object> apply(String sqlName, ColumnType type, Object[] cells, Object[] second) {
    List<Column> columns = new ArrayList<>(List.of(Column.of("a", type, cells)));
    List<Expression> args = new ArrayList<>(List.of(new ColumnReference(0, type)));
    if (second != null) {
      columns.add(Column.of("b", ColumnType.INT64, second));
      args.add(new ColumnReference(1, ColumnType.INT64));
    }
    Expression bound =
        FunctionRegistry.STANDARD.bySqlName(sqlName).orElseThrow().bind().apply(args);
    try (Batch input = batch(allocator, columns.toArray(Column[]::new));
        FieldVector result = bound.evaluate(input, null, allocator)) {
      return values(result);
    }
  }

  @Test
  void roundIsHalfAwayFromZeroAtEveryPrecision() {
    assertThat(
            apply(
                "ROUND",
                ColumnType.FLOAT64,
                new Object[] {2.5, -2.5, 0.49999999999999994, 1.005, 1234.5678, -0.4, null, 1e308},
                new Object[] {0L, 0L, 0L, 2L, -2L, 0L, 1L, 2L}))
        .containsExactly(3.0, -3.0, 0.0, 1.0, 1200.0, -0.0, null, 1e308);
    assertThat(NumericFunctions.round(1.25, 1)).isEqualTo(1.3);
    assertThat(
            apply(
                "ROUND",
                ColumnType.INT64,
                new Object[] {1250L, -1250L, 1249L, 7L, Long.MAX_VALUE},
                new Object[] {-2L, -2L, -2L, 3L, -30L}))
        .containsExactly(1300L, -1300L, 1200L, 7L, 0L);
    KernelException overflow =
        catchThrowableOfType(
            KernelException.class,
            () ->
                apply(
                    "ROUND", ColumnType.INT64, new Object[] {Long.MAX_VALUE}, new Object[] {-1L}));
    assertThat(overflow.kind()).isEqualTo(KernelException.Kind.ARITHMETIC);
  }

  @Test
  void truncCutsTowardZero() {
    assertThat(
            apply(
                "TRUNC",
                ColumnType.FLOAT64,
                new Object[] {2.7, -2.7, 1.239, -1.239, 1299.0},
                new Object[] {0L, 0L, 2L, 2L, -2L}))
        .containsExactly(2.0, -2.0, 1.23, -1.23, 1200.0);
    assertThat(apply("TRUNCATE", ColumnType.INT32, new Object[] {-1299}, new Object[] {-2L}))
        .containsExactly(-1200);
  }

  @Test
  void integersKeepTheirTypeAndOverflowIsAnError() {
    assertThat(apply("ABS", ColumnType.INT32, new Object[] {-3, 4, null}, null))
        .containsExactly(3, 4, null);
    assertThat(apply("SIGN", ColumnType.INT64, new Object[] {-30L, 0L, 9L}, null))
        .containsExactly(-1L, 0L, 1L);
    assertThat(apply("CEIL", ColumnType.FLOAT64, new Object[] {1.2, -1.2}, null))
        .containsExactly(2.0, -1.0);
    assertThat(apply("FLOOR", ColumnType.FLOAT64, new Object[] {1.2, -1.2}, null))
        .containsExactly(1.0, -2.0);
    KernelException tooBig =
        catchThrowableOfType(
            KernelException.class,
            () -> apply("ABS", ColumnType.INT32, new Object[] {Integer.MIN_VALUE}, null));
    assertThat(tooBig.getMessage()).contains("out of the range of INTEGER");
    KernelException overflow =
        catchThrowableOfType(
            KernelException.class,
            () -> apply("ABS", ColumnType.INT64, new Object[] {Long.MIN_VALUE}, null));
    assertThat(overflow.getMessage()).contains("overflows");
  }

  @Test
  void valuesOutsideTheDomainAreErrors() {
    for (String[] c :
        new String[][] {
          {"SQRT", "-1.0", "square root of a negative number"},
          {"LN", "0.0", "logarithm of zero"},
          {"LOG10", "-2.0", "logarithm of a negative number"}
        }) {
      KernelException e =
          catchThrowableOfType(
              KernelException.class,
              () ->
                  apply(
                      c[0],
                      ColumnType.FLOAT64,
                      new Object[] {1.0, Double.parseDouble(c[1])},
                      null));
      assertThat(e).as(c[0]).isNotNull();
      assertThat(e.getMessage()).contains(c[2]);
    }
    assertThat(apply("SQRT", ColumnType.FLOAT64, new Object[] {16.0, null}, null))
        .containsExactly(4.0, null);
    assertThat(apply("LN", ColumnType.FLOAT64, new Object[] {Math.E}, null)).containsExactly(1.0);
  }
}
