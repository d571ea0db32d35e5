/**
 * The Lambda twin: the Invoke API ({@link io.buzz.local.lambda.LocalLambdaService}) in front of
 * function backends — in-process HBees, in-process stream handlers, or execution environments that
 * are JVM processes running a deployment zip through the runtime interface client against a Runtime
 * API the twin serves ({@link io.buzz.local.lambda.ProcessBackend}).
 */
package io.buzz.local.lambda;
