/**
 * The Fuse's public gRPC endpoint, {@code buzz.query.v1.QueryService/Query} ({@link
 * io.buzz.fuse.service.QueryServerVerticle}, a verticle over a {@code FuseServices}). Each call
 * waits for a slot in {@code AdmissionQueue} (so many queries run, so many more wait first come
 * first served, the rest are refused with RESOURCE_EXHAUSTED), then runs one {@code
 * query.QueryExecution}, whose events {@code QueryCall} writes to the call. A client deadline
 * shorter than the Fuse's query timeout becomes the query's, time spent waiting counts against it,
 * and a client going away cancels the query. The client side is {@code
 * io.buzz.fuse.client.QueryClient}.
 */
package io.buzz.fuse.service;
