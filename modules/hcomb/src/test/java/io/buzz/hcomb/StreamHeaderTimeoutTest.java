package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.flight.FlightServiceGrpcService;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A DoPut call that opens (HTTP/2 headers) and never sends its first message — the header naming
 * its query and task — is ended by the HComb instead of holding a stream forever.
 */
class StreamHeaderTimeoutTest extends HCombTestBase {
  @Override
  protected HCombConfig config() {
    return super.config().withStreamHeaderTimeout(Duration.ofMillis(300));
  }

  @Test
  void aCallWithoutItsHeaderMessageEndsWithDeadlineExceeded() {
    HttpClient http =
        clientVertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    try {
      String path =
          "/"
              + FlightServiceGrpcService.DoPut.serviceName().fullyQualifiedName()
              + "/"
              + FlightServiceGrpcService.DoPut.methodName();
      HttpClientResponse response =
          await(
              http.request(
                      new RequestOptions()
                          .setMethod(HttpMethod.POST)
                          .setServer(server)
                          .setURI(path)
                          .putHeader("content-type", "application/grpc")
                          .putHeader("te", "trailers"))
                  .compose(request -> request.sendHead().compose(v -> request.response()))
                  .compose(answer -> answer.end().map(answer)));
      eventually("the HComb saw the stream", () -> hcomb.stats().streamsTotal() == 1);

      String status = response.getHeader("grpc-status");
      if (status == null) {
        status = response.getTrailer("grpc-status");
      }
      String message =
          response.getHeader("grpc-message") != null
              ? response.getHeader("grpc-message")
              : response.getTrailer("grpc-message");
      assertThat(status).isEqualTo("4"); // DEADLINE_EXCEEDED
      assertThat(URLDecoder.decode(message, StandardCharsets.UTF_8))
          .contains("sent no header within 300 ms");
      eventually("the stream is closed", () -> hcomb.stats().openStreams() == 0);
    } finally {
      await(http.close());
    }
  }
}
