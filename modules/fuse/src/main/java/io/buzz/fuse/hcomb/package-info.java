/**
 * The Fuse's side of HCombs: the {@link io.buzz.fuse.hcomb.HCombManager} seam and its Fargate
 * implementation ({@link io.buzz.fuse.hcomb.FargateHCombManager}), the health check, and one
 * query's RunQuery call ({@link io.buzz.fuse.hcomb.HCombCall}).
 */
package io.buzz.fuse.hcomb;
