/**
 * Binds Buzz plan fragments ({@code plan.proto}) to the {@code io.buzz.kernels} operators: what
 * HBees and HCombs run. {@link io.buzz.exec.Pipeline#compile} turns a linear chain of plan
 * operators into a running pipeline (Filter, Project and UNION ALL stream; Aggregate, Sort, Limit
 * and scalar subqueries block); an HBee runs one over its task's files, an HComb one over the
 * merged rows. {@link io.buzz.exec.HCombMerge} is the HComb's side of a plan: a {@link
 * io.buzz.exec.MergeState} per task attempt and one for the query; an attempt's state is absorbed
 * into the query's once, on commit, and the query's is finished through the plan's remaining
 * operators. {@link io.buzz.exec.ExpressionCompiler} checks and compiles plan expressions; {@link
 * io.buzz.exec.PlanTypes} maps plan types to the kernels' and Arrow's.
 *
 * <p>Before rows are read: {@link io.buzz.exec.PartitionPruner} selects files by their partition
 * values, {@link io.buzz.exec.StatisticsPruner} skips row groups, pages or a catalog's files by
 * their statistics, and {@link io.buzz.exec.MetadataAggregate} answers COUNT, MIN and MAX from
 * Parquet footers alone. Failures leave as {@code BuzzException}s, kernel failures mapped by {@link
 * io.buzz.exec.ExecErrors}.
 */
package io.buzz.exec;
