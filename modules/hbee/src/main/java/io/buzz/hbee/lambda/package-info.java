/**
 * The HBee as an AWS Lambda function: {@link io.buzz.hbee.lambda.HBeeHandler} (the handler, with
 * its SnapStart hooks), the settings it reads from its environment and the per-environment state it
 * keeps warm.
 */
package io.buzz.hbee.lambda;
