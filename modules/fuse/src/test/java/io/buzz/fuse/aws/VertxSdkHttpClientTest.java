package io.buzz.fuse.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The SDK's Lambda client over {@link VertxSdkHttpClient}, against a real HTTP server on loopback:
 * what arrives is what the SDK signed, answers reach the SDK whole, and limits and failures end the
 * call.
 */
class VertxSdkHttpClientTest {
  private static final String KEY = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private Vertx vertx;
  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> connections = ConcurrentHashMap.newKeySet();
  private volatile Consumer<HttpServerRequest> answer = request -> request.response().end("{}");

  private record Received(String method, String uri, List<String[]> headers, byte[] body) {
    List<String> all(String name) {
      List<String> values = new ArrayList<>();
      for (String[] header : headers) {
        if (header[0].equalsIgnoreCase(name)) {
          values.add(header[1]);
        }
      }
      return values;
    }
  }

  @BeforeEach
  void startServer() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  connections.add(request.connection().remoteAddress().toString());
                  request
                      .body()
                      .onSuccess(
                          body -> {
                            List<String[]> headers = new ArrayList<>();
                            request
                                .headers()
                                .forEach(h -> headers.add(new String[] {h.getKey(), h.getValue()}));
                            received.add(
                                new Received(
                                    request.method().name(),
                                    request.uri(),
                                    headers,
                                    body.getBytes()));
                            answer.accept(request);
                          });
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private LambdaAsyncClient lambda(VertxSdkHttpClient http) {
    return lambda(http, server.actualPort());
  }

  private static LambdaAsyncClient lambda(VertxSdkHttpClient http, int port) {
    return LambdaAsyncClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
        .httpClient(http)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
        .build();
  }

  private static CompletableFuture<InvokeResponse> invoke(LambdaAsyncClient lambda, String body) {
    return lambda.invoke(
        r ->
            r.functionName("hbee")
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .payload(SdkBytes.fromString(body, StandardCharsets.UTF_8)));
  }

