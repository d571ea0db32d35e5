/**
 * What every Buzz gRPC server and client shares, over Vert.x gRPC: {@link io.buzz.grpc.GrpcLimits}
 * (the 64 MiB message limit Arrow batches need, and HTTP/2 client options), {@link
 * io.buzz.grpc.GrpcErrors} (a {@code BuzzException} to a gRPC status and back, reading the status
 * message from the trailers when Vert.x does not expose it), {@link io.buzz.grpc.StreamWrites}
 * (writing a sequence of messages with back-pressure) and {@link io.buzz.grpc.AliasingDecoder} (a
 * protobuf decoder whose {@code bytes} fields share the received payload, which the HComb uses for
 * the HBees' Arrow batches).
 */
package io.buzz.grpc;
