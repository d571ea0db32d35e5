/** The in-process {@link io.buzz.fuse.hcomb.HCombManager} of the local stack. */
package io.buzz.local.hcomb;
