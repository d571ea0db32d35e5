package io.buzz.kernels.function;

import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Literal;
import io.buzz.kernels.testing.TestBatches.Column;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's contract for every function in it: each signature binds to a kernel of its result
 * type, NULL in any operand gives NULL, and every SQL name finds its function.
 */
class FunctionRegistryTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void everySignatureBindsToAStrictKernelOfItsResultType() {
    for (ScalarFunction function : FunctionRegistry.STANDARD.functions()) {
      for (ScalarFunction.Signature signature : function.signatures()) {
        if (signature.operands().contains(ColumnType.DECIMAL128)) {
          continue; // its places must be a constant: DecimalRoundingTest
        }
        int arity = signature.operands().size();
        // Operands a function needs as constants (DATE_TRUNC's unit) are literals, others columns.
        List<Integer> constants = CONSTANT_OPERANDS.getOrDefault(function.name(), List.of());
        List<Column> columns = new ArrayList<>();
        List<Expression> args = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
          ColumnType type = signature.operands().get(i);
          Object sample = sample(function.name(), type, i);
          // row 0: a value in every operand; row i + 1: NULL in operand i only
          Object[] cells = new Object[arity + 1];
          for (int row = 0; row < cells.length; row++) {
            cells[row] = row == i + 1 && !constants.contains(i) ? null : sample;
          }
          columns.add(Column.of("c" + i, type, cells));
          args.add(
              constants.contains(i)
                  ? Literal.ofUtf8((String) sample)
                  : new ColumnReference(i, type));
        }
        Expression bound = function.bind().apply(args);
        assertThat(bound.type())
            .as(function.name() + " " + signature)
            .isEqualTo(signature.result());
        try (Batch input = batch(allocator, columns.toArray(Column[]::new));
            FieldVector result = bound.evaluate(input, null, allocator)) {
          List<Object> out = values(result);
          assertThat(out.get(0)).as(function.name() + " " + signature + " of values").isNotNull();
          for (int row = 1; row < out.size(); row++) {
            if (!constants.contains(row - 1)) {
              assertThat(out.get(row)).as(function.name() + " with NULL operand " + row).isNull();
            }
          }
        }
      }
    }
  }

  @Test
  void everySqlNameFindsItsFunctionInAnyCase() {
    for (ScalarFunction function : FunctionRegistry.STANDARD.functions()) {
      assertThat(FunctionRegistry.STANDARD.byName(function.name())).contains(function);
      for (String name : function.sqlNames()) {
        assertThat(FunctionRegistry.STANDARD.bySqlName(name.toLowerCase())).contains(function);
      }
    }
    assertThat(FunctionRegistry.STANDARD.bySqlName("no_such_function")).isEmpty();
  }

  private static final Map<String, List<Integer>> CONSTANT_OPERANDS =
      Map.of("date_trunc", List.of(0), "date_part", List.of(0), "date_diff", List.of(0));

  /** A value for operand {@code index} of {@code function}. */
  private static Object sample(String function, ColumnType type, int index) {
    return switch (type) {
      case UTF8 ->
          function.equals("date_trunc")
              ? "month"
              : function.equals("date_part")
                  ? "dow"
                  : function.equals("date_diff")
                      ? "month"
                      : function.startsWith("regexp_")
                          ? List.of("Ab%", "(A)b", "-\\1-", "i")
                              .get(index == 2 && function.equals("regexp_matches") ? 3 : index)
                          : List.of("Ab%", "A%", "!")
                              .get(Math.min(index, 2)); // LIKE: value, pattern, escape
      case INT64 -> function.equals("regexp_extract") ? 1L : 3L; // a group the pattern has
      case INT32 -> 3;
      case BOOL -> true;
      case FLOAT64 -> 1.5;
      case DATE32 -> (int) LocalDate.of(2024, 2, 29).toEpochDay();
      case TIMESTAMP_MICROS -> 1_709_214_307_123_456L; // 2024-02-29 13:45:07.123456
      default -> throw new IllegalArgumentException("no sample of " + type);
    };
  }
}
