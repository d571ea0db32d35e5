package io.buzz.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.RowRanges;
import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Filter;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.Literal;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Project;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatisticsPrunerTest {
  // scan columns: 0 id INT64, 1 city UTF8, 2 fare FLOAT64, 3 day DATE32
  private static final long ROWS = 100;

  @Test
  void comparisonsAgainstBoundsRuleOutWhatCannotMatch() {
    Map<Integer, StatisticsPruner.ColumnBounds> ids = Map.of(0, bounds(0, 100L, 199L));
    assertThat(mayMatch(compare(Function.GREATER_THAN, col(0, DataType.INT64), i64(199)), ids))
        .isFalse();
    assertThat(
            mayMatch(
                compare(Function.GREATER_THAN_OR_EQUAL, col(0, DataType.INT64), i64(199)), ids))
        .isTrue();
    assertThat(mayMatch(compare(Function.LESS_THAN, col(0, DataType.INT64), i64(100)), ids))
        .isFalse();
    assertThat(
            mayMatch(compare(Function.LESS_THAN_OR_EQUAL, col(0, DataType.INT64), i64(100)), ids))
        .isTrue();
    assertThat(mayMatch(compare(Function.EQUAL, col(0, DataType.INT64), i64(250)), ids)).isFalse();
    assertThat(mayMatch(compare(Function.EQUAL, col(0, DataType.INT64), i64(150)), ids)).isTrue();
    // literal on the left: 250 < id is id > 250
    assertThat(mayMatch(compare(Function.LESS_THAN, i64(250), col(0, DataType.INT64)), ids))
        .isFalse();
    assertThat(mayMatch(compare(Function.NOT_EQUAL, col(0, DataType.INT64), i64(150)), ids))
        .isTrue();
    Map<Integer, StatisticsPruner.ColumnBounds> constant = Map.of(0, bounds(0, 7L, 7L));
    assertThat(mayMatch(compare(Function.NOT_EQUAL, col(0, DataType.INT64), i64(7)), constant))
        .isFalse();
  }

  @Test
  void andNeedsEveryConjunctOrNeedsNone() {
    Map<Integer, StatisticsPruner.ColumnBounds> stats =
        Map.of(0, bounds(0, 100L, 199L), 3, bounds(0, 14_000, 14_010));
    Expr idTooBig = compare(Function.GREATER_THAN, col(0, DataType.INT64), i64(500));
    Expr dayInside = compare(Function.EQUAL, col(3, DataType.DATE32), date(14_005));
    assertThat(mayMatch(call(Function.AND, DataType.BOOL, idTooBig, dayInside), stats)).isFalse();
    assertThat(mayMatch(call(Function.OR, DataType.BOOL, idTooBig, dayInside), stats)).isTrue();
    Expr dayOutside = compare(Function.LESS_THAN, col(3, DataType.DATE32), date(13_000));
    assertThat(mayMatch(call(Function.OR, DataType.BOOL, idTooBig, dayOutside), stats)).isFalse();
  }

  @Test
  void nullsDecideIsNullAndAllNullColumns() {
    assertThat(
            mayMatch(
                call(Function.IS_NULL, DataType.BOOL, col(0, DataType.INT64)),
                Map.of(0, bounds(0, 1L, 2L))))
        .isFalse();
    assertThat(
            mayMatch(
                call(Function.IS_NULL, DataType.BOOL, col(0, DataType.INT64)),
                Map.of(0, bounds(3, 1L, 2L))))
        .isTrue();
    StatisticsPruner.ColumnBounds allNull =
        new StatisticsPruner.ColumnBounds(
            OptionalLong.of(ROWS), Optional.empty(), Optional.empty());
    assertThat(
            mayMatch(
                call(Function.IS_NOT_NULL, DataType.BOOL, col(0, DataType.INT64)),
                Map.of(0, allNull)))
        .isFalse();
    assertThat(
            mayMatch(compare(Function.EQUAL, col(0, DataType.INT64), i64(1)), Map.of(0, allNull)))
        .isFalse();
    Expr nullLiteral =
        Expr.newBuilder().setType(DataType.INT64).setLiteral(Literal.getDefaultInstance()).build();
    assertThat(mayMatch(compare(Function.EQUAL, col(0, DataType.INT64), nullLiteral), Map.of()))
        .isFalse();
  }

  @Test
  void unknownsMayMatch() {
    // no statistics, no bounds, floats (NaN is not in Parquet's bounds), other functions
    assertThat(mayMatch(compare(Function.EQUAL, col(0, DataType.INT64), i64(1)), Map.of()))
        .isTrue();
    StatisticsPruner.ColumnBounds noBounds =
        new StatisticsPruner.ColumnBounds(OptionalLong.of(0), Optional.empty(), Optional.empty());
    assertThat(
            mayMatch(compare(Function.EQUAL, col(0, DataType.INT64), i64(1)), Map.of(0, noBounds)))
        .isTrue();
    Expr fare = compare(Function.GREATER_THAN, col(2, DataType.FLOAT64), f64(1e9));
    assertThat(mayMatch(fare, Map.of(2, bounds(0, 1.0, 2.0)))).isTrue();
    Expr negated =
        call(
            Function.NOT, DataType.BOOL, compare(Function.EQUAL, col(0, DataType.INT64), i64(150)));
    assertThat(mayMatch(negated, Map.of(0, bounds(0, 100L, 199L)))).isTrue();
  }

  @Test
  void stringsCompareAsUtf8Bytes() {
    // 'é' (C3 A9) sorts after 'z' in UTF-8 byte order
    Map<Integer, StatisticsPruner.ColumnBounds> cities = Map.of(1, bounds(0, "Basel", "Zürich"));
    assertThat(mayMatch(compare(Function.EQUAL, col(1, DataType.UTF8), utf8("zz")), cities))
        .isFalse();
    assertThat(mayMatch(compare(Function.EQUAL, col(1, DataType.UTF8), utf8("Bern")), cities))
        .isTrue();
    Map<Integer, StatisticsPruner.ColumnBounds> accents = Map.of(1, bounds(0, "a", "z"));
    assertThat(mayMatch(compare(Function.EQUAL, col(1, DataType.UTF8), utf8("é")), accents))
        .isFalse();
  }

  @Test
  void onlyALeadingFilterPrunes() {
    Expr never = compare(Function.GREATER_THAN, col(0, DataType.INT64), i64(1000));
    HBeePlan projectFirst =
        HBeePlan.newBuilder()
            .addOperators(Operator.newBuilder().setProject(Project.getDefaultInstance()))
            .addOperators(Operator.newBuilder().setFilter(Filter.newBuilder().setPredicate(never)))
            .build();
    assertThat(StatisticsPruner.of(projectFirst).active()).isFalse();
    assertThat(StatisticsPruner.of(projectFirst).mayMatch(bounds(Map.of(0, bounds(0, 1L, 2L)))))
        .isTrue();
  }

  @Test
  void pagesNarrowARowGroupToTheRowsThatMayMatch() {
    // id: pages of 10 rows sorted 0..39; day: pages of 15 rows (misaligned with id's)
    StatisticsPruner.ColumnPages ids =
        pages(
            new long[] {0, 10, 20, 30},
            bounds(0, 0L, 9L),
            bounds(0, 10L, 19L),
            bounds(0, 20L, 29L),
            bounds(0, 30L, 39L));
    StatisticsPruner.ColumnPages days =
        pages(
            new long[] {0, 15, 30}, bounds(0, 100, 114), bounds(0, 115, 129), bounds(0, 130, 139));
    Map<Integer, StatisticsPruner.ColumnPages> unit = Map.of(0, ids, 3, days);
    Expr idAbove24 = compare(Function.GREATER_THAN, col(0, DataType.INT64), i64(24));
    Expr dayBelow110 = compare(Function.LESS_THAN, col(3, DataType.DATE32), date(110));

    assertThat(matchingRows(idAbove24, unit, 40)).hasToString("[20, 40)");
    assertThat(matchingRows(dayBelow110, unit, 40)).hasToString("[0, 15)");
    assertThat(matchingRows(call(Function.AND, DataType.BOOL, idAbove24, dayBelow110), unit, 40))
        .isEqualTo(RowRanges.none());
    assertThat(matchingRows(call(Function.OR, DataType.BOOL, idAbove24, dayBelow110), unit, 40))
        .hasToString("[0, 15) [20, 40)");
    Expr dayAtLeast120 =
        compare(Function.GREATER_THAN_OR_EQUAL, col(3, DataType.DATE32), date(120));
    assertThat(matchingRows(call(Function.AND, DataType.BOOL, idAbove24, dayAtLeast120), unit, 40))
        .hasToString("[20, 40)");
    Expr idIs5 = compare(Function.EQUAL, col(0, DataType.INT64), i64(5));
    assertThat(matchingRows(call(Function.AND, DataType.BOOL, idIs5, dayAtLeast120), unit, 40))
        .hasToString("[]");
  }

  @Test
  void pagesOnlyRuleOutWhatTheirStatisticsProve() {
    StatisticsPruner.ColumnBounds onlyNulls =
        new StatisticsPruner.ColumnBounds(OptionalLong.of(10), Optional.empty(), Optional.empty());
    StatisticsPruner.ColumnBounds unknown =
        new StatisticsPruner.ColumnBounds(OptionalLong.empty(), Optional.empty(), Optional.empty());
    StatisticsPruner.ColumnPages ids =
        pages(new long[] {0, 10, 20}, bounds(0, 0L, 9L), onlyNulls, unknown);
    Map<Integer, StatisticsPruner.ColumnPages> unit = Map.of(0, ids);

    Expr idAbove100 = compare(Function.GREATER_THAN, col(0, DataType.INT64), i64(100));
    assertThat(matchingRows(idAbove100, unit, 30)).hasToString("[20, 30)");
    Expr isNull = call(Function.IS_NULL, DataType.BOOL, col(0, DataType.INT64));
    assertThat(matchingRows(isNull, unit, 30)).hasToString("[10, 30)");
    Expr isNotNull = call(Function.IS_NOT_NULL, DataType.BOOL, col(0, DataType.INT64));
    assertThat(matchingRows(isNotNull, unit, 30)).hasToString("[0, 10) [20, 30)");
    // a column without pages, a float, another function: every row
    Expr city = compare(Function.EQUAL, col(1, DataType.UTF8), utf8("Bern"));
    assertThat(matchingRows(city, unit, 30)).isEqualTo(RowRanges.all(30));
    StatisticsPruner.ColumnPages fares = pages(new long[] {0}, bounds(0, 1.0, 2.0));
    Expr fare = compare(Function.GREATER_THAN, col(2, DataType.FLOAT64), f64(1e9));
    assertThat(matchingRows(fare, Map.of(2, fares), 30)).isEqualTo(RowRanges.all(30));
    Expr negated = call(Function.NOT, DataType.BOOL, idAbove100);
    assertThat(matchingRows(negated, unit, 30)).isEqualTo(RowRanges.all(30));
  }

  @Test
  void testedColumnsAreTheColumnsWhoseStatisticsTheFilterReads() {
    Expr idAbove = compare(Function.GREATER_THAN, col(0, DataType.INT64), i64(24));
    Expr dayBelow = compare(Function.LESS_THAN, date(110), col(3, DataType.DATE32));
    Expr cityNull = call(Function.IS_NULL, DataType.BOOL, col(1, DataType.UTF8));
    Expr predicate =
        call(
            Function.OR,
            DataType.BOOL,
            idAbove,
            call(Function.AND, DataType.BOOL, dayBelow, cityNull));

    assertThat(pruner(predicate).testedColumns()).containsExactly(0, 1, 3);
    Expr negated = call(Function.NOT, DataType.BOOL, idAbove);
    assertThat(pruner(negated).testedColumns()).isEmpty();
  }

  private static RowRanges matchingRows(
      Expr predicate, Map<Integer, StatisticsPruner.ColumnPages> pages, long rows) {
    return pruner(predicate)
        .matchingRows(
            new StatisticsPruner.PagedBounds() {
              @Override
              public long rows() {
                return rows;
              }

              @Override
              public Optional<StatisticsPruner.ColumnPages> column(int index) {
                return Optional.ofNullable(pages.get(index));
              }
            });
  }

  private static StatisticsPruner.ColumnPages pages(
      long[] firstRows, StatisticsPruner.ColumnBounds... bounds) {
    return new StatisticsPruner.ColumnPages() {
      @Override
      public int pageCount() {
        return firstRows.length;
      }

      @Override
      public long firstRow(int page) {
        return firstRows[page];
      }

      @Override
      public StatisticsPruner.ColumnBounds bounds(int page) {
        return bounds[page];
      }
    };
  }

  private static StatisticsPruner pruner(Expr predicate) {
    HBeePlan plan =
        HBeePlan.newBuilder()
            .addOperators(
                Operator.newBuilder().setFilter(Filter.newBuilder().setPredicate(predicate)))
            .build();
    StatisticsPruner pruner = StatisticsPruner.of(plan);
    assertThat(pruner.active()).isTrue();
    return pruner;
  }

  private static boolean mayMatch(
      Expr predicate, Map<Integer, StatisticsPruner.ColumnBounds> stats) {
    return pruner(predicate).mayMatch(bounds(stats));
  }

  private static StatisticsPruner.Bounds bounds(Map<Integer, StatisticsPruner.ColumnBounds> stats) {
    return Plans.unit(ROWS, stats);
  }

  private static StatisticsPruner.ColumnBounds bounds(long nulls, Object min, Object max) {
    return new StatisticsPruner.ColumnBounds(
        OptionalLong.of(nulls), Optional.of(min), Optional.of(max));
  }

  private static Expr col(int index, DataType type) {
    return Expr.newBuilder().setType(type).setNullable(true).setColumn(index).build();
  }

  private static Expr i64(long value) {
    return Expr.newBuilder()
        .setType(DataType.INT64)
        .setLiteral(Literal.newBuilder().setInt64Value(value))
        .build();
  }

  private static Expr f64(double value) {
    return Expr.newBuilder()
        .setType(DataType.FLOAT64)
        .setLiteral(Literal.newBuilder().setFloat64Value(value))
        .build();
  }

  private static Expr date(int days) {
    return Expr.newBuilder()
        .setType(DataType.DATE32)
        .setLiteral(Literal.newBuilder().setDate32Value(days))
        .build();
  }

  private static Expr utf8(String value) {
    return Expr.newBuilder()
        .setType(DataType.UTF8)
        .setLiteral(Literal.newBuilder().setUtf8Value(value))
        .build();
  }

  private static Expr compare(Function function, Expr left, Expr right) {
    return call(function, DataType.BOOL, left, right);
  }

  private static Expr call(Function function, DataType type, Expr... args) {
    return Expr.newBuilder()
        .setType(type)
        .setCall(Call.newBuilder().setFunction(function).addAllArgs(List.of(args)))
        .build();
  }
}
