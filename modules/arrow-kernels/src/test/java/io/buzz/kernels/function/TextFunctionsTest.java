package io.buzz.kernels.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Literal;
import io.buzz.kernels.testing.TestBatches;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** The row-wise text functions at their edges, as DuckDB defines them. */
class TextFunctionsTest {
  @Test
  void splitPartCountsFieldsFromEitherEnd() {
    assertThat(TextFunctions.splitPart("a,b,,c", ",", 2)).isEqualTo("b");
    assertThat(TextFunctions.splitPart("a,b,,c", ",", 3)).isEmpty();
    assertThat(TextFunctions.splitPart("a,b,,c", ",", -1)).isEqualTo("c");
    assertThat(TextFunctions.splitPart("a,b,,c", ",", 9)).isEmpty();
    assertThat(TextFunctions.splitPart("a,b", ",", 0)).isEmpty();
    assertThat(TextFunctions.splitPart("🦆x", "", 1)).isEqualTo("🦆");
    assertThat(TextFunctions.splitPart("a::b", "::", 2)).isEqualTo("b");
  }

  @Test
  void leftRightAndPaddingCountCharacters() {
    assertThat(TextFunctions.left("🦆 duck", 2)).isEqualTo("🦆 ");
    assertThat(TextFunctions.left("abc", -1)).isEqualTo("ab");
    assertThat(TextFunctions.left("abc", -9)).isEmpty();
    assertThat(TextFunctions.right("straße", 2)).isEqualTo("ße");
    assertThat(TextFunctions.right("abc", -1)).isEqualTo("bc");
    assertThat(TextFunctions.pad("abc", 7, "xy", true)).isEqualTo("xyxyabc");
    assertThat(TextFunctions.pad("abc", 5, "é", false)).isEqualTo("abcéé");
    assertThat(TextFunctions.pad("hello", 2, "x", true)).isEqualTo("he");
    assertThat(TextFunctions.pad("abc", -1, "x", true)).isEmpty();
    KernelException empty =
        catchThrowableOfType(KernelException.class, () -> TextFunctions.pad("a", 3, "", true));
    assertThat(empty.getMessage()).isEqualTo("LPAD: nothing to pad with (the fill is empty)");
  }

  @Test
  void replacementsUseRe2Syntax() {
    assertThat(TextFunctions.javaReplacement("x\\1y")).isEqualTo("x$1y");
    assertThat(TextFunctions.javaReplacement("cost $5")).isEqualTo("cost \\$5");
    assertThat(TextFunctions.javaReplacement("a\\\\b")).isEqualTo("a\\\\b");
  }

  @Test
  void aBadPatternIsAnErrorNamingIt() {
    List<Expression> args = List.of(Literal.ofUtf8("abc"), Literal.ofUtf8("a(b"));
    Expression bound =
        FunctionRegistry.STANDARD.bySqlName("REGEXP_MATCHES").orElseThrow().bind().apply(args);
    try (BufferAllocator allocator = new RootAllocator();
        Batch input =
            TestBatches.batch(allocator, TestBatches.Column.of("x", ColumnType.INT64, 1L))) {
      KernelException e =
          catchThrowableOfType(
              KernelException.class, () -> bound.evaluate(input, null, allocator).close());
      assertThat(e.kind()).isEqualTo(KernelException.Kind.INVALID_CAST);
      assertThat(e.getMessage()).startsWith("invalid regular expression 'a(b': ");
    }
  }
}
