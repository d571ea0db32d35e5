/**
 * The AWS twins together ({@link io.buzz.local.twin.AwsTwins}): Lambda, ECS and the settings that
 * point the Fuse's AWS wiring at them.
 */
package io.buzz.local.twin;
