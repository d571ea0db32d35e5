package io.buzz.fuse.query;

import io.buzz.fuse.catalog.TableFile;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.task.Endpoint;
import io.buzz.protocol.task.FileRef;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.PartitionValue;
import java.util.ArrayList;
import java.util.List;

/** A query's HBee tasks: the selected files packed into tasks, numbered in order, attempt 0. */
final class HBeeTasks {
  private HBeeTasks() {}

  /**
   * @param packed each task's files, as {@link TaskPacking#pack} makes them
   * @param partitionKeys the table's partition keys; a file's values are in the same order
   * @param deadline epoch millis by which every task must have ended
   */
  static List<HBeeTask> forFiles(
      String queryId,
      HBeePlan plan,
      List<List<TableFile>> packed,
      List<String> partitionKeys,
      String token,
      Endpoint hcomb,
      long deadline) {
    List<HBeeTask> tasks = new ArrayList<>(packed.size());
    for (int id = 0; id < packed.size(); id++) {
      HBeeTask.Builder task =
          HBeeTask.newBuilder()
              .setQueryId(queryId)
              .setTaskId(id)
              .setAttempt(0)
              .setToken(token)
              .setPlan(plan)
              .setHcomb(hcomb)
              .setDeadlineEpochMillis(deadline);
      for (TableFile file : packed.get(id)) {
        task.addFiles(fileRef(file, partitionKeys));
      }
      tasks.add(task.build());
    }
    return tasks;
  }

  private static FileRef.Builder fileRef(TableFile file, List<String> partitionKeys) {
    FileRef.Builder ref =
        FileRef.newBuilder().setUri(file.uri()).setSize(file.size()).setVersion(file.version());
    if (file.deletionVector() != null) {
      ref.setDeletionVector(file.deletionVector());
    }
    for (int k = 0; k < partitionKeys.size(); k++) {
      String value = file.partitionValues().get(k);
      if (value != null) {
        ref.addPartitionValues(
            PartitionValue.newBuilder().setKey(partitionKeys.get(k)).setValue(value));
      }
    }
    return ref;
  }
}
