/**
 * The JSON payloads of an HBee Lambda invocation ({@link io.buzz.protocol.lambda.HBeePayloads}).
 */
package io.buzz.protocol.lambda;
