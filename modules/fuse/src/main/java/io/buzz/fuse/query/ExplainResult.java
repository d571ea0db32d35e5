package io.buzz.fuse.query;

import com.google.protobuf.ByteString;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.IpcCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The answer to {@code EXPLAIN SELECT ...}: what would run where, as a result of one text column,
 * {@code plan}, one row per line — the files chosen and the tasks they make, then the plan. Nothing
 * is invoked and no HComb is acquired.
 */
final class ExplainResult {
  static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("plan", new FieldType(false, ArrowType.Utf8.INSTANCE, null), List.of())));

  private ExplainResult() {}

  /**
   * The lines of the answer.
   *
   * @param listed the table's files
   * @param selected the files the query would read
   * @param skippedByStatistics of the files the partition filter kept, those statistics ruled out
   * @param tasks the HBee invocations the selected files make
   * @param maxTasks the Fuse's limit of tasks per query
   * @param plan the planner's rendering of the plan
   */
  static List<String> lines(
      int listed, int selected, int skippedByStatistics, int tasks, int maxTasks, String plan) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "files: "
            + selected
            + " of "
            + listed
            + " selected"
            + (skippedByStatistics > 0
                ? " (" + skippedByStatistics + " more ruled out by their statistics)"
                : "")
            + ", in "
            + tasks
            + " HBee task"
            + (tasks == 1 ? "" : "s")
            + (tasks > maxTasks
                ? " — over the limit of " + maxTasks + "; the query would fail"
                : ""));
    lines.addAll(plan.lines().toList());
    return lines;
  }

  /** Sends {@code lines} to {@code sink} as the result's schema and one batch. */
  static void send(QueryEventSink sink, List<String> lines, BufferAllocator allocator) {
    sink.schema(ByteString.copyFrom(IpcCodec.encodeSchema(SCHEMA)));
    VarCharVector column = new VarCharVector(SCHEMA.getFields().get(0), allocator);
    try {
      column.allocateNew(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        column.setSafe(i, lines.get(i).getBytes(StandardCharsets.UTF_8));
      }
      column.setValueCount(lines.size());
    } catch (RuntimeException e) {
      column.close();
      throw e;
    }
    try (Batch batch = new Batch(SCHEMA, List.of(column), lines.size())) {
      sink.batch(ByteString.copyFrom(IpcCodec.encodeBatch(batch)));
    }
  }
}
