package io.buzz.plan.sql;

import static java.util.Objects.requireNonNull;

import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.QueryPlan;
import io.buzz.protocol.plan.Schema;
import java.util.Optional;

/**
 * A query planned for execution.
 *
 * @param plan what HBees and the HComb run
 * @param partitionFilter the HBee step's partition filter, ANDed with the conjuncts of its WHERE
 *     that read only partition columns, as a BOOL expression whose columns are indices into {@code
 *     partitionSchema}; the Fuse evaluates it on each file's partition values and skips the files
 *     for which it is not TRUE. Empty when there is neither.
 * @param partitionSchema the table's partition columns in table order, typed as the catalog
 *     declares them
 * @param resultSchema the schema of the query's result (equals the HComb plan's output schema)
 * @param explain a readable multi-line rendering of the plan, for {@code EXPLAIN} and logs
 * @param explainOnly true for a statement written {@code EXPLAIN SELECT ...}: the Fuse returns
 *     {@code explain} (and the files it would read) instead of running the plan
 */
public record PlannedQuery(
    QueryPlan plan,
    Optional<Expr> partitionFilter,
    Schema partitionSchema,
    Schema resultSchema,
    String explain,
    boolean explainOnly) {
  public PlannedQuery {
    requireNonNull(plan, "plan is null");
    requireNonNull(partitionFilter, "partitionFilter is null");
    requireNonNull(partitionSchema, "partitionSchema is null");
    requireNonNull(resultSchema, "resultSchema is null");
    requireNonNull(explain, "explain is null");
  }
}
