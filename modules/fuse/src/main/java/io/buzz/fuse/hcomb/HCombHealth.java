package io.buzz.fuse.hcomb;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.grpc.GrpcErrors;
import io.buzz.protocol.hcomb.HCombServiceGrpcClient;
import io.buzz.protocol.hcomb.HealthRequest;
import io.buzz.protocol.hcomb.HealthResponse;
import io.buzz.protocol.task.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The health check an HComb manager runs before handing an HComb out: one unary gRPC call. */
public final class HCombHealth {
  private HCombHealth() {}

  /**
   * Asks the HComb at {@code endpoint} whether it serves. Fails with UNAVAILABLE naming the
   * endpoint when it cannot be reached or does not answer within {@code timeout}; completes with
   * {@link HealthResponse#getServing()} false when it answers but is shutting down.
   */
  public static Future<HealthResponse> check(
      GrpcClient client, Endpoint endpoint, Duration timeout) {
    String where = "HComb " + endpoint.getHost() + ":" + endpoint.getPort();
    return client
        .request(
            SocketAddress.inetSocketAddress(endpoint.getPort(), endpoint.getHost()),
            HCombServiceGrpcClient.Health)
        .compose(
            request -> {
              request.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
              return request.send(HealthRequest.getDefaultInstance());
            })
        .compose(response -> response.last())
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof java.util.concurrent.TimeoutException
                        ? new BuzzException(
                            ErrorCode.UNAVAILABLE,
                            where
                                + " did not answer its health check within "
                                + timeout.toMillis()
                                + " ms")
                        : GrpcErrors.fromClientFailure(failure, "health check of " + where)));
  }
}
