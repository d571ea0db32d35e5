package io.buzz.storage.parquet;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base for differential tests: one {@link DuckDbOracle} per test class (to write files and read
 * them back), a temporary directory and an allocator per test. Test classes run one at a time.
 */
abstract class DuckDbTest extends AllocatorTest {
  protected static DuckDbOracle duckdb;
  @TempDir protected Path dir;

  @BeforeAll
  static void startDuckDb() throws Exception {
    duckdb = new DuckDbOracle();
  }

  @AfterAll
  static void stopDuckDb() throws Exception {
    duckdb.close();
  }
}
