package io.buzz.cli;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.storage.io.S3Clients;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How the local engine ({@code buzz query}, {@code buzz serve}) reads {@code s3://} catalogs: the
 * AWS command line's own settings, from options first, then the environment, then the shared
 * profile files, as the AWS CLI reads them.
 *
 * <ul>
 *   <li>credentials: {@code --no-sign-request}; {@code --profile}; {@code AWS_ACCESS_KEY_ID} and
 *       {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}); {@code AWS_PROFILE}; else
 *       the SDK's default chain (profile files, SSO, container and instance roles);
 *   <li>region: {@code --region}, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the profile's
 *       {@code region}, else us-east-1; against AWS a bucket in another region is read there;
 *   <li>endpoint: {@code --s3-endpoint}, {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, for
 *       S3-compatible stores (MinIO, Ceph, LocalStack), with path-style addressing;
 *   <li>profile files: {@code AWS_SHARED_CREDENTIALS_FILE} and {@code AWS_CONFIG_FILE}, else {@code
 *       ~/.aws/credentials} and {@code ~/.aws/config}.
 * </ul>
 */
final class S3Options {
  static final String DEFAULT_REGION = "us-east-1";
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d+|[a-z0-9-]+");

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "AWS profile for s3:// catalogs; default $AWS_PROFILE")
  String profile;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region for s3:// catalogs; default $AWS_REGION, the profile's, else us-east-1 (a"
              + " bucket elsewhere is found)")
  String region;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "S3-compatible endpoint (MinIO, Ceph, LocalStack), path-style; default"
              + " $AWS_ENDPOINT_URL_S3")
  String endpoint;

  @Option(
      names = "--no-sign-request",
      description = "read s3:// catalogs without credentials (public buckets)")
  boolean noSignRequest;

  /** The option given on the command line, if any: they apply to the local engine only. */
  Optional<String> givenOption() {
    if (profile != null) {
      return Optional.of("--profile");
    }
    if (region != null) {
      return Optional.of("--region");
    }
    if (endpoint != null) {
      return Optional.of("--s3-endpoint");
    }
    return noSignRequest ? Optional.of("--no-sign-request") : Optional.empty();
  }

  /**
   * The S3 client settings these options and {@code environment} describe.
   *
   * @throws BuzzException INVALID_CONFIG naming the option or variable that is wrong
   */
  S3ClientConfig resolve(Map<String, String> environment) {
    Optional<Path> credentialsFile =
        variable(environment, "AWS_SHARED_CREDENTIALS_FILE").map(Path::of);
    Optional<Path> configFile = variable(environment, "AWS_CONFIG_FILE").map(Path::of);
    Optional<String> profileName =
        Optional.ofNullable(profile)
            .or(() -> variable(environment, "AWS_PROFILE"))
            .or(() -> variable(environment, "AWS_DEFAULT_PROFILE"));
    S3ClientConfig.Credentials credentials =
        credentials(environment, profileName, credentialsFile, configFile);
    String resolvedRegion =
        Optional.ofNullable(region)
            .map(r -> checkedRegion(r, "--region"))
            .or(() -> variable(environment, "AWS_REGION").map(r -> checkedRegion(r, "AWS_REGION")))
            .or(
                () ->
                    variable(environment, "AWS_DEFAULT_REGION")
                        .map(r -> checkedRegion(r, "AWS_DEFAULT_REGION")))
            .or(() -> profileRegion(profileName.orElse("default"), credentialsFile, configFile))
            .orElse(DEFAULT_REGION);
    S3ClientConfig config = S3ClientConfig.aws(resolvedRegion).withCredentials(credentials);
    Optional<String> url =
        Optional.ofNullable(endpoint)
            .map(e -> "--s3-endpoint=" + e)
            .or(
                () ->
                    variable(environment, "AWS_ENDPOINT_URL_S3")
                        .map(e -> "AWS_ENDPOINT_URL_S3=" + e))
            .or(() -> variable(environment, "AWS_ENDPOINT_URL").map(e -> "AWS_ENDPOINT_URL=" + e));
    return url.map(setting -> config.withEndpoint(endpoint(setting))).orElse(config);
  }

  private S3ClientConfig.Credentials credentials(
      Map<String, String> environment,
      Optional<String> profileName,
      Optional<Path> credentialsFile,
      Optional<Path> configFile) {
    if (noSignRequest) {
      if (profile != null) {
        throw invalid("--no-sign-request and --profile exclude each other");
      }
      return new S3ClientConfig.Anonymous();
    }
    if (profile != null) {
      return new S3ClientConfig.Profile(profile, credentialsFile, configFile);
    }
    Optional<String> key = variable(environment, "AWS_ACCESS_KEY_ID");
    Optional<String> secret = variable(environment, "AWS_SECRET_ACCESS_KEY");
    if (key.isPresent() != secret.isPresent()) {
      throw invalid(
          (key.isPresent() ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")
              + " is set but "
              + (key.isPresent() ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID")
              + " is not");
    }
    if (key.isPresent()) {
      return new S3ClientConfig.StaticCredentials(
          key.get(), secret.get(), variable(environment, "AWS_SESSION_TOKEN"));
    }
    if (profileName.isPresent() || credentialsFile.isPresent() || configFile.isPresent()) {
      return new S3ClientConfig.Profile(profileName.orElse("default"), credentialsFile, configFile);
    }
    return new S3ClientConfig.DefaultChain();
  }

  /** The {@code region} of the profile in the shared config file, if it names one. */
  private static Optional<String> profileRegion(
      String name, Optional<Path> credentialsFile, Optional<Path> configFile) {
    try {
      return S3Clients.profileFiles(new S3ClientConfig.Profile(name, credentialsFile, configFile))
          .profile(name)
          .flatMap(p -> p.property("region"))
          .map(r -> checkedRegion(r, "the region of profile '" + name + "'"));
    } catch (RuntimeException unreadable) {
      if (unreadable instanceof BuzzException) {
        throw unreadable;
      }
      throw invalid("cannot read the AWS profile files: " + unreadable.getMessage());
    }
  }

  private static URI endpoint(String setting) {
    String value = setting.substring(setting.indexOf('=') + 1);
    String name = setting.substring(0, setting.indexOf('='));
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw invalid(name + " must be an http:// or https:// URL with a host, got '" + value + "'");
  }

  private static String checkedRegion(String value, String setting) {
    if (!REGION.matcher(value).matches()) {
      throw invalid(setting + " '" + value + "' is not an AWS region name (e.g. eu-west-1)");
    }
    return value;
  }

  private static Optional<String> variable(Map<String, String> environment, String name) {
    return Optional.ofNullable(environment.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static BuzzException invalid(String message) {
    return new BuzzException(ErrorCode.INVALID_CONFIG, message);
  }
}
