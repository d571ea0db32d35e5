/**
 * Scalar expressions evaluated a whole batch at a time. An {@link io.buzz.kernels.expr.Expression}
 * is an immutable tree: each node evaluates its children into vectors over the rows a {@code
 * Selection} lists (all rows without one), runs one kernel loop over them and returns a dense
 * vector owned by the caller. Nodes include {@link io.buzz.kernels.expr.ColumnReference}, {@link
 * io.buzz.kernels.expr.Literal}, arithmetic, comparisons, AND/OR/NOT with SQL's three-valued logic,
 * IS tests, {@link io.buzz.kernels.expr.CaseExpression}, {@link
 * io.buzz.kernels.expr.CastExpression} and EXTRACT; scalar functions add theirs in the {@code
 * function} package.
 *
 * <p>Most loops live in kernel classes beside the nodes ({@code ArithmeticKernels}, {@code
 * DecimalKernels}, {@link io.buzz.kernels.expr.ComparisonKernels}, the cast kernels, {@link
 * io.buzz.kernels.expr.TakeKernel} for gathers), over the word-at-a-time bitmap helpers of {@link
 * io.buzz.kernels.expr.Vectors}. AND, OR and CASE evaluate an operand only over the rows still
 * undecided, so {@code x <> 0 AND 10 / x > 1} never divides by zero. Plans become expressions in
 * {@code io.buzz.exec.ExpressionCompiler}; the planner inserts every cast, nothing here coerces.
 */
package io.buzz.kernels.expr;
