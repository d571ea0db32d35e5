package io.buzz.fuse.hcomb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * Where and how the {@link FargateHCombManager} runs HCombs on ECS Fargate.
 *
 * @param cluster the ECS cluster (name or ARN)
 * @param taskDefinition the HComb's task definition ({@code family}, {@code family:revision} or
 *     ARN)
 * @param subnets private subnets for the tasks' network interfaces (awsvpc), one zone each ideally
 * @param securityGroups security groups of the tasks: HBees and the Fuse must reach the gRPC port
 * @param assignPublicIp give tasks a public IP (only for subnets without a NAT or endpoints)
 * @param port the HComb's gRPC port in the task definition ({@code BUZZ_HCOMB_PORT})
 * @param startedBy marks the tasks this stack starts ({@code startedBy}, at most 36 characters):
 *     running ones are found and reused with it
 * @param startTimeout how long acquiring may take: RunTask, waiting for RUNNING and an address, and
 *     the first health check, together
 * @param healthTimeout how long one health check may take
 */
public record FargateConfig(
    String cluster,
    String taskDefinition,
    List<String> subnets,
    List<String> securityGroups,
    boolean assignPublicIp,
    int port,
    String startedBy,
    Duration startTimeout,
    Duration healthTimeout) {
  public FargateConfig {
    requireNonNull(cluster, "cluster is null");
    requireNonNull(taskDefinition, "taskDefinition is null");
    requireNonNull(startedBy, "startedBy is null");
    requireNonNull(startTimeout, "startTimeout is null");
    requireNonNull(healthTimeout, "healthTimeout is null");
    subnets = List.copyOf(subnets);
    securityGroups = List.copyOf(securityGroups);
    if (subnets.isEmpty()) {
      throw new IllegalArgumentException("at least one subnet is needed for awsvpc tasks");
    }
    if (startedBy.isEmpty() || startedBy.length() > 36) {
      throw new IllegalArgumentException("startedBy must have 1 to 36 characters");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535");
    }
  }
}
