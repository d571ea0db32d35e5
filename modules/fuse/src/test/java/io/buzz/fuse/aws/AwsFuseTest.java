package io.buzz.fuse.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.fuse.FuseConfig;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsFuseTest {
  @Test
  void runsOneEventLoopPerCore() {
    // Every endpoint on a closed local port: starting makes no AWS call, and nothing may reach AWS.
    Map<String, String> env =
        Map.of(
            "BUZZ_AWS_REGION", "us-east-1",
            "BUZZ_AWS_HBEE_FUNCTION", "buzz-hbee",
            "BUZZ_AWS_HCOMB_CLUSTER", "buzz",
            "BUZZ_AWS_HCOMB_TASK_DEFINITION", "buzz-hcomb:1",
            "BUZZ_AWS_HCOMB_SUBNETS", "subnet-a",
            "BUZZ_AWS_HCOMB_SECURITY_GROUPS", "sg-1",
            "BUZZ_AWS_ENDPOINT_LAMBDA", "http://127.0.0.1:1",
            "BUZZ_AWS_ENDPOINT_ECS", "http://127.0.0.1:1",
            "BUZZ_AWS_ENDPOINT_S3", "http://127.0.0.1:1");
    try (AwsFuse fuse =
        AwsFuse.start(
            AwsSettings.load(Optional.empty(), env, true),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")),
            FuseConfig.defaults())) {
      int loops = 0;
      for (EventExecutor ignored : ((VertxInternal) fuse.vertx()).nettyEventLoopGroup()) {
        loops++;
      }
      assertThat(loops)
          .isEqualTo(Runtime.getRuntime().availableProcessors())
          .isLessThan(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    }
  }
}
