package io.buzz.fuse.aws;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.invoke.LambdaFunctionErrors;
import io.buzz.protocol.query.Started;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.storage.io.S3Clients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Runs a query on the deployed Fuse function ({@code buzz query --aws}): invokes it with the
 * query's JSON through {@link LambdaAsyncClient}, and reads the Arrow result from the answer, or
 * from S3 where the function wrote a large one. Blocking; for command-line use.
 */
public final class FuseFunctionClient implements AutoCloseable {
  private final AwsSettings settings;
  private final LambdaAsyncClient lambda;
  private final S3AsyncClient s3;

  public FuseFunctionClient(AwsSettings settings, AwsCredentialsProvider credentials) {
    this.settings = requireNonNull(settings, "settings is null");
    var builder =
        LambdaAsyncClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofMinutes(16)))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    // A query must not run twice because a response was slow: no SDK retries.
                    .retryPolicy(RetryPolicy.none())
                    .apiCallTimeout(Duration.ofMinutes(16))
                    .build());
    settings.endpoints().lambda().ifPresent(builder::endpointOverride);
    this.lambda = builder.build();
    S3ClientConfig s3Config = S3ClientConfig.aws(settings.region());
    this.s3 =
        S3Clients.create(
            settings.endpoints().s3().map(s3Config::withEndpoint).orElse(s3Config), credentials);
  }

  /**
   * Runs {@code json} and returns its result, owned by the caller.
   *
   * @throws BuzzException the query's own error (its code and message, from the function), or why
   *     the function could not be reached
   */
  public QueryResult query(String json, Duration timeout, BufferAllocator allocator) {
    String function = settings.fuseFunction();
    InvokeResponse response =
        join(
            lambda.invoke(
                b ->
                    b.functionName(function)
                        .payload(SdkBytes.fromString(json, StandardCharsets.UTF_8))),
            timeout,
            "invoking the Fuse function " + function);
    byte[] payload = response.payload() == null ? new byte[0] : response.payload().asByteArray();
    if (response.functionError() != null) {
      // The query's own error reads as it would locally: without the "function failed" prefix.
      throw LambdaFunctionErrors.classifyQueryError("the Fuse function " + function, payload);
    }
    FuseResponse answer = FuseResponse.parse(payload);
    byte[] stream =
        answer.arrowStream().isPresent()
            ? answer.arrowStream().get()
            : fetch(answer.location().orElseThrow(), timeout);
    Started started =
        Started.newBuilder()
            .setQueryId(answer.queryId())
            .setFilesListed(answer.statistics().getFilesListed())
            .setFilesSelected(answer.statistics().getFilesSelected())
            .setHbeeTasks(answer.statistics().getHbeeTasks())
            .build();
    return decode(stream, allocator, started, answer);
  }

  private byte[] fetch(URI location, Duration timeout) {
    String bucket = location.getHost();
    String key = location.getPath().replaceFirst("^/", "");
    return join(
            s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()),
            timeout,
            "reading the result at " + location)
        .asByteArray();
  }

  private static QueryResult decode(
      byte[] stream, BufferAllocator allocator, Started started, FuseResponse answer) {
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try (ArrowStreamReader reader =
        new ArrowStreamReader(new ByteArrayInputStream(stream), allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      Schema schema = root.getSchema();
      while (reader.loadNextBatch()) {
        List<FieldVector> vectors = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
          TransferPair pair = vector.getTransferPair(allocator);
          pair.transfer();
          vectors.add((FieldVector) pair.getTo());
        }
        VectorSchemaRoot batch = new VectorSchemaRoot(vectors);
        batch.setRowCount(root.getRowCount());
        batches.add(batch);
      }
      return new QueryResult(schema, batches, started, answer.statistics());
    } catch (IOException | RuntimeException e) {
      batches.forEach(VectorSchemaRoot::close);
      throw new BuzzException(
          ErrorCode.INTERNAL, "the Fuse function's result is not an Arrow stream: " + e, e);
    }
  }

  private static <T> T join(
      java.util.concurrent.CompletableFuture<T> call, Duration timeout, String what) {
    try {
      return call.get(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = AwsErrors.unwrap(e.getCause() == null ? e : e.getCause());
      if (cause instanceof ResourceNotFoundException) {
        throw new BuzzException(
            ErrorCode.INVALID_CONFIG,
            what + ": the function does not exist (setting " + AwsSettings.FUSE_FUNCTION + ")",
            cause);
      }
      throw AwsErrors.common(cause, what)
          .orElseGet(
              () ->
                  new BuzzException(
                      ErrorCode.UNAVAILABLE, what + ": " + cause.getMessage(), cause));
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new BuzzException(
          ErrorCode.DEADLINE_EXCEEDED, what + ": no answer within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new BuzzException(ErrorCode.CANCELLED, what + ": interrupted");
    }
  }

  @Override
  public void close() {
    lambda.close();
    s3.close();
  }
}
