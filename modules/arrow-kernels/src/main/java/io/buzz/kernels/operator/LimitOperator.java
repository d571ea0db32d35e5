package io.buzz.kernels.operator;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * SQL {@code OFFSET offset [FETCH fetch]}: skips {@code offset} rows, then keeps at most {@code
 * fetch} rows (all without a fetch), in arrival order.
 *
 * <p>It keeps only the first {@code offset + fetch} rows it sees (zero-copy slices of its input,
 * moved to its allocator) and is {@linkplain #isSaturated saturated} once it has them; later input
 * is closed unread. {@link #absorb} appends the other limit's rows after its own until full, which
 * is how one task attempt's rows join the query's. {@link #finish} drops the first {@code offset}
 * rows.
 *
 * <p>Call order and threading as {@link Accumulator}.
 */
public final class LimitOperator implements Accumulator {
  private final Schema schema;
  private final long offset;
  private final OptionalLong fetch;
  private final long capacity;
  private final BufferAllocator allocator;
  private final List<Batch> batches = new ArrayList<>();
  private long rows;

  public LimitOperator(Schema schema, long offset, OptionalLong fetch, BufferAllocator allocator) {
    this.schema = requireNonNull(schema, "schema is null");
    this.fetch = requireNonNull(fetch, "fetch is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (offset < 0 || (fetch.isPresent() && fetch.getAsLong() < 0)) {
      throw new IllegalArgumentException("negative offset " + offset + " or fetch " + fetch);
    }
    this.offset = offset;
    this.capacity = fetch.isPresent() ? saturatedAdd(offset, fetch.getAsLong()) : Long.MAX_VALUE;
  }

  public long offset() {
    return offset;
  }

  public OptionalLong fetch() {
    return fetch;
  }

  @Override
  public Schema outputSchema() {
    return schema;
  }

  @Override
  public void add(Batch input) {
    requireNonNull(input, "input is null");
    long room = capacity - rows;
    if (room <= 0 || input.rowCount() == 0) {
      input.close();
      return;
    }
    if (input.rowCount() <= room) {
      batches.add(input.transferTo(allocator));
      rows += input.rowCount();
      return;
    }
    try (input) {
      batches.add(input.slice(0, (int) room, allocator));
      rows += room;
    }
  }

  @Override
  public void absorb(Accumulator other) {
    if (!(other instanceof LimitOperator that)
        || that.offset != offset
        || !that.fetch.equals(fetch)) {
      throw new IllegalArgumentException("cannot absorb " + other + " into " + this);
    }
    try {
      for (Batch batch : that.batches) {
        add(batch);
      }
      that.batches.clear();
      that.rows = 0;
    } finally {
      that.close();
    }
  }

  @Override
  public boolean isSaturated() {
    return fetch.isPresent() && rows >= capacity;
  }

  @Override
  public List<Batch> finish() {
    List<Batch> out = new ArrayList<>(batches.size());
    long skip = offset;
    try {
      for (int i = 0; i < batches.size(); i++) {
        Batch batch = batches.get(i);
        batches.set(i, null);
        int dropped = (int) Math.min(skip, batch.rowCount());
        skip -= dropped;
        if (dropped == 0) {
          out.add(batch);
        } else {
          try (batch) {
            if (dropped < batch.rowCount()) {
              out.add(batch.slice(dropped, batch.rowCount() - dropped, allocator));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      out.forEach(Batch::close);
      throw e;
    } finally {
      close();
    }
    return out;
  }

  @Override
  public long memoryBytes() {
    long bytes = 0;
    for (Batch batch : batches) {
      bytes += batch.sizeInBytes();
    }
    return bytes;
  }

  @Override
  public void close() {
    for (Batch batch : batches) {
      if (batch != null) {
        batch.close();
      }
    }
    batches.clear();
    rows = 0;
  }

  @Override
  public String toString() {
    return "LimitOperator{offset=" + offset + ", fetch=" + fetch + ", rows=" + rows + "}";
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
