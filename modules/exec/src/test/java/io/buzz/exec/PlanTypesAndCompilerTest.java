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
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.Expression;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Literal;
import io.buzz.protocol.plan.Schema;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class PlanTypesAndCompilerTest {
  private static final Schema INPUT =
      schema(field("a", DataType.INT64), field("s", DataType.UTF8), field("b", DataType.BOOL));

  @Test
  void typesAndSchemasMapBothWays() {
    for (ColumnType type : ColumnType.values()) {
      assertThat(PlanTypes.columnType(PlanTypes.dataType(type))).isEqualTo(type);
    }
    Schema all =
        Schema.newBuilder()
            .addFields(field("t", DataType.TIMESTAMP_MICROS))
            .addFields(
                io.buzz.protocol.plan.Field.newBuilder()
                    .setName("d")
                    .setType(DataType.DATE32)
                    .setNullable(false))
            .build();
    org.apache.arrow.vector.types.pojo.Schema arrow = PlanTypes.arrowSchema(all);
    assertThat(arrow.getFields().get(1).isNullable()).isFalse();
    assertThat(PlanTypes.planSchema(arrow)).isEqualTo(all);
    assertThatThrownBy(() -> PlanTypes.columnType(DataType.DATA_TYPE_UNSPECIFIED))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    org.apache.arrow.vector.types.pojo.Schema decimal =
        new org.apache.arrow.vector.types.pojo.Schema(
            List.of(
                new Field("price", FieldType.nullable(new ArrowType.Decimal(10, 2, 128)), null)));
    Schema planned = PlanTypes.planSchema(decimal);
    assertThat(planned.getFields(0).getType()).isEqualTo(DataType.DECIMAL128);
    assertThat(planned.getFields(0).getDecimal().getPrecision()).isEqualTo(10);
    assertThat(planned.getFields(0).getDecimal().getScale()).isEqualTo(2);
    assertThat(PlanTypes.arrowSchema(planned)).isEqualTo(decimal);
    assertThat(PlanTypes.describe(PlanTypes.arrowType(planned.getFields(0))))
        .isEqualTo("DECIMAL(10,2)");
    org.apache.arrow.vector.types.pojo.Schema wide =
        new org.apache.arrow.vector.types.pojo.Schema(
            List.of(
                new Field("huge", FieldType.nullable(new ArrowType.Decimal(40, 2, 256)), null)));
    assertThatThrownBy(() -> PlanTypes.planSchema(wide))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("huge");
  }

  @Test
  void compilesValidExpressions() {
    Expression expression =
        ExpressionCompiler.compile(
            call(
                Function.AND,
                DataType.BOOL,
                col(2, DataType.BOOL),
                call(Function.IS_NOT_NULL, DataType.BOOL, col(1, DataType.UTF8)),
                call(
                    Function.GREATER_THAN,
                    DataType.BOOL,
                    call(Function.NEGATE, DataType.INT64, col(0, DataType.INT64)),
                    lit(3L))),
            INPUT);
    assertThat(expression.type()).isEqualTo(ColumnType.BOOL);
    assertThat(expression.children()).hasSize(3);
  }

  @Test
  void aProjectionCompilesTheCallsItsColumnsShareOnce() {
    Expr negated = call(Function.NEGATE, DataType.INT64, col(0, DataType.INT64));
    List<Expression> compiled =
        ExpressionCompiler.compileAll(
            List.of(
                call(Function.ADD, DataType.INT64, negated, lit(1L)),
                call(Function.MULTIPLY, DataType.INT64, negated, negated),
                col(0, DataType.INT64)),
            INPUT,
            List.of("a", "b", "c"));
    Expression shared = compiled.get(0).children().get(0);
    assertThat(shared).isInstanceOf(io.buzz.kernels.expr.SharedExpression.class);
    assertThat(compiled.get(1).children()).containsExactly(shared, shared);
    assertThat(compiled.get(2)).isNotInstanceOf(io.buzz.kernels.expr.SharedExpression.class);
    Expression alone =
        ExpressionCompiler.compileAll(
                List.of(call(Function.ADD, DataType.INT64, negated, lit(1L))), INPUT, List.of("a"))
            .get(0);
    assertThat(alone.children().get(0))
        .as("a call used once is not shared")
        .isNotInstanceOf(io.buzz.kernels.expr.SharedExpression.class);
  }

  @Test
  void brokenExpressionsNameTheirNode() {
    assertInternal(col(3, DataType.INT64), "expr: column 3 out of range");
    assertInternal(col(1, DataType.INT64), "column 1 is UTF8, not INT64");
    assertInternal(
        call(Function.ADD, DataType.INT64, col(0, DataType.INT64), lit(1.0)),
        "expr (ADD): operands are INT64 and FLOAT64");
    assertInternal(
        call(Function.ADD, DataType.INT64, col(0, DataType.INT64), col(9, DataType.INT64)),
        "expr (ADD).args[1]: column 9 out of range");
    assertInternal(
        call(Function.EQUAL, DataType.INT64, col(0, DataType.INT64), lit(1L)),
        "declared type INT64 but computes BOOL");
    assertInternal(
        call(Function.AND, DataType.BOOL, col(2, DataType.BOOL)), "two or more operands");
    assertInternal(
        call(Function.CASE, DataType.INT64, lit(true), lit(1L)), "odd count of at least 3");
    assertInternal(
        call(Function.EXTRACT_YEAR, DataType.INT64, col(0, DataType.INT64)),
        "not DATE32 or TIMESTAMP_MICROS");
    assertInternal(
        Expr.newBuilder()
            .setType(DataType.INT32)
            .setLiteral(Literal.newBuilder().setUtf8Value("x"))
            .build(),
        "literal of type INT32 holds a UTF8 value");
    assertInternal(Expr.newBuilder().setType(DataType.INT64).build(), "no column, literal or call");
    assertInternal(col(0, DataType.DATA_TYPE_UNSPECIFIED), "result type is unset");
    assertInternal(call(Function.FUNCTION_UNSPECIFIED, DataType.INT64), "function is unset");
    assertThatThrownBy(
            () ->
                ExpressionCompiler.compile(
                    call(Function.CAST, DataType.INT64, col(2, DataType.BOOL)), INPUT))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("CAST from BOOL to INT64");
  }

  @Test
  void float32AndTimeCompileButHaveNoArithmetic() {
    Schema input = schema(field("f", DataType.FLOAT32), field("t", DataType.TIME_MICROS));
    Expr realLiteral =
        Expr.newBuilder()
            .setType(DataType.FLOAT32)
            .setLiteral(Literal.newBuilder().setFloat32Value(1.5f))
            .build();
    Expr noon =
        Expr.newBuilder()
            .setType(DataType.TIME_MICROS)
            .setLiteral(Literal.newBuilder().setTimeMicrosValue(43_200_000_000L))
            .build();
    Expression compiled =
        ExpressionCompiler.compile(
            call(
                Function.AND,
                DataType.BOOL,
                call(Function.LESS_THAN, DataType.BOOL, col(0, DataType.FLOAT32), realLiteral),
                call(Function.GREATER_THAN, DataType.BOOL, col(1, DataType.TIME_MICROS), noon),
                call(
                    Function.EQUAL,
                    DataType.BOOL,
                    call(Function.EXTRACT_HOUR, DataType.INT64, col(1, DataType.TIME_MICROS)),
                    lit(12L))),
            input);
    assertThat(compiled.type()).isEqualTo(ColumnType.BOOL);
    assertThat(
            ExpressionCompiler.compile(
                    call(Function.CAST, DataType.FLOAT64, col(0, DataType.FLOAT32)), input)
                .type())
        .isEqualTo(ColumnType.FLOAT64);
    for (Function arithmetic : new Function[] {Function.ADD, Function.NEGATE}) {
      Expr[] args =
          arithmetic == Function.NEGATE
              ? new Expr[] {col(0, DataType.FLOAT32)}
              : new Expr[] {col(0, DataType.FLOAT32), realLiteral};
      assertThatThrownBy(
              () -> ExpressionCompiler.compile(call(arithmetic, DataType.FLOAT32, args), input))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
          .hasMessageContaining("operands are FLOAT32, not INT32, INT64 or FLOAT64");
    }
    assertThatThrownBy(
            () ->
                ExpressionCompiler.compile(
                    call(Function.EXTRACT_DAY, DataType.INT64, col(1, DataType.TIME_MICROS)),
                    input))
        .hasMessageContaining("operand is TIME_MICROS, not DATE32 or TIMESTAMP_MICROS");
    assertThatThrownBy(
            () ->
                ExpressionCompiler.compile(
                    call(Function.CAST, DataType.TIMESTAMP_MICROS, col(1, DataType.TIME_MICROS)),
                    input))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
    org.apache.arrow.vector.types.pojo.Schema arrow = PlanTypes.arrowSchema(input);
    assertThat(arrow.getFields())
        .extracting(f -> f.getType())
        .containsExactly(
            new ArrowType.FloatingPoint(
                org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE),
            new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, 64));
    assertThat(PlanTypes.planSchema(arrow)).isEqualTo(input);
  }

  private static void assertInternal(Expr expr, String message) {
    assertThatThrownBy(() -> ExpressionCompiler.compile(expr, INPUT))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining(message);
  }
}
