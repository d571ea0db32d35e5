/**
 * S3 as slow as S3, on one machine: {@link io.buzz.local.s3.S3LatencyProxy} sits in front of any
 * S3-compatible server (the embedded one in tests and the bench) and gives each request what AWS
 * would — a time to first byte drawn from {@link io.buzz.local.s3.S3LatencyModel}'s distribution
 * (with a slow tail), a per-connection bandwidth, and {@code 503 SlowDown} beyond a request rate
 * per prefix. Every draw is a function of the seed and the request ({@link
 * io.buzz.local.s3.RequestDelays}), so a run is reproducible whatever order requests arrive in.
 *
 * <pre>
 *   S3AsyncClient ──HTTP──▶ S3LatencyProxy (rate check, first-byte delay, paced body) ──HTTP──▶ S3 server
 * </pre>
 */
package io.buzz.local.s3;
