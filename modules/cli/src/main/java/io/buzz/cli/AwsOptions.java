package io.buzz.cli;

import io.buzz.fuse.aws.AwsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --aws} and {@code --aws-config FILE}: run against Buzz deployed on AWS. Settings come from
 * the file ({@code ~/.buzz/aws.properties} when not given and it exists), then the {@code
 * BUZZ_AWS_*} environment variables; see the README's "Buzz on AWS".
 */
final class AwsOptions {
  @Option(names = "--aws", description = "use Buzz deployed on AWS (see --aws-config)")
  boolean aws;

  @Option(
      names = "--aws-config",
      paramLabel = "FILE",
      description =
          "AWS settings (properties); default ~/.buzz/aws.properties if it exists, then the"
              + " BUZZ_AWS_* environment variables")
  Path file;

  /** The settings, validated; INVALID_CONFIG naming the setting otherwise. */
  AwsSettings load(Map<String, String> environment, boolean forFuse) {
    Optional<Path> config = Optional.ofNullable(file);
    if (config.isEmpty()) {
      Path home = Path.of(System.getProperty("user.home"), ".buzz", "aws.properties");
      if (Files.isRegularFile(home)) {
        config = Optional.of(home);
      }
    }
    return AwsSettings.load(config, environment, forFuse);
  }
}
