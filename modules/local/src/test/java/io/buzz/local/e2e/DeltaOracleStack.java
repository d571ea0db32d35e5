package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A local stack and DuckDB side by side, for the Delta tests: a two-step query over a Delta table
 * named {@code t} must answer what DuckDB answers over the rows the test says the table holds.
 */
final class DeltaOracleStack implements AutoCloseable {
  final E2eStack stack = E2eStack.start(LocalStackConfig.defaults());
  final DuckDbOracle oracle;

  DeltaOracleStack() throws Exception {
    oracle = new DuckDbOracle();
  }

  /**
   * @param rows the table's rows at the latest version, as one DuckDB SELECT
   */
  void assertLikeDuckDb(Path table, String rows, String hbeeSql, String hcombSql) throws Exception {
    List<List<Object>> expected =
        oracle.answer(rows, "t", "t_map", hbeeSql, Optional.empty(), hcombSql);
    String json =
        QueryJsonText.twoSteps(
            hbeeSql, null, hcombSql, "t", "DeltaLake", table.toUri().toString(), "");
    try (QueryResult result = stack.run(json)) {
      assertThat(ResultRows.difference(expected, ResultRows.fromArrow(result.batches())))
          .as(hbeeSql)
          .isNull();
    }
  }

  @Override
  public void close() throws Exception {
    oracle.close();
    stack.close();
  }
}
