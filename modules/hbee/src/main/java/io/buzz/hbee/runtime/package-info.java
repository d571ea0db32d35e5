/**
 * One process's HBee runtime ({@link io.buzz.hbee.runtime.HBeeRuntime}) and one task attempt
 * ({@code TaskRun}): read Parquet, run the HBee plan, stream Arrow to the HComb.
 */
package io.buzz.hbee.runtime;