  @Test
  void whatArrivesIsWhatTheSdkSignedAndTheAnswerReachesTheSdkWhole() throws Exception {
    answer =
        request ->
            request
                .response()
                .putHeader("X-Amz-Function-Error", "Unhandled")
                .putHeader("X-Amz-Executed-Version", "$LATEST")
                .end("{\"errorMessage\":\"boom\"}");
    try (VertxSdkHttpClient http = new VertxSdkHttpClient(vertx, 4, Duration.ofSeconds(10), 1024);
        LambdaAsyncClient lambda = lambda(http)) {
      InvokeResponse response = invoke(lambda, "{\"task\":7}").get(10, TimeUnit.SECONDS);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.functionError()).isEqualTo("Unhandled");
      assertThat(response.executedVersion()).isEqualTo("$LATEST");
      assertThat(response.payload().asUtf8String()).isEqualTo("{\"errorMessage\":\"boom\"}");
    }
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/2015-03-31/functions/hbee/invocations");
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"task\":7}");
    assertThat(request.all("Host")).containsExactly("127.0.0.1:" + server.actualPort());
    assertThat(request.all("Content-Length")).containsExactly("10");
    assertThat(request.all("X-Amz-Invocation-Type")).containsExactly("RequestResponse");
    assertThat(request.all("Authorization")).hasSize(1);
    assertThat(request.all("Authorization").get(0)).isEqualTo(resigned(request));
  }

  /** The Authorization header the SDK's signer gives the request as the server received it. */
  private String resigned(Received request) {
    String authorization = request.all("Authorization").get(0);
    String signedHeaders =
        authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1"); // e.g. host;x-amz-date
    Instant at =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .parse(request.all("X-Amz-Date").get(0), Instant::from);
    SdkHttpFullRequest.Builder rebuilt =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method()))
            .uri(URI.create("http://127.0.0.1:" + server.actualPort() + request.uri()));
    for (String name : signedHeaders.split(";")) {
      if (!name.equals("host") && !name.equals("x-amz-date")) {
        rebuilt.putHeader(name, request.all(name));
      }
    }
    return AwsV4HttpSigner.create()
        .sign(
            r ->
                r.request(rebuilt.build())
                    .payload(ContentStreamProvider.fromByteArray(request.body()))
                    .identity(AwsCredentialsIdentity.create(KEY, SECRET))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
        .request()
        .firstMatchingHeader("Authorization")
        .orElseThrow();
  }

  @Test
  void invocationsBeyondTheConnectionsWaitForOneAndAllAnswer() throws Exception {
    answer = request -> vertx.setTimer(20, t -> request.response().end("{\"ok\":true}"));
    try (VertxSdkHttpClient http = new VertxSdkHttpClient(vertx, 4, Duration.ofSeconds(10), 1024);
        LambdaAsyncClient lambda = lambda(http)) {
      List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        calls.add(invoke(lambda, "{\"task\":" + i + "}"));
      }
      for (CompletableFuture<InvokeResponse> call : calls) {
        assertThat(call.get(10, TimeUnit.SECONDS).payload().asUtf8String())
            .isEqualTo("{\"ok\":true}");
      }
    }
    assertThat(received).hasSize(40);
    assertThat(connections).hasSizeBetween(1, 4);
  }

  @Test
  void callsFromThreadsOutsideVertxAllGetTheirAnswers() throws Exception {
    // Answers reach a response handler set later than their bytes arrive unless the exchange runs
    // on its connection's event loop: the SDK calls from whatever thread asked.
    answer = request -> request.response().end(request.getHeader("amz-sdk-invocation-id"));
    try (VertxSdkHttpClient http = new VertxSdkHttpClient(vertx, 64, Duration.ofSeconds(10), 1024);
        LambdaAsyncClient lambda = lambda(http)) {
      List<Thread> callers = new ArrayList<>();
      List<CompletableFuture<InvokeResponse>> calls = new CopyOnWriteArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread caller =
            new Thread(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    calls.add(invoke(lambda, "{}"));
                  }
                });
        callers.add(caller);
        caller.start();
      }
      for (Thread caller : callers) {
        caller.join();
      }
      for (CompletableFuture<InvokeResponse> call : calls) {
        assertThat(call.get(20, TimeUnit.SECONDS).payload().asUtf8String()).hasSize(36); // a UUID
      }
    }
    assertThat(received).hasSize(1_000);
  }

  @Test
  void callsStartedOnTheLoopsInTurnAnswerAndFailuresComeThrough() throws Exception {
    answer = request -> request.response().end(request.getHeader("amz-sdk-invocation-id"));
    try (VertxSdkHttpClient http =
            new VertxSdkHttpClient(vertx, 100, Duration.ofSeconds(10), 1024);
        LambdaAsyncClient lambda = lambda(http)) {
      List<io.vertx.core.Future<InvokeResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        calls.add(http.runOnNextLoop(() -> invoke(lambda, "{}")));
      }
      for (io.vertx.core.Future<InvokeResponse> call : calls) {
        assertThat(call.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS))
            .satisfies(r -> assertThat(r.payload().asUtf8String()).hasSize(36));
      }
      assertThat(received).hasSize(300);
      assertThat(connections).hasSizeLessThanOrEqualTo(100);

      io.vertx.core.Future<Object> thrown =
          http.runOnNextLoop(
              () -> {
                throw new IllegalStateException("refused at once");
              });
      io.vertx.core.Future<Object> failed =
          http.runOnNextLoop(
              () -> CompletableFuture.failedFuture(new IllegalStateException("refused later")));
      assertThatThrownBy(
              () -> thrown.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .hasRootCauseMessage("refused at once");
      assertThatThrownBy(
              () -> failed.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .hasRootCauseMessage("refused later");
    }
  }

  @Test
  void connectionsSpreadOverPoolsStayWithinTheLimit() throws Exception {
    // The first `asked` requests are held until all of them arrived: each needs a connection.
    List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    answer =
        request -> {
          if (held.size() >= VertxSdkHttpClient.CONNECTIONS_PER_POOL * 2 + 5) {
            request.response().end("{}");
            return;
          }
          held.add(request);
          if (held.size() == VertxSdkHttpClient.CONNECTIONS_PER_POOL * 2 + 5) {
            held.forEach(r -> r.response().end("{}"));
          }
        };
    int asked = VertxSdkHttpClient.CONNECTIONS_PER_POOL * 2 + 5; // at least three pools
    int limit;
    try (VertxSdkHttpClient http =
            new VertxSdkHttpClient(vertx, asked, Duration.ofSeconds(10), 1024);
        LambdaAsyncClient lambda = lambda(http)) {
      limit = http.connectionLimit();
      assertThat(limit).isBetween(asked, asked + 64); // rounded up to whole pools on each loop
      List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 3 * asked; i++) {
        calls.add(invoke(lambda, "{}"));
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
    assertThat(connections).hasSizeBetween(VertxSdkHttpClient.CONNECTIONS_PER_POOL + 1, limit);
  }

  @Test
  void asManyCallsAsConnectionsAreAllInFlightAtOnce() throws Exception {
    // HBees that wait for each other (the bench's gate) need every connection asked for: a call
    // must not wait on a full pool while another has a free connection.
    int asked = 50;
    List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    answer =
        request -> {
          held.add(request);
          if (held.size() == asked) {
            held.forEach(r -> r.response().end("{}"));
          }
        };
    try (VertxSdkHttpClient http =
            new VertxSdkHttpClient(vertx, asked, Duration.ofSeconds(30), 1024);
        LambdaAsyncClient lambda = lambda(http)) {
      // All from one event loop, whose own pools hold only its share of the connections.
      List<CompletableFuture<InvokeResponse>> calls = new CopyOnWriteArrayList<>();
      vertx.runOnContext(
          v -> {
            for (int i = 0; i < asked; i++) {
              calls.add(invoke(lambda, "{}"));
            }
          });
      while (calls.size() < asked) {
        Thread.sleep(10);
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aResponseOverTheLimitFailsTheCallNamingTheLimit() throws Exception {
    String big = "x".repeat(2_000);
    for (boolean chunked : new boolean[] {false, true}) {
      answer =
          request -> {
            if (chunked) {
              request.response().setChunked(true).write(big.substring(0, 1_000));
              request.response().end(big.substring(1_000));
            } else {
              request.response().end(big);
            }
          };
      try (VertxSdkHttpClient http =
              new VertxSdkHttpClient(vertx, 4, Duration.ofSeconds(10), 1024);
          LambdaAsyncClient lambda = lambda(http)) {
        assertThatThrownBy(() -> invoke(lambda, "{}").get(10, TimeUnit.SECONDS))
            .as(chunked ? "chunked" : "with a length")
            .hasRootCauseMessage(
                "the response from http://127.0.0.1:"
                    + server.actualPort()
                    + "/2015-03-31/functions/hbee/invocations ("
                    + (chunked ? "over 1024 bytes" : "2000 bytes")
                    + ") is over the client's limit of 1024 bytes");
      }
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    answer = request -> {}; // holds the request open
    try (VertxSdkHttpClient http = new VertxSdkHttpClient(vertx, 4, Duration.ofMillis(300), 1024);
        LambdaAsyncClient lambda = lambda(http)) {
      assertThatThrownBy(() -> invoke(lambda, "{}").get(10, TimeUnit.SECONDS))
          .rootCause()
          .hasMessageContaining("timeout");
    }
  }

  @Test
  void aCallTheSdkGivesUpOnLetsGoOfItsConnection() throws Exception {
    answer =
        request -> {
          if (new String(received.get(received.size() - 1).body(), StandardCharsets.UTF_8)
              .contains("second")) {
            request.response().end("{\"ok\":true}");
          } // the first is held open
        };
    try (VertxSdkHttpClient http = new VertxSdkHttpClient(vertx, 1, Duration.ofSeconds(30), 1024);
        LambdaAsyncClient lambda =
            LambdaAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.actualPort()))
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .httpClient(http)
                .overrideConfiguration(
                    ClientOverrideConfiguration.builder()
                        .retryPolicy(RetryPolicy.none())
                        .apiCallTimeout(Duration.ofMillis(500))
                        .build())
                .build()) {
      assertThatThrownBy(() -> invoke(lambda, "{\"first\":true}").get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ApiCallTimeoutException.class);
      // The one connection is free again: the held request was reset, not left to its 30 s.
      assertThat(
              invoke(lambda, "{\"second\":true}")
                  .get(10, TimeUnit.SECONDS)
                  .payload()
                  .asUtf8String())
          .isEqualTo("{\"ok\":true}");
    }
  }

  @Test
  void aClosedPortFailsTheCall() throws Exception {
    int port = server.actualPort();
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (VertxSdkHttpClient http = new VertxSdkHttpClient(vertx, 4, Duration.ofSeconds(5), 1024);
        LambdaAsyncClient lambda = lambda(http, port)) {
      assertThatThrownBy(() -> invoke(lambda, "{}").get(10, TimeUnit.SECONDS))
          .rootCause()
          .hasMessageContaining("Connection refused");
    }
  }
}
