package io.buzz.kernels.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DECIMAL128 expressions against BigDecimal arithmetic: exact results, SQL rounding, overflow. */
class DecimalExpressionTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final List<Batch> batches = new ArrayList<>();

  @AfterEach
  void closeAllocator() {
    batches.forEach(Batch::close);
    allocator.close();
  }

  private static ArrowType.Decimal decimal(int precision, int scale) {
    return ColumnType.decimal(precision, scale);
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  /** A batch of decimal columns; column {@code k} has {@code types[k]} and {@code values[k]}. */
  private Batch batch(List<ArrowType.Decimal> types, List<List<BigDecimal>> values) {
    List<Field> fields = new ArrayList<>();
    List<FieldVector> vectors = new ArrayList<>();
    int rows = values.get(0).size();
    for (int k = 0; k < types.size(); k++) {
      Field field = new Field("c" + k, new FieldType(true, types.get(k), null), null);
      fields.add(field);
      DecimalVector vector = (DecimalVector) field.createVector(allocator);
      vector.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        BigDecimal value = values.get(k).get(i);
        if (value == null) {
          vector.setNull(i);
        } else {
          vector.setSafe(i, value.setScale(types.get(k).getScale()));
        }
      }
      vector.setValueCount(rows);
      vectors.add(vector);
    }
    Batch batch = new Batch(new Schema(fields), vectors, rows);
    batches.add(batch);
    return batch;
  }

  private List<BigDecimal> evaluate(Expression expression, Batch batch) {
    try (FieldVector result = expression.evaluate(batch, null, allocator)) {
      assertThat(result.getField().getType()).isEqualTo(expression.arrowType());
      List<BigDecimal> out = new ArrayList<>();
      for (int i = 0; i < result.getValueCount(); i++) {
        out.add(result.isNull(i) ? null : ((DecimalVector) result).getObject(i));
      }
      return out;
    }
  }

  private static ColumnReference column(int index, ArrowType.Decimal type) {
    return ColumnReference.of(index, type);
  }

  @Test
  void addSubtractAndMultiplyAreExact() {
    ArrowType.Decimal money = decimal(20, 2);
    List<BigDecimal> a =
        Arrays.asList(d("1.25"), null, d("-7.50"), d("999999999999999999.99"), d("0.01"));
    List<BigDecimal> b =
        Arrays.asList(d("2.75"), d("1.00"), d("7.50"), d("-0.99"), d("-999999999999999999.99"));
    ArrowType.Decimal sumType = decimal(21, 2);
    try (Batch batch = batch(List.of(money, money), List.of(a, b))) {
      Expression left = CastExpression.to(column(0, money), sumType);
      Expression right = CastExpression.to(column(1, money), sumType);
      assertThat(
              evaluate(
                  new DecimalArithmeticExpression(ArithmeticOperation.ADD, left, right, sumType),
                  batch))
          .containsExactly(
              d("4.00"), null, d("0.00"), d("999999999999999999.00"), d("-999999999999999999.98"));
      assertThat(
              evaluate(
                  new DecimalArithmeticExpression(
                      ArithmeticOperation.SUBTRACT, left, right, sumType),
                  batch))
          .containsExactly(
              d("-1.50"),
              null,
              d("-15.00"),
              d("1000000000000000000.98"),
              d("1000000000000000000.00"));
      ArrowType.Decimal productType = decimal(38, 4);
      assertThat(
              evaluate(
                  new DecimalArithmeticExpression(
                      ArithmeticOperation.MULTIPLY,
                      column(0, money),
                      column(1, money),
                      productType),
                  batch))
          .containsExactly(
              d("3.4375"),
              null,
              d("-56.2500"),
              d("-989999999999999999.9901"),
              d("-9999999999999999.9999"));
    }
  }

  @Test
  void randomWideArithmeticMatchesBigDecimal() {
    Random random = new Random(42);
    ArrowType.Decimal type = decimal(36, 6);
    List<BigDecimal> a = new ArrayList<>();
    List<BigDecimal> b = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      a.add(randomDecimal(random, 1 + random.nextInt(34), 6));
      b.add(randomDecimal(random, 1 + random.nextInt(34), 6));
    }
    ArrowType.Decimal sumType = decimal(37, 6);
    try (Batch batch = batch(List.of(type, type), List.of(a, b))) {
      List<BigDecimal> sums =
          evaluate(
              new DecimalArithmeticExpression(
                  ArithmeticOperation.SUBTRACT,
                  CastExpression.to(column(0, type), sumType),
                  CastExpression.to(column(1, type), sumType),
                  sumType),
              batch);
      List<BigDecimal> negated = evaluate(new NegateExpression(column(0, type)), batch);
      List<Boolean> less =
          booleans(
              new ComparisonExpression(
                  ComparisonOperation.LESS_THAN, column(0, type), column(1, type)),
              batch);
      for (int i = 0; i < a.size(); i++) {
        assertThat(sums.get(i)).isEqualByComparingTo(a.get(i).subtract(b.get(i)));
        assertThat(negated.get(i)).isEqualByComparingTo(a.get(i).negate());
        assertThat(less.get(i)).isEqualTo(a.get(i).compareTo(b.get(i)) < 0);
      }
    }
  }

  private static BigDecimal randomDecimal(Random random, int digits, int scale) {
    BigInteger unscaled = new BigInteger(digits * 3, random).mod(BigInteger.TEN.pow(digits));
    return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
  }

  private List<Boolean> booleans(Expression expression, Batch batch) {
    try (FieldVector result = expression.evaluate(batch, null, allocator)) {
      List<Boolean> out = new ArrayList<>();
      for (int i = 0; i < result.getValueCount(); i++) {
        out.add(result.isNull(i) ? null : ((BitVector) result).get(i) == 1);
      }
      return out;
    }
  }

  @Test
  void overflowIsAnErrorNamingTheType() {
    ArrowType.Decimal type = decimal(38, 0);
    BigDecimal big = new BigDecimal(BigInteger.TEN.pow(37));
    try (Batch batch = batch(List.of(type, type), List.of(List.of(big), List.of(d("100"))))) {
      Expression product =
          new DecimalArithmeticExpression(
              ArithmeticOperation.MULTIPLY,
              CastExpression.to(column(0, type), decimal(38, 0)),
              CastExpression.to(column(1, type), decimal(3, 0)),
              decimal(38, 0));
      assertThatThrownBy(() -> product.evaluate(batch, null, allocator))
          .isInstanceOf(KernelException.class)
          .hasMessageContaining("DECIMAL(38,0)")
          .extracting(e -> ((KernelException) e).kind())
          .isEqualTo(KernelException.Kind.ARITHMETIC);
    }
    ArrowType.Decimal small = decimal(4, 2);
    try (Batch batch =
        batch(List.of(small, small), List.of(List.of(d("99.99")), List.of(d("0.01"))))) {
      Expression sum =
          new DecimalArithmeticExpression(
              ArithmeticOperation.ADD, column(0, small), column(1, small), small);
      assertThatThrownBy(() -> sum.evaluate(batch, null, allocator))
          .hasMessageContaining("DECIMAL(4,2)");
    }
  }

  @Test
  void comparisonWithALiteralAndNulls() {
    ArrowType.Decimal type = decimal(10, 2);
    Literal ten = Literal.ofDecimal(d("10.00"), type);
    try (Batch batch =
        batch(List.of(type), List.of(Arrays.asList(d("9.99"), d("10.00"), null, d("-10.01"))))) {
      assertThat(
              booleans(
                  new ComparisonExpression(
                      ComparisonOperation.GREATER_THAN_OR_EQUAL, column(0, type), ten),
                  batch))
          .containsExactly(false, true, null, false);
    }
    assertThatThrownBy(
            () ->
                new ComparisonExpression(
                    ComparisonOperation.EQUAL,
                    Literal.ofDecimal(d("1"), decimal(3, 0)),
                    Literal.ofDecimal(d("1"), decimal(3, 1))))
        .isInstanceOf(KernelException.class);
  }

  @Test
  void castsRoundHalfAwayFromZeroAndCheckRange() {
    ArrowType.Decimal oneDigit = decimal(5, 1);
    List<BigDecimal> values =
        Arrays.asList(d("2.5"), d("-2.5"), d("3.4"), null, d("-0.5"), d("9999.9"));
    try (Batch batch = batch(List.of(oneDigit), List.of(values))) {
      try (FieldVector ints =
          new CastExpression(column(0, oneDigit), ColumnType.INT32)
              .evaluate(batch, null, allocator)) {
        assertThat(ints(ints)).containsExactly(3, -3, 3, null, -1, 10000);
      }
      try (FieldVector doubles =
          new CastExpression(column(0, oneDigit), ColumnType.FLOAT64)
              .evaluate(batch, null, allocator)) {
        Float8Vector vector = (Float8Vector) doubles;
        assertThat(vector.get(0)).isEqualTo(2.5);
        assertThat(vector.get(5)).isEqualTo(9999.9);
      }
      try (FieldVector text =
          new CastExpression(CastExpression.to(column(0, oneDigit), decimal(7, 3)), ColumnType.UTF8)
              .evaluate(batch, null, allocator)) {
        assertThat(((VarCharVector) text).getObject(0).toString()).isEqualTo("2.500");
        assertThat(((VarCharVector) text).getObject(1).toString()).isEqualTo("-2.500");
      }
      assertThat(evaluate(CastExpression.to(column(0, oneDigit), decimal(5, 0)), batch))
          .containsExactly(d("3"), d("-3"), d("3"), null, d("-1"), d("10000"));
      assertThatThrownBy(
              () ->
                  CastExpression.to(column(0, oneDigit), decimal(4, 0))
                      .evaluate(batch, null, allocator))
          .isInstanceOf(KernelException.class)
          .hasMessageContaining("9999.9")
          .hasMessageContaining("DECIMAL(4,0)");
    }
  }

  private static List<Integer> ints(FieldVector vector) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < vector.getValueCount(); i++) {
      out.add(vector.isNull(i) ? null : ((IntVector) vector).get(i));
    }
    return out;
  }

  @Test
  void castsFromOtherTypes() {
    Field ints = new Field("i", FieldType.nullable(ColumnType.INT64.arrowType()), null);
    BigIntVector vector = (BigIntVector) ints.createVector(allocator);
    vector.allocateNew(3);
    vector.set(0, 123);
    vector.setNull(1);
    vector.set(2, Long.MIN_VALUE);
    vector.setValueCount(3);
    try (Batch batch = new Batch(new Schema(List.of(ints)), List.of(vector), 3)) {
      assertThat(
              evaluate(
                  CastExpression.to(new ColumnReference(0, ColumnType.INT64), decimal(38, 2)),
                  batch))
          .containsExactly(d("123.00"), null, new BigDecimal(Long.MIN_VALUE).setScale(2));
      assertThatThrownBy(
              () ->
                  CastExpression.to(new ColumnReference(0, ColumnType.INT64), decimal(5, 2))
                      .evaluate(batch, null, allocator))
          .hasMessageContaining("DECIMAL(5,2)");
    }
    assertThat(evaluate(CastExpression.to(Literal.ofFloat64(0.125), decimal(4, 2)), oneRow()))
        .containsExactly(d("0.13"));
    assertThat(evaluate(CastExpression.to(Literal.ofUtf8(" -12.345 "), decimal(6, 2)), oneRow()))
        .containsExactly(d("-12.35"));
    assertThatThrownBy(
            () ->
                CastExpression.to(Literal.ofUtf8("12,5"), decimal(6, 2))
                    .evaluate(oneRow(), null, allocator))
        .isInstanceOf(KernelException.class)
        .hasMessageContaining("'12,5'");
    assertThatThrownBy(
            () ->
                CastExpression.to(Literal.ofFloat64(Double.NaN), decimal(6, 2))
                    .evaluate(oneRow(), null, allocator))
        .hasMessageContaining("nan");
  }

  private Batch oneRow() {
    return batch(List.of(decimal(1, 0)), List.of(List.of(d("0"))));
  }

  @Test
  void caseAndLiteralsKeepTheDecimalType() {
    ArrowType.Decimal type = decimal(12, 3);
    Expression positive =
        new ComparisonExpression(
            ComparisonOperation.GREATER_THAN, column(0, type), Literal.ofDecimal(d("0"), type));
    Expression chosen =
        new CaseExpression(
            List.of(positive), List.of(column(0, type)), Literal.ofDecimal(d("-1.5"), type));
    assertThat(chosen.arrowType()).isEqualTo(type);
    try (Batch batch =
        batch(List.of(type), List.of(Arrays.asList(d("1.234"), d("-5"), null, d("7"))))) {
      assertThat(evaluate(chosen, batch))
          .containsExactly(d("1.234"), d("-1.500"), d("-1.500"), d("7.000"));
      assertThat(evaluate(Literal.nullOf(type), batch)).containsExactly(null, null, null, null);
    }
    assertThat(Literal.ofDecimal(d("2.5"), type).decimalValue())
        .isEqualTo(d("2.5").setScale(3, RoundingMode.UNNECESSARY));
  }
}
