package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;

/**
 * The differential corpus over an empty table (the same schema; three files with no row): global
 * aggregates must answer their one row (counts 0, other values NULL), everything else no row, as
 * DuckDB does — the paths of empty partial states, empty merges and empty results.
 */
class EmptyTableCorpusTest extends DifferentialCorpusTest {
  @Override
  String rows(String range) {
    return super.rows(range) + " AND FALSE";
  }

  @Override
  int[][] anotherSplit() {
    return null;
  }

  @Override
  int queries() {
    return 150;
  }

  /** Here most answers are empty; the global aggregates' single rows must still be there. */
  @AfterAll
  @Override
  void fewAnswersAreEmpty() {
    assertThat(emptyAnswers.get()).isLessThan(queries());
  }
}
