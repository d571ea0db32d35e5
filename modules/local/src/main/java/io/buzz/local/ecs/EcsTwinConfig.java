package io.buzz.local.ecs;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the {@link EcsTwin}.
 *
 * @param region reported in ARNs
 * @param accountId reported in ARNs
 * @param accessKeyId the only access key the twin accepts (others: UnrecognizedClientException)
 * @param clusters clusters that exist
 * @param taskDefinitions task definitions that exist, by family
 * @param logDirectory where each task's output goes
 */
public record EcsTwinConfig(
    String region,
    String accountId,
    String accessKeyId,
    Set<String> clusters,
    Map<String, TaskDefinitionSpec> taskDefinitions,
    Path logDirectory) {
  public EcsTwinConfig {
    requireNonNull(region, "region is null");
    requireNonNull(accountId, "accountId is null");
    requireNonNull(accessKeyId, "accessKeyId is null");
    requireNonNull(logDirectory, "logDirectory is null");
    clusters = Set.copyOf(clusters);
    taskDefinitions = Map.copyOf(taskDefinitions);
  }

  /** One cluster running the given task definitions. */
  public static EcsTwinConfig of(
      String cluster, String accessKeyId, Path logDirectory, TaskDefinitionSpec... definitions) {
    Map<String, TaskDefinitionSpec> byFamily = new LinkedHashMap<>();
    for (TaskDefinitionSpec definition : definitions) {
      byFamily.put(definition.family(), definition);
    }
    return new EcsTwinConfig(
        "us-east-1", "000000000000", accessKeyId, Set.of(cluster), byFamily, logDirectory);
  }
}
