package io.buzz.exec;

import io.buzz.exec.StatisticsPruner.Bounds;
import io.buzz.exec.StatisticsPruner.ColumnBounds;
import io.buzz.exec.StatisticsPruner.ColumnPages;
import io.buzz.exec.StatisticsPruner.PagedBounds;
import io.buzz.kernels.batch.RowRanges;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What {@link StatisticsPruner}'s walk over a predicate produces: a verdict for one unit (a row
 * group), the rows of a row group whose pages may match, or the columns the tests read. The walk is
 * the same for all three; only how tests and {@code AND}/{@code OR} combine differs.
 */
final class StatisticsOutcomes {
  private StatisticsOutcomes() {}

  /**
   * How the outcomes of a predicate's parts combine: {@code all} where any row may match, {@code
   * none} where none can.
   */
  interface Outcomes<T> {
    T all();

    T none();

    T and(T left, T right);

    T or(T left, T right);

    boolean isNone(T outcome);

    boolean isAll(T outcome);

    /**
     * The outcome of {@code test}, which reads only the statistics of scan column {@code column}.
     */
    T test(int column, Predicate<Bounds> test);
  }

  /** Booleans: TRUE where a row may match. */
  private abstract static class Verdicts implements Outcomes<Boolean> {
    @Override
    public Boolean all() {
      return true;
    }

    @Override
    public Boolean none() {
      return false;
    }

    @Override
    public Boolean and(Boolean left, Boolean right) {
      return left && right;
    }

    @Override
    public Boolean or(Boolean left, Boolean right) {
      return left || right;
    }

    @Override
    public boolean isNone(Boolean outcome) {
      return !outcome;
    }

    @Override
    public boolean isAll(Boolean outcome) {
      return outcome;
    }
  }

  /** A verdict for one unit. */
  static final class Verdict extends Verdicts {
    private final Bounds bounds;

    Verdict(Bounds bounds) {
      this.bounds = bounds;
    }

    @Override
    public Boolean test(int column, Predicate<Bounds> test) {
      return test.test(bounds);
    }
  }

  /** The rows of a row group whose pages may match, each test on its column's pages. */
  record PageRows(PagedBounds unit) implements Outcomes<RowRanges> {
    @Override
    public RowRanges all() {
      return RowRanges.all(unit.rows());
    }

    @Override
    public RowRanges none() {
      return RowRanges.none();
    }

    @Override
    public RowRanges and(RowRanges left, RowRanges right) {
      return left.intersect(right);
    }

    @Override
    public RowRanges or(RowRanges left, RowRanges right) {
      return left.union(right);
    }

    @Override
    public boolean isNone(RowRanges outcome) {
      return outcome.isEmpty();
    }

    @Override
    public boolean isAll(RowRanges outcome) {
      return outcome.covers(unit.rows());
    }

    @Override
    public RowRanges test(int column, Predicate<Bounds> test) {
      Optional<ColumnPages> found = unit.column(column);
      if (found.isEmpty()) {
        return all();
      }
      ColumnPages pages = found.get();
      RowRanges.Builder kept = RowRanges.builder();
      int count = pages.pageCount();
      for (int page = 0; page < count; page++) {
        long start = pages.firstRow(page);
        long end = page + 1 < count ? pages.firstRow(page + 1) : unit.rows();
        if (test.test(new Page(column, end - start, pages.bounds(page)))) {
          kept.add(start, end);
        }
      }
      return kept.build();
    }
  }

  /** One page as a unit: its rows, and statistics for its own column only. */
  record Page(int index, long rows, ColumnBounds bounds) implements Bounds {
    @Override
    public Optional<ColumnBounds> column(int column) {
      return column == index ? Optional.of(bounds) : Optional.empty();
    }
  }

  /** Collects the columns the tests read; no test rules anything out, so every test is reached. */
  static final class ColumnsTested extends Verdicts {
    private final Set<Integer> columns;

    ColumnsTested(Set<Integer> columns) {
      this.columns = columns;
    }

    @Override
    public boolean isAll(Boolean outcome) {
      return false; // an OR reaches every operand
    }

    @Override
    public Boolean test(int column, Predicate<Bounds> test) {
      columns.add(column);
      return true;
    }
  }
}
