/**
 * The Fuse's planner: both SQL steps of a query, planned with Apache Calcite (parsing, validation,
 * conversion and a few rewrite rules only) into one Buzz physical plan ({@code plan.proto}). Entry
 * point: {@link io.buzz.plan.sql.QueryPlanner}.
 *
 * <h2>SQL dialect</h2>
 *
 * <ul>
 *   <li>Identifiers: double quotes quote; every identifier, quoted or not, matches tables and
 *       columns case-insensitively, and keeps its spelling in result names (like DuckDB). SQL
 *       reserved words used as names ({@code year}, {@code month}) must be quoted.
 *   <li>Lenient conformance: GROUP BY alias or ordinal, ORDER BY ordinal, LIMIT/OFFSET, FETCH
 *       FIRST, {@code %} and {@code !=}.
 *   <li>NULLs sort last in both directions unless NULLS FIRST/LAST is written.
 *   <li>Supported: one table per step, SELECT [DISTINCT], WHERE, GROUP BY, HAVING, ORDER BY,
 *       LIMIT/OFFSET, subqueries in FROM; comparisons, AND/OR/NOT, IS [NOT] NULL/TRUE/FALSE,
 *       BETWEEN, IN (values), CASE, COALESCE, NULLIF, CAST, arithmetic, EXTRACT(YEAR | MONTH | DAY
 *       | HOUR | MINUTE | SECOND ...), the functions of the kernels' registry; COUNT(*), COUNT,
 *       SUM, MIN, MAX, AVG (COUNT, SUM and AVG also DISTINCT), STDDEV and VARIANCE (sample and
 *       population), BOOL_AND/EVERY and BOOL_OR (MIN and MAX of booleans), ANY_VALUE (as MIN), each
 *       with an optional FILTER. A query is one statement or two steps. Everything else is
 *       UNSUPPORTED with its position ({@link io.buzz.plan.sql.SqlSupportChecker}).
 * </ul>
 *
 * <h2>Types</h2>
 *
 * Columns are BOOL, INT32, INT64, FLOAT32 (REAL, FLOAT), FLOAT64 (DOUBLE), DECIMAL128(p, s), UTF8,
 * DATE32, TIMESTAMP_MICROS, TIME_MICROS (TIME) and VARBINARY (BINARY, BLOB: compared and ordered as
 * unsigned bytes, no casts); TINYINT/SMALLINT are INT32 (see {@link io.buzz.plan.sql.BuzzTypes}).
 * SUM of integers is INT64, of REAL or DOUBLE FLOAT64, of DECIMAL(p, s) DECIMAL(38, s); AVG is
 * FLOAT64; integer / integer is an integer (truncating); REAL arithmetic is computed in FLOAT64 and
 * cast back; TIME has no arithmetic. The planner inserts every CAST the kernels need (see {@link
 * io.buzz.plan.sql.RexToExpr}).
 *
 * <h2>Names</h2>
 *
 * The HBee step's output columns keep Calcite's names ({@code EXPR$1} for an unaliased expression),
 * since the HComb step's SQL refers to them. The result columns name an unaliased expression by its
 * SQL text in the HComb step, e.g. {@code SUM(payment_type_count)} (see {@link
 * io.buzz.plan.sql.ResultNames}). Partial aggregate states are named after their call, AVG's {@code
 * name$sum} and {@code name$count}.
 *
 * <h2>Distribution</h2>
 *
 * The HComb step's scan of the HBee step is replaced by the HBee step's plan, the whole chain is
 * simplified and trimmed, then cut at its first blocking operator by {@link
 * io.buzz.plan.physical.PipelineSplitter}.
 */
package io.buzz.plan.sql;
