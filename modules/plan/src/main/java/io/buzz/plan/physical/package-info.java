/**
 * Calcite-free pieces of the physical plan: the linear {@link io.buzz.plan.physical.Pipeline} a
 * query compiles to, how it is cut into HBee and HComb plans ({@link
 * io.buzz.plan.physical.PipelineSplitter}), the schemas operators output ({@link
 * io.buzz.plan.physical.OperatorSchemas}, {@link io.buzz.plan.physical.AggregateStateLayout}) and
 * the readable rendering of plans ({@link io.buzz.plan.physical.PlanExplainer}). HBees and HCombs
 * may use the schema helpers to agree with the planner on partial state layouts.
 */
package io.buzz.plan.physical;
