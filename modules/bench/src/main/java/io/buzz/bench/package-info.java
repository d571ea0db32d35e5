/**
 * {@code bin/buzz-bench} and {@code make bench} ({@link io.buzz.bench.BenchMain}): measures Buzz,
 * mostly on the embedded local stack, and writes a JSON report ({@code ResultsJson}), an SVG chart
 * ({@code SvgChart}) and console tables. {@link io.buzz.bench.BenchConfig} resolves the command
 * line into the sections to run; {@code BenchRun} runs them over data sets made by {@code
 * io.buzz.datagen} ({@code BenchData}).
 *
 * <p>Sections ({@code BenchConfig.Section}): latency (the {@link io.buzz.bench.BenchSuite} queries
 * beside embedded DuckDB, answers compared), load (a concurrency sweep, {@code LoadSweep}), fan-out
 * and HComb (the Fuse and the HComb against HBees that scan nothing, {@code
 * SyntheticHBeeFunction}), scale (one HBee's scan rate under the S3 latency model, projected to
 * large scans by {@code ScaleProjection}), AWS (cold starts and fan-out through the Lambda and ECS
 * twins) and wide (the 107-column table's suite and decode throughput). Where a component's CPU
 * time must be measured apart, the Fuse and the HComb run in processes of their own ({@code
 * ProcessStack}, {@link io.buzz.bench.FuseProcessMain}).
 */
package io.buzz.bench;
