/**
 * The HBee, the map stage of a query: one invocation scans a task's Parquet files with the task's
 * plan and streams the result to the HComb. {@link io.buzz.hbee.HBeeFunction} is that contract, an
 * {@code HBeeTask} in and a {@code TaskReport} out, on a Vert.x event loop. {@code
 * runtime.HBeeRuntime} implements it (read, decode, run the plan, stream); {@code
 * lambda.HBeeHandler} runs that runtime as an AWS Lambda function, and the local stack's Lambda
 * twin calls it in-process. The bench's synthetic HBees implement the interface too.
 */
package io.buzz.hbee;
