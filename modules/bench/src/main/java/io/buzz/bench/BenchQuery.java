package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One two-step query of a bench suite, in Buzz's form (an HBee step over the catalog {@code table},
 * an optional partition filter, an HComb step over the HBee step named {@code name + "_map"}), plus
 * what it exercises.
 *
 * @param table the catalog the HBee step reads ({@link #TABLE} for the taxi suite)
 * @param ordered whether the HComb step's ORDER BY fixes the order of every row (then results are
 *     compared row by row; otherwise as sorted multisets)
 */
public record BenchQuery(
    String name,
    String description,
    String hbeeSql,
    Optional<String> partitionFilter,
    String hcombSql,
    boolean ordered,
    String table) {
  /** The catalog name the taxi suite reads. */
  public static final String TABLE = "nyc_taxi";

  /** A query of the taxi suite, over {@link #TABLE}. */
  public BenchQuery(
      String name,
      String description,
      String hbeeSql,
      Optional<String> partitionFilter,
      String hcombSql,
      boolean ordered) {
    this(name, description, hbeeSql, partitionFilter, hcombSql, ordered, TABLE);
  }

  public BenchQuery {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    requireNonNull(hbeeSql, "hbeeSql is null");
    requireNonNull(partitionFilter, "partitionFilter is null");
    requireNonNull(hcombSql, "hcombSql is null");
    requireNonNull(table, "table is null");
  }

  /** The HBee step's name, which the HComb step's FROM refers to. */
  public String hbeeStep() {
    return name + "_map";
  }

  /** The query in Buzz's JSON format over the Static catalog at {@code tableUri}. */
  public String buzzJson(String tableUri) {
    return twoSteps(name, hbeeSql, partitionFilter, hcombSql, table, tableUri);
  }

  /**
   * A two-step query in Buzz's JSON format: the HBee step {@code name + "_map"} over the Static
   * catalog {@code table} at {@code tableUri}, the HComb step {@code name + "_reduce"}.
   */
  public static String twoSteps(
      String name,
      String hbeeSql,
      Optional<String> partitionFilter,
      String hcombSql,
      String table,
      String tableUri) {
    return "{\"steps\": ["
        + "{\"sql\": "
        + string(hbeeSql)
        + ", \"name\": "
        + string(name + "_map")
        + ", \"step_type\": \"HBee\""
        + partitionFilter.map(f -> ", \"partition_filter\": " + string(f)).orElse("")
        + "}, {\"sql\": "
        + string(hcombSql)
        + ", \"name\": "
        + string(name + "_reduce")
        + ", \"step_type\": \"HComb\"}],"
        + " \"capacity\": {\"zones\": 1},"
        + " \"catalogs\": [{\"name\": "
        + string(table)
        + ", \"type\": \"Static\", \"uri\": "
        + string(tableUri)
        + "}]}";
  }

  /**
   * The same query as one DuckDB statement over the same files: the table (after the partition
   * filter) and the HBee step become CTEs, the HComb step is the body.
   *
   * <pre>
   *   WITH &lt;table&gt; AS (SELECT * FROM read_parquet(…) WHERE &lt;partition_filter&gt;),
   *        &lt;name&gt;_map AS (&lt;HBee SQL&gt;)
   *   &lt;HComb SQL&gt;
   * </pre>
   */
  public String duckDbSql(String parquetGlob) {
    return "WITH "
        + table
        + " AS (SELECT * FROM read_parquet('"
        + parquetGlob.replace("'", "''")
        + "', hive_partitioning = true, hive_types_autocast = false)"
        + partitionFilter.map(f -> " WHERE " + f).orElse("")
        + "), "
        + hbeeStep()
        + " AS ("
        + hbeeSql
        + ") "
        + hcombSql;
  }

  private static String string(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
