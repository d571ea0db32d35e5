package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.DelegatingS3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * Builds the {@link S3AsyncClient} HBees read with: the Netty async HTTP client (no Apache client
 * on the classpath), checksums computed and validated only when S3 requires them (ranged GETs
 * cannot be validated against whole-object checksums, and S3-compatible servers reject the SDK's
 * default CRC32 headers), and the region, endpoint, addressing style and credentials of an {@link
 * S3ClientConfig}. The caller owns the client and must close it; one client serves many {@link
 * S3ByteSource}s concurrently.
 */
public final class S3Clients {
  private S3Clients() {}

  public static S3AsyncClient create(S3ClientConfig config) {
    requireNonNull(config, "config is null");
    return create(config, credentials(config));
  }

  /** A client signing with {@code credentials} instead of those {@code config} names. */
  public static S3AsyncClient create(S3ClientConfig config, AwsCredentialsProvider credentials) {
    requireNonNull(config, "config is null");
    requireNonNull(credentials, "credentials is null");
    // The client's own event loops, shut down with a short quiet period when it closes: the SDK's
    // default waits 2 s, which every `buzz query` would pay on its way out.
    // NioEventLoopGroup (not Netty 4.2's MultiThreadIoEventLoopGroup): the SDK only recognizes it.
    @SuppressWarnings("deprecation")
    NioEventLoopGroup eventLoops =
        new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
    S3AsyncClientBuilder builder =
        S3AsyncClient.builder()
            .region(Region.of(config.region()))
            // against AWS, a bucket in another region is found and read there
            .crossRegionAccessEnabled(config.endpointOverride().isEmpty())
            .forcePathStyle(config.pathStyle())
            .credentialsProvider(credentials)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .eventLoopGroup(SdkEventLoopGroup.create(eventLoops))
                    .maxConcurrency(config.maxConcurrency())
                    .connectionTimeout(config.connectionTimeout())
                    .readTimeout(config.readTimeout()));
    config.endpointOverride().ifPresent(builder::endpointOverride);
    return new DelegatingS3AsyncClient(builder.build()) {
      @Override
      public void close() {
        super.close();
        // A short quiet period, waited for: the SDK still hands the releases of just-closed
        // connections to these loops, and rejected ones would be logged as errors.
        eventLoops.shutdownGracefully(200, 3000, TimeUnit.MILLISECONDS).awaitUninterruptibly(4000);
      }
    };
  }

  /** The provider {@code config}'s credentials name. */
  public static AwsCredentialsProvider credentials(S3ClientConfig config) {
    S3ClientConfig.Credentials source = config.credentials();
    if (source instanceof S3ClientConfig.StaticCredentials keys) {
      AwsCredentials credentials =
          keys.sessionToken().isPresent()
              ? AwsSessionCredentials.create(
                  keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken().get())
              : AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey());
      return StaticCredentialsProvider.create(credentials);
    }
    if (source instanceof S3ClientConfig.Anonymous) {
      return AnonymousCredentialsProvider.create();
    }
    if (source instanceof S3ClientConfig.Profile profile) {
      return ProfileCredentialsProvider.builder()
          .profileName(profile.name())
          .profileFile(profileFiles(profile))
          .build();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** The shared credentials and config files, those the profile names or the usual ones. */
  public static ProfileFile profileFiles(S3ClientConfig.Profile profile) {
    ProfileFile.Aggregator files = ProfileFile.aggregator();
    profile
        .configFile()
        .ifPresentOrElse(
            path -> files.addFile(file(path, ProfileFile.Type.CONFIGURATION)),
            () -> files.addFile(defaultFile(ProfileFile.Type.CONFIGURATION)));
    profile
        .credentialsFile()
        .ifPresentOrElse(
            path -> files.addFile(file(path, ProfileFile.Type.CREDENTIALS)),
            () -> files.addFile(defaultFile(ProfileFile.Type.CREDENTIALS)));
    return files.build();
  }

  private static ProfileFile file(java.nio.file.Path path, ProfileFile.Type type) {
    if (!java.nio.file.Files.isRegularFile(path)) {
      return ProfileFile.builder()
          .content(java.io.InputStream.nullInputStream())
          .type(type)
          .build();
    }
    return ProfileFile.builder().content(path).type(type).build();
  }

  private static ProfileFile defaultFile(ProfileFile.Type type) {
    java.nio.file.Path path =
        type == ProfileFile.Type.CONFIGURATION
            ? ProfileFileLocation.configurationFilePath()
            : ProfileFileLocation.credentialsFilePath();
    return file(path, type);
  }
}
