package io.buzz.kernels.operator;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Keeps every row it is given, in arrival order, up to a byte limit: the HComb's merge when a
 * query's result is just the union of its tasks' rows. Batches are moved to the operator's
 * allocator without copying; empty batches are dropped.
 *
 * <p>Exceeding {@code maxBytes} throws {@link KernelException.Kind#LIMIT_EXCEEDED} naming the limit
 * (the offending batch is closed). Call order and threading as {@link Accumulator}.
 */
public final class CollectOperator implements Accumulator {
  private final Schema schema;
  private final long maxBytes;
  private final BufferAllocator allocator;
  private final List<Batch> batches = new ArrayList<>();
  private long bytes;

  public CollectOperator(Schema schema, long maxBytes, BufferAllocator allocator) {
    this.schema = requireNonNull(schema, "schema is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("negative byte limit " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public Schema outputSchema() {
    return schema;
  }

  @Override
  public void add(Batch input) {
    requireNonNull(input, "input is null");
    if (input.rowCount() == 0) {
      input.close();
      return;
    }
    long size = input.sizeInBytes();
    if (bytes + size > maxBytes) {
      input.close();
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED,
          "collected rows exceed the limit of "
              + maxBytes
              + " bytes ("
              + bytes
              + " bytes held, a batch of "
              + size
              + " bytes arrived)");
    }
    batches.add(input.transferTo(allocator));
    bytes += size;
  }

  @Override
  public void absorb(Accumulator other) {
    if (!(other instanceof CollectOperator that) || that == this) {
      throw new IllegalArgumentException("cannot absorb " + other + " into " + this);
    }
    try {
      for (int i = 0; i < that.batches.size(); i++) {
        Batch batch = that.batches.get(i);
        that.batches.set(i, null);
        add(batch);
      }
      that.batches.clear();
      that.bytes = 0;
    } finally {
      that.close();
    }
  }

  @Override
  public List<Batch> finish() {
    List<Batch> out = new ArrayList<>(batches);
    batches.clear();
    bytes = 0;
    return out;
  }

  @Override
  public long memoryBytes() {
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
    bytes = 0;
  }

  @Override
  public String toString() {
    return "CollectOperator{batches=" + batches.size() + ", bytes=" + bytes + "}";
  }
}
