/**
 * The scalar function registry: each function is one {@link
 * io.buzz.kernels.function.ScalarFunction} — its wire name, the SQL names that call it, its
 * signatures (type rules), its NULL behaviour and the kernel it binds to — registered once in
 * {@link io.buzz.kernels.function.FunctionRegistry}. The SQL checker, the planner (Calcite
 * operators for names Calcite does not know, operand casts), the plan serializer and the plan
 * compiler all read it.
 *
 * <p>Adding a scalar function: write its kernel (an {@link io.buzz.kernels.expr.Expression}, most
 * simply a {@link io.buzz.kernels.function.Utf8MapExpression}, a {@link
 * io.buzz.kernels.function.NumericMapExpression}, a {@link
 * io.buzz.kernels.function.RowWiseExpression} or its own class), describe it as a {@code
 * ScalarFunction} and add it to {@link io.buzz.kernels.function.FunctionRegistry#STANDARD} — or to
 * its group, {@code NumericFunctions} or {@code TextFunctions}. Nothing else changes: plans carry
 * the function by its wire name, and {@code FunctionRegistryTest} checks that every signature binds
 * to a strict kernel of its result type.
 *
 * <p>Signatures name kernel types; DECIMAL128 stands for every precision and scale. A DECIMAL128
 * operand is passed as it is (never cast), and a DECIMAL128 result has the precision and scale
 * {@link io.buzz.kernels.function.FunctionRegistry#decimalResult} gives — the kernel's own rule,
 * which the planner types the call with (ROUND(x, n) of a DECIMAL(p, s) is a DECIMAL(p, n)).
 */
package io.buzz.kernels.function;
