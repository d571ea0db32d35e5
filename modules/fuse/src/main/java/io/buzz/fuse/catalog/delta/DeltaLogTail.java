package io.buzz.fuse.catalog.delta;

import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRange;
import io.delta.kernel.CommitRangeBuilder.CommitBoundary;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.actions.RemoveFile;
import io.delta.kernel.utils.CloseableIterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a kept {@link DeltaState} up to the table's latest version by applying only the commits
 * after it (Delta Kernel reads them): each {@code remove} takes a file away, each {@code add} puts
 * one, by the log's key (path and deletion vector). A commit that changes the table's metadata or
 * protocol is not applied: the table is then read again in full, so Kernel checks its features and
 * schema.
 */
final class DeltaLogTail {
  private static final Set<DeltaAction> ACTIONS =
      Set.of(DeltaAction.ADD, DeltaAction.REMOVE, DeltaAction.METADATA, DeltaAction.PROTOCOL);

  private DeltaLogTail() {}

  /**
   * @return the state after the commits following {@code state}; empty when one of them changes the
   *     metadata or the protocol
   */
  static Optional<DeltaState> apply(Engine engine, DeltaState state) throws Exception {
    CommitRange range =
        TableManager.loadCommitRange(state.root(), CommitBoundary.atVersion(state.version() + 1))
            .build(engine);
    Map<String, io.buzz.fuse.catalog.TableFile> files = new LinkedHashMap<>(state.files());
    try (CloseableIterator<CommitActions> commits = range.getCommitActions(engine, ACTIONS)) {
      while (commits.hasNext()) {
        try (CommitActions commit = commits.next();
            CloseableIterator<ColumnarBatch> batches = commit.getActions()) {
          while (batches.hasNext()) {
            if (!applyBatch(state, batches.next(), files)) {
              return Optional.empty();
            }
          }
        }
      }
    }
    return Optional.of(
        new DeltaState(
            state.root(),
            state.uri(),
            state.schema(),
            state.partitionKeys(),
            state.physicalKeys(),
            files,
            range.getEndVersion()));
  }

  /** Applies one batch of actions; false when it changes the metadata or the protocol. */
  private static boolean applyBatch(
      DeltaState state, ColumnarBatch batch, Map<String, io.buzz.fuse.catalog.TableFile> files)
      throws Exception {
    int add = batch.getSchema().indexOf("add");
    int remove = batch.getSchema().indexOf("remove");
    int metadata = batch.getSchema().indexOf("metaData");
    int protocol = batch.getSchema().indexOf("protocol");
    try (CloseableIterator<Row> rows = batch.getRows()) {
      while (rows.hasNext()) {
        Row row = rows.next();
        if (!row.isNullAt(metadata) || !row.isNullAt(protocol)) {
          return false;
        }
        if (!row.isNullAt(remove)) {
          Row removed = row.getStruct(remove);
          int vector = RemoveFile.FULL_SCHEMA.indexOf("deletionVector");
          DeletionVectorDescriptor descriptor =
              removed.isNullAt(vector)
                  ? null
                  : DeletionVectorDescriptor.fromRow(removed.getStruct(vector));
          files.remove(DeltaState.key(state.uriOf(new RemoveFile(removed).getPath()), descriptor));
        }
        if (!row.isNullAt(add)) {
          AddFile added = new AddFile(row.getStruct(add));
          io.buzz.fuse.catalog.TableFile file = state.file(added);
          files.put(DeltaState.key(file.uri(), added.getDeletionVector().orElse(null)), file);
        }
      }
    }
    return true;
  }
}
