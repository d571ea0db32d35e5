package io.buzz.grpc;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.server.GrpcServerOptions;

/**
 * Options every Buzz gRPC endpoint shares. Arrow batches travel as single gRPC messages, so the
 * default 256 KiB message limit is raised; senders keep batches well below {@link
 * #MAX_MESSAGE_BYTES}.
 */
public final class GrpcLimits {
  /** Largest gRPC message Buzz sends or accepts. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private GrpcLimits() {}

  public static GrpcServerOptions serverOptions() {
    return new GrpcServerOptions().setMaxMessageSize(MAX_MESSAGE_BYTES);
  }

  public static GrpcClientOptions clientOptions() {
    return new GrpcClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES);
  }

  /** HTTP/2 client options for gRPC over plain TCP (prior knowledge, no TLS on loopback/VPC). */
  public static HttpClientOptions httpClientOptions() {
    return new HttpClientOptions()
        .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false)
        .setHttp2MultiplexingLimit(1000);
  }
}
