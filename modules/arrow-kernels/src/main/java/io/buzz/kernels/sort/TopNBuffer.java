package io.buzz.kernels.sort;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The state of a top-N: the best {@code limit} rows seen so far, sorted, in one compact batch
 * ({@code kept}), plus candidates not yet merged into it ({@code pending}).
 *
 * <pre>
 *  batch ─▶ keys vs. cutoff (kept's last row) ─▶ only strictly better rows copied ─▶ pending
 *                                                                                     │
 *  kept ◀── sort kept + pending, keep the first limit rows ◀── when pending is large ─┘
 * </pre>
 *
 * <p>Once {@code kept} is full, a row must sort strictly before the cutoff to be copied, so most
 * rows of a large input cost one key extraction and one prefix comparison. Memory stays below
 * {@code limit} kept rows plus {@code max(limit, MIN_PENDING_ROWS)} pending rows plus one batch.
 * Buffers come from the operator's allocator. Not thread-safe.
 */
final class TopNBuffer implements AutoCloseable {
  /** Pending rows that trigger compaction even when the limit is small. */
  static final int MIN_PENDING_ROWS = 1 << 12;

  /** Pending batches that trigger compaction, so that tiny candidate batches do not pile up. */
  static final int MAX_PENDING_BATCHES = 64;

  private final Schema schema;
  private final ColumnType[] types;
  private final List<SortKey> keys;
  private final int limit;
  private final BufferAllocator allocator;
  private Batch kept;
  private SortKeys keptKeys;
  private final List<Batch> pending = new ArrayList<>();
  private long pendingRows;

  TopNBuffer(
      Schema schema, ColumnType[] types, List<SortKey> keys, int limit, BufferAllocator allocator) {
    this.schema = schema;
    this.types = types;
    this.keys = keys;
    this.limit = limit;
    this.allocator = allocator;
  }

  /** Takes ownership of a non-empty batch. */
  void add(Batch batch) {
    if (limit == 0) {
      batch.close();
      return;
    }
    if (kept == null || kept.rowCount() < limit) {
      addPending(batch.transferTo(allocator));
      return;
    }
    try (batch) {
      SortKeys batchKeys = SortKeys.extract(List.of(batch), keys, schema);
      int cutoff = limit - 1;
      int n = batch.rowCount();
      int[] better = new int[n];
      int count = 0;
      for (int row = 0; row < n; row++) {
        if (batchKeys.compare(row, keptKeys, cutoff) < 0) {
          better[count++] = row;
        }
      }
      if (count > 0) {
        int[] starts = {0, n};
        addPending(
            RowGather.gather(schema, types, List.of(batch), starts, better, 0, count, allocator));
      }
    }
  }

  /** Moves the rows of {@code other} (same configuration) into the candidates. */
  void absorb(TopNBuffer other) {
    List<Batch> moved = new ArrayList<>(other.pending);
    if (other.kept != null) {
      moved.add(other.kept);
    }
    other.pending.clear();
    other.pendingRows = 0;
    other.kept = null;
    other.keptKeys = null;
    for (Batch batch : moved) {
      if (limit == 0) {
        batch.close();
      } else {
        addPending(batch.transferTo(allocator));
      }
    }
  }

  private void addPending(Batch batch) {
    pending.add(batch);
    pendingRows += batch.rowCount();
    long keptRows = kept == null ? 0 : kept.rowCount();
    if (keptRows + pendingRows > limit
        && (pendingRows >= Math.max(limit, MIN_PENDING_ROWS)
            || pending.size() >= MAX_PENDING_BATCHES)) {
      compact();
    }
  }

  /** Sorts kept and pending rows together and keeps the first {@code limit}. */
  private void compact() {
    List<Batch> all = new ArrayList<>(pending.size() + 1);
    if (kept != null) {
      all.add(kept);
    }
    all.addAll(pending);
    Batch compacted;
    try {
      SortKeys allKeys = SortKeys.extract(all, keys, schema);
      int[] order = PermutationSorter.sort(allKeys);
      int[] starts = new int[all.size() + 1];
      for (int b = 0; b < all.size(); b++) {
        starts[b + 1] = starts[b] + all.get(b).rowCount();
      }
      int count = Math.min(limit, allKeys.rowCount());
      compacted = RowGather.gather(schema, types, all, starts, order, 0, count, allocator);
    } finally {
      all.forEach(Batch::close);
      pending.clear();
      pendingRows = 0;
      kept = null;
      keptKeys = null;
    }
    kept = compacted;
    keptKeys = SortKeys.extract(List.of(compacted), keys, schema);
  }

  /** The kept rows from {@code offset} on, in order, as batches owned by the caller. */
  List<Batch> finish(long offset) {
    if (!pending.isEmpty()) {
      compact();
    }
    List<Batch> out = new ArrayList<>();
    if (kept == null || offset >= kept.rowCount()) {
      return out;
    }
    int rows = kept.rowCount();
    try {
      if (offset == 0 && rows <= SortOperator.MAX_OUTPUT_ROWS) {
        out.add(kept);
        kept = null;
        return out;
      }
      for (int at = (int) offset; at < rows; at += SortOperator.MAX_OUTPUT_ROWS) {
        out.add(kept.slice(at, Math.min(SortOperator.MAX_OUTPUT_ROWS, rows - at), allocator));
      }
      return out;
    } catch (RuntimeException e) {
      out.forEach(Batch::close);
      throw e;
    }
  }

  long memoryBytes() {
    long bytes = kept == null ? 0 : kept.sizeInBytes() + keptKeys.memoryBytes();
    for (Batch batch : pending) {
      bytes += batch.sizeInBytes();
    }
    return bytes;
  }

  @Override
  public void close() {
    if (kept != null) {
      kept.close();
      kept = null;
      keptKeys = null;
    }
    pending.forEach(Batch::close);
    pending.clear();
    pendingRows = 0;
  }
}
