package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.aws.AwsFuse;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.local.twin.AwsTwins;
import io.buzz.protocol.task.Endpoint;
import io.buzz.testing.Await;
import io.buzz.testing.EmbeddedS3;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HComb task stops itself after its idle shutdown — its process exits and the ECS twin reports
 * it STOPPED, so it stops costing — and the next acquisition starts another.
 */
class AwsModeIdleShutdownTest {
  @Test
  void anIdleHCombTaskStopsAndTheNextQueryStartsAnother(@TempDir Path temp) throws Exception {
    try (EmbeddedS3 s3 = new EmbeddedS3();
        AwsTwins twins =
            AwsTwins.start(
                AwsTwins.Config.of(s3.endpoint(), s3.accessKeyId(), s3.secretAccessKey(), temp)
                    .withLambdaConcurrency(1)
                    .withHCombIdleShutdown(Duration.ofSeconds(2)));
        AwsFuse fuse =
            AwsFuse.start(
                AwsSettings.from(twins.settings(), true),
                twins.credentials(),
                FuseConfig.defaults())) {
      List<Endpoint> first = Await.result(fuse.services().hcombs().acquire(1));
      List<String> running = Await.result(twins.ecs().runningTasks());
      assertThat(running).hasSize(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!Await.result(twins.ecs().runningTasks()).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(Await.result(twins.ecs().runningTasks())).as("the idle task stopped").isEmpty();
      List<Endpoint> second = Await.result(fuse.services().hcombs().acquire(1));
      assertThat(second).isNotEqualTo(first);
      assertThat(Await.result(twins.ecs().runningTasks()))
          .hasSize(1)
          .doesNotContainAnyElementsOf(running);
    }
  }
}
