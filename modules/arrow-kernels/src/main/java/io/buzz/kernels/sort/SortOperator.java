package io.buzz.kernels.sort;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.operator.Accumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * ORDER BY with optional OFFSET / FETCH, as an {@link Accumulator} (see {@code buzz.plan.v1.Sort}).
 *
 * <ul>
 *   <li>Without fetch: a full sort. Every added batch is kept (moved to this operator's allocator);
 *       {@link #finish()} extracts the keys into primitive arrays, radix-sorts a row permutation by
 *       a normalised prefix of the keys, orders prefix ties with comparators specialised per key
 *       type, skips {@code offset} rows and gathers the rest.
 *   <li>With fetch: a top-N that never holds more than {@code offset + fetch} best rows plus a
 *       bounded buffer of candidates that beat the current cutoff row; {@link #finish()} returns
 *       rows {@code [offset, offset + fetch)} of the sorted input.
 * </ul>
 *
 * <p>Ties between rows with equal keys are broken arbitrarily (the sort is not required to be
 * stable), but offset and fetch always count rows of one consistent order. Output: the input
 * schema, in batches of at most {@value #MAX_OUTPUT_ROWS} rows, owned by the caller; an empty list
 * when no row remains. Not thread-safe; runs on the caller's thread.
 */
public final class SortOperator implements Accumulator {
  /** The most rows per output batch. */
  public static final int MAX_OUTPUT_ROWS = 1 << 16;

  /** Above this many rows to keep, a fetch is applied after a full sort instead of a top-N. */
  static final long MAX_TOP_N_ROWS = 1 << 30;

  private final Schema input;
  private final List<SortKey> keys;
  private final long offset;
  private final OptionalLong fetch;
  private final BufferAllocator allocator;
  private final ColumnType[] types;
  private final TopNBuffer topN;
  private final List<Batch> batches = new ArrayList<>();
  private boolean finished;
  private boolean closed;

  /**
   * @param input the schema of added batches and of the output
   * @param keys at least one sort key, major first
   * @param offset rows to skip, at least 0
   * @param fetch rows to return after the offset, at least 0; empty for all
   * @param allocator where kept rows and the output are allocated
   */
  public SortOperator(
      Schema input,
      List<SortKey> keys,
      long offset,
      OptionalLong fetch,
      BufferAllocator allocator) {
    this.input = requireNonNull(input, "input is null");
    this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
    this.fetch = requireNonNull(fetch, "fetch is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.offset = offset;
    if (this.keys.isEmpty()) {
      throw new IllegalArgumentException("a sort needs at least one key");
    }
    if (offset < 0 || (fetch.isPresent() && fetch.getAsLong() < 0)) {
      throw new IllegalArgumentException("negative offset " + offset + " or fetch " + fetch);
    }
    this.types = new ColumnType[input.getFields().size()];
    for (int c = 0; c < types.length; c++) {
      types[c] = ColumnType.of(input.getFields().get(c).getType());
    }
    for (SortKey key : this.keys) {
      if (key.column() >= types.length) {
        throw new IllegalArgumentException(
            "sort column " + key.column() + " out of range for " + types.length + " columns");
      }
    }
    boolean bounded = fetch.isPresent() && fetch.getAsLong() <= MAX_TOP_N_ROWS - offset;
    this.topN =
        bounded
            ? new TopNBuffer(input, types, this.keys, (int) (offset + fetch.getAsLong()), allocator)
            : null;
  }

  @Override
  public Schema outputSchema() {
    return input;
  }

  /** Takes ownership of {@code batch}. */
  @Override
  public void add(Batch batch) {
    requireNonNull(batch, "batch is null");
    try {
      checkUsable();
      checkLayout(batch);
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
    if (batch.rowCount() == 0) {
      batch.close();
    } else if (topN != null) {
      topN.add(batch);
    } else {
      batches.add(batch.transferTo(allocator));
    }
  }

  /**
   * Moves the rows of {@code other}, a SortOperator of equal schema, keys, offset and fetch, into
   * this one; closes {@code other}. For top-N, only candidates for the best rows are kept.
   */
  @Override
  public void absorb(Accumulator other) {
    requireNonNull(other, "other is null");
    if (!(other instanceof SortOperator that)
        || that == this
        || !that.input.equals(input)
        || !that.keys.equals(keys)
        || that.offset != offset
        || !that.fetch.equals(fetch)) {
      throw new IllegalArgumentException(
          "cannot absorb " + other.getClass().getSimpleName() + " into " + this);
    }
    try {
      checkUsable();
      that.checkUsable();
      if (topN != null) {
        topN.absorb(that.topN);
      } else {
        for (Batch batch : that.batches) {
          batches.add(batch.transferTo(allocator));
        }
        that.batches.clear();
      }
    } finally {
      that.close();
    }
  }

  /** True when fetch is 0: no input can change the (empty) output. */
  @Override
  public boolean isSaturated() {
    return fetch.isPresent() && fetch.getAsLong() == 0;
  }

  @Override
  public List<Batch> finish() {
    checkUsable();
    finished = true;
    try {
      return topN != null ? topN.finish(offset) : sortAll();
    } finally {
      releaseState();
    }
  }

  private List<Batch> sortAll() {
    List<Batch> out = new ArrayList<>();
    if (batches.isEmpty()) {
      return out;
    }
    SortKeys sortKeys = SortKeys.extract(batches, keys, input);
    int rows = sortKeys.rowCount();
    int[] order = PermutationSorter.sort(sortKeys);
    int[] starts = new int[batches.size() + 1];
    for (int b = 0; b < batches.size(); b++) {
      starts[b + 1] = starts[b] + batches.get(b).rowCount();
    }
    long from = Math.min(offset, rows);
    long to = fetch.isPresent() ? Math.min(rows, from + Math.min(fetch.getAsLong(), rows)) : rows;
    try {
      for (long at = from; at < to; at += MAX_OUTPUT_ROWS) {
        int count = (int) Math.min(MAX_OUTPUT_ROWS, to - at);
        out.add(RowGather.gather(input, types, batches, starts, order, (int) at, count, allocator));
      }
      return out;
    } catch (RuntimeException e) {
      out.forEach(Batch::close);
      throw e;
    }
  }

  /** Bytes of the kept batches and key arrays. */
  @Override
  public long memoryBytes() {
    long bytes = topN != null ? topN.memoryBytes() : 0;
    for (Batch batch : batches) {
      bytes += batch.sizeInBytes();
    }
    return bytes;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      releaseState();
    }
  }

  @Override
  public String toString() {
    return "SortOperator{keys=" + keys + ", offset=" + offset + ", fetch=" + fetch + "}";
  }

  private void releaseState() {
    batches.forEach(Batch::close);
    batches.clear();
    if (topN != null) {
      topN.close();
    }
  }

  private void checkLayout(Batch batch) {
    boolean matches = batch.columnCount() == types.length;
    for (int c = 0; matches && c < types.length; c++) {
      matches =
          ColumnType.interchangeable(
              input.getFields().get(c).getType(), batch.schema().getFields().get(c).getType());
    }
    if (!matches) {
      throw new IllegalArgumentException("sort expects columns " + input + ", got " + batch);
    }
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("sort is closed");
    }
    if (finished) {
      throw new IllegalStateException("sort is finished");
    }
  }
}
