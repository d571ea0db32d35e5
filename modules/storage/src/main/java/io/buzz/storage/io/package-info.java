/**
 * The HBee's I/O layer: asynchronous random reads of immutable objects addressed by URI.
 *
 * <pre>
 *   ByteSources.open(uri) ──▶ file://  LocalFileByteSource  positional reads on the Vert.x worker pool
 *                        └─▶ s3://    S3ByteSource         ranged GETs through a shared S3AsyncClient
 *                                      read(ranges): sort ▶ merge gaps &lt; coalesceGapBytes
 *                                                    ▶ split into parts &lt;= maxRequestBytes
 *                                                    ▶ all GETs in parallel, each into its slice
 *                                      readTail(n):  one suffix GET (bytes=-n), learns the size
 * </pre>
 *
 * <p>Every source counts its requests, bytes and waits in {@link io.buzz.storage.io.IoStats}; every
 * failure is a {@link io.buzz.error.BuzzException} naming the URI (NOT_FOUND, BAD_QUERY for ranges
 * past the end, UNAVAILABLE for storage faults and timeouts). {@link io.buzz.storage.io.S3Clients}
 * builds the Netty-based client with the checksum settings S3-compatible servers need.
 */
package io.buzz.storage.io;
