package io.buzz.local.ecs;

import static java.util.Objects.requireNonNull;

import io.buzz.hcomb.HCombMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task definition the ECS twin knows: what its one container runs as a process on this machine.
 *
 * @param family the task definition's family, as RunTask names it ({@code family}, {@code
 *     family:revision} or its ARN)
 * @param containerName the container's name in DescribeTasks
 * @param command the process: executable and arguments
 * @param workingDirectory where it runs
 * @param environment the container's environment; the twin adds {@code BUZZ_HCOMB_HOST}, the task's
 *     private address
 * @param provisioningDelay how long the task stays PROVISIONING before its process starts (Fargate
 *     takes tens of seconds); a very long one is a task that never becomes RUNNING
 */
public record TaskDefinitionSpec(
    String family,
    String containerName,
    List<String> command,
    Path workingDirectory,
    Map<String, String> environment,
    Duration provisioningDelay) {
  public TaskDefinitionSpec {
    requireNonNull(family, "family is null");
    requireNonNull(containerName, "containerName is null");
    requireNonNull(workingDirectory, "workingDirectory is null");
    requireNonNull(provisioningDelay, "provisioningDelay is null");
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command is empty");
    }
  }

  /**
   * The HComb's task definition: {@code java -cp 'lib/*' io.buzz.hcomb.HCombMain} from the HComb
   * distribution with the heap flags of its container image ({@link HCombMain#HEAP_FLAGS}, G1), in
   * a task of {@code taskMemoryMb} ({@code -XX:MaxRAM}: the machine's memory is not the task's).
   */
  public static TaskDefinitionSpec hcomb(
      String family, Path dist, Map<String, String> environment, int taskMemoryMb) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.addAll(List.of("-XX:MaxRAM=" + taskMemoryMb + "m", "-XX:MaxRAMPercentage=40"));
    command.add("-XX:+UseG1GC");
    command.addAll(HCombMain.HEAP_FLAGS);
    command.addAll(List.of("-cp", dist.resolve("lib").toAbsolutePath() + "/*"));
    command.add(HCombMain.class.getName());
    return new TaskDefinitionSpec(family, "hcomb", command, dist, environment, Duration.ZERO);
  }

  public TaskDefinitionSpec withProvisioningDelay(Duration delay) {
    return new TaskDefinitionSpec(
        family, containerName, command, workingDirectory, environment, delay);
  }

  public TaskDefinitionSpec withFamily(String name) {
    return new TaskDefinitionSpec(
        name, containerName, command, workingDirectory, environment, provisioningDelay);
  }
}
