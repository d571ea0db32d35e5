package io.buzz.local.ecs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** One task of the ECS twin and its JSON form in the ECS API. Confined to the twin's context. */
final class EcsTask {
  final String arn;
  final String clusterArn;
  final String taskDefinitionArn;
  final TaskDefinitionSpec spec;
  final String startedBy;
  final Map<String, String> tags;
  final String privateIp;
  final double createdAt = System.currentTimeMillis() / 1000.0;
  String lastStatus = "PROVISIONING";
  String desiredStatus = "RUNNING";
  String stoppedReason;
  Integer exitCode;
  Process process;
  long provisioningTimer = -1;

  EcsTask(
      String arn,
      String clusterArn,
      String taskDefinitionArn,
      TaskDefinitionSpec spec,
      String startedBy,
      Map<String, String> tags,
      String privateIp) {
    this.arn = arn;
    this.clusterArn = clusterArn;
    this.taskDefinitionArn = taskDefinitionArn;
    this.spec = spec;
    this.startedBy = startedBy;
    this.tags = tags;
    this.privateIp = privateIp;
  }

  boolean stopped() {
    return "STOPPED".equals(lastStatus);
  }

  JsonObject toJson() {
    String eniId = "eni-" + Integer.toHexString(arn.hashCode());
    JsonObject container =
        new JsonObject()
            .put("name", spec.containerName())
            .put("lastStatus", "PROVISIONING".equals(lastStatus) ? "PENDING" : lastStatus)
            .put(
                "networkInterfaces",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("attachmentId", eniId)
                            .put("privateIpv4Address", privateIp)));
    if (exitCode != null) {
      container.put("exitCode", exitCode);
    }
    JsonArray tagList = new JsonArray();
    tags.forEach((key, value) -> tagList.add(new JsonObject().put("key", key).put("value", value)));
    JsonObject task =
        new JsonObject()
            .put("taskArn", arn)
            .put("clusterArn", clusterArn)
            .put("taskDefinitionArn", taskDefinitionArn)
            .put("launchType", "FARGATE")
            .put("lastStatus", lastStatus)
            .put("desiredStatus", desiredStatus)
            .put("createdAt", createdAt)
            .put("tags", tagList)
            .put("containers", new JsonArray().add(container))
            .put(
                "attachments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", eniId)
                            .put("type", "ElasticNetworkInterface")
                            .put("status", stopped() ? "DELETED" : "ATTACHED")
                            .put(
                                "details",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("name", "privateIPv4Address")
                                            .put("value", privateIp)))));
    if (startedBy != null) {
      task.put("startedBy", startedBy);
    }
    if (stoppedReason != null) {
      task.put("stoppedReason", stoppedReason);
    }
    return task;
  }
}
