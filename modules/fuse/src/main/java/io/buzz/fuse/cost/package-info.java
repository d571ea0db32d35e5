/**
 * What a query would cost on AWS ({@link io.buzz.fuse.cost.CostModel}): Lambda requests and
 * GB-seconds, S3 GETs, the HComb's Fargate time, at configurable prices.
 */
package io.buzz.fuse.cost;
