package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.operator.Accumulator;
import io.buzz.kernels.operator.FilterOperator;
import io.buzz.kernels.operator.ProjectOperator;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One step of a running {@link Pipeline}: a streaming stage maps each batch to one batch; a
 * blocking stage accumulates and emits at {@link Blocking#finish}. A filter followed by a project
 * or an aggregation is one stage that hands the filter's {@link Selection} on instead of
 * compacting.
 *
 * <p>Every method that receives a batch takes ownership of it. Not thread-safe.
 */
sealed interface PipelineStage extends AutoCloseable
    permits PipelineStage.Streaming, PipelineStage.Blocking {
  Schema outputSchema();

  @Override
  void close();

  /** A stage that maps one batch to one batch (possibly of zero rows). */
  non-sealed interface Streaming extends PipelineStage {
    Batch apply(Batch input);

    @Override
    default void close() {}
  }

  /** A stage that sees all of its input before it emits. */
  non-sealed interface Blocking extends PipelineStage {
    void add(Batch input);

    boolean isSaturated();

    /**
     * Output that may leave before {@link #finish} (see {@link Accumulator#drainReady}), owned by
     * the caller; asked after each {@link #add}.
     */
    default List<Batch> drainReady() {
      return List.of();
    }

    /** Emits the result, owned by the caller; the stage holds nothing afterwards. */
    List<Batch> finish();

    long memoryBytes();
  }

  /**
   * UNION ALL: each input batch runs through every branch (streaming stages only; all but the last
   * see a view sharing its buffers), and the branches' outputs become one batch, in branch order.
   */
  record UnionStage(
      List<Pipeline> branches,
      Schema outputSchema,
      org.apache.arrow.memory.BufferAllocator allocator)
      implements Streaming {
    public UnionStage {
      branches = List.copyOf(branches);
      requireNonNull(outputSchema, "outputSchema is null");
      requireNonNull(allocator, "allocator is null");
    }

    @Override
    public Batch apply(Batch input) {
      java.util.ArrayList<Batch> parts = new java.util.ArrayList<>();
      try {
        int last = branches.size() - 1;
        for (int b = 0; b < last; b++) {
          parts.addAll(branches.get(b).push(input.slice(0, input.rowCount(), allocator)));
        }
        parts.addAll(branches.get(last).push(input));
        input = null;
      } catch (RuntimeException e) {
        if (input != null) {
          input.close();
        }
        parts.forEach(Batch::close);
        throw e;
      }
      if (parts.isEmpty()) {
        return Batch.empty(outputSchema, allocator);
      }
      return io.buzz.kernels.expr.Concatenation.concat(outputSchema, parts, allocator);
    }

    @Override
    public void close() {
      branches.forEach(Pipeline::close);
    }
  }

  /** A filter on its own: compacts the kept rows. */
  record FilterStage(FilterOperator filter) implements Streaming {
    public FilterStage {
      requireNonNull(filter, "filter is null");
    }

    @Override
    public Schema outputSchema() {
      return filter.outputSchema();
    }

    @Override
    public Batch apply(Batch input) {
      return filter.apply(input);
    }
  }

  /** A project, optionally reading only the rows a preceding filter keeps (no compaction). */
  record ProjectStage(FilterOperator filter, ProjectOperator project) implements Streaming {
    public ProjectStage {
      requireNonNull(project, "project is null");
    }

    @Override
    public Schema outputSchema() {
      return project.outputSchema();
    }

    @Override
    public Batch apply(Batch input) {
      if (filter == null) {
        return project.apply(input);
      }
      Selection selection;
      try {
        selection = filter.select(input, null);
      } catch (RuntimeException e) {
        input.close();
        throw e;
      }
      return project.apply(input, selection.count() == input.rowCount() ? null : selection);
    }
  }

  /** Any accumulator: limit, collect, sort, or an aggregation without a preceding filter. */
  record AccumulatorStage(Accumulator accumulator) implements Blocking {
    public AccumulatorStage {
      requireNonNull(accumulator, "accumulator is null");
    }

    @Override
    public Schema outputSchema() {
      return accumulator.outputSchema();
    }

    @Override
    public void add(Batch input) {
      accumulator.add(input);
    }

    @Override
    public boolean isSaturated() {
      return accumulator.isSaturated();
    }

    @Override
    public List<Batch> drainReady() {
      return accumulator.drainReady();
    }

    @Override
    public List<Batch> finish() {
      return accumulator.finish();
    }

    @Override
    public long memoryBytes() {
      return accumulator.memoryBytes();
    }

    @Override
    public void close() {
      accumulator.close();
    }
  }
}
