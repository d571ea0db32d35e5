/**
 * The ECS twin ({@link io.buzz.local.ecs.EcsTwin}): the ECS JSON 1.1 API whose Fargate tasks are
 * processes on this machine, each on a loopback address of its own.
 */
package io.buzz.local.ecs;
