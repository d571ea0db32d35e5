package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.plan.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A running linear chain of plan operators: what an HBee runs over one file and what an HComb runs
 * over the merged rows.
 *
 * <pre>
 *   push(batch) ─▶ [Filter ▸ Project] ─▶ … ─▶ first blocking op (Aggregate, Sort, Limit): accumulates
 *   finish()    ─▶ blocking op 1 emits ─▶ streaming ops ─▶ blocking op 2 accumulates, emits ─▶ …
 * </pre>
 *
 * Streaming operators (Filter, Project) run as each batch is pushed; a Filter followed by a Project
 * or an Aggregate hands its selection on instead of compacting. The first blocking operator holds
 * everything after it until {@link #finish}, which flushes blocking operators in order through the
 * rest of the chain, except what it may hand on early ({@link PipelineStage.Blocking#drainReady}: a
 * PARTIAL aggregate that does not reduce its input), which {@link #push} returns. Batches of zero
 * rows are dropped between stages.
 *
 * <p>Call order: {@link #push} any number of times, {@link #finish} at most once, {@link #close}
 * always. Failures are {@link BuzzException}s mapped by {@link ExecErrors} (e.g. a division by zero
 * is BAD_QUERY). Buffers come from the allocator given to {@link #compile}. Not thread-safe: one
 * thread (or event-loop context) at a time.
 */
public final class Pipeline implements AutoCloseable {
  private final List<PipelineStage> stages;
  private final Schema outputSchema;
  private final PipelineStage.Blocking firstBlocking;
  private final Set<Integer> dictionaryKeyColumns;
  private final Set<Integer> idsOnlyKeyColumns;
  private boolean finished;
  private boolean closed;

  Pipeline(
      List<PipelineStage> stages,
      Schema outputSchema,
      Set<Integer> dictionaryKeyColumns,
      Set<Integer> idsOnlyKeyColumns) {
    this.dictionaryKeyColumns = Set.copyOf(dictionaryKeyColumns);
    this.idsOnlyKeyColumns = Set.copyOf(idsOnlyKeyColumns);
    this.stages = List.copyOf(stages);
    this.outputSchema = requireNonNull(outputSchema, "outputSchema is null");
    PipelineStage.Blocking blocking = null;
    for (PipelineStage stage : this.stages) {
      if (stage instanceof PipelineStage.Blocking b) {
        blocking = b;
        break;
      }
    }
    this.firstBlocking = blocking;
  }

  /**
   * Compiles {@code operators} over an input of schema {@code input} and creates the running
   * pipeline, allocating from {@code allocator}.
   *
   * @throws BuzzException INTERNAL naming the operator for a broken plan
   */
  public static Pipeline compile(
      List<Operator> operators, io.buzz.protocol.plan.Schema input, BufferAllocator allocator) {
    PipelinePlan plan = PipelinePlan.compile(operators, input);
    try {
      return plan.instantiate(allocator);
    } catch (RuntimeException e) {
      throw ExecErrors.toBuzz(e);
    }
  }

  /**
   * The input columns whose dictionary ids the pipeline's grouping would use (a fixed-width
   * column's ids cost its producer an array per batch, so a scan only attaches them when asked).
   */
  public Set<Integer> dictionaryKeyColumns() {
    return dictionaryKeyColumns;
  }

  /**
   * The {@link #dictionaryKeyColumns} whose values no operator reads: the scan may hand them over
   * as their dictionary ids alone ({@link io.buzz.kernels.batch.Batch#withIdsOnly}), without
   * copying the values.
   */
  public Set<Integer> idsOnlyKeyColumns() {
    return idsOnlyKeyColumns;
  }

  /** The schema of the batches {@link #push} and {@link #finish} return. */
  public Schema outputSchema() {
    return outputSchema;
  }

  /**
   * Runs one input batch through the streaming operators; takes ownership of {@code input}. Returns
   * the batches that reach the end of the chain (none while a blocking operator holds them, unless
   * it hands some on early), owned by the caller. Input pushed once the pipeline {@linkplain
   * #isSaturated is saturated} is closed unread.
   */
  public List<Batch> push(Batch input) {
    requireNonNull(input, "input is null");
    if (closed || finished) {
      input.close();
      throw new IllegalStateException("pipeline is " + (closed ? "closed" : "finished"));
    }
    try {
      return runFrom(0, input);
    } catch (RuntimeException e) {
      throw ExecErrors.toBuzz(e);
    }
  }

  /**
   * True when a Limit is the first blocking operator and already has all the rows it needs: more
   * input cannot change the result, so the caller may stop reading.
   */
  public boolean isSaturated() {
    return firstBlocking != null && firstBlocking.isSaturated();
  }

  /** Bytes held by the blocking operators' state. */
  public long memoryBytes() {
    long bytes = 0;
    for (PipelineStage stage : stages) {
      if (stage instanceof PipelineStage.Blocking blocking) {
        bytes += blocking.memoryBytes();
      }
    }
    return bytes;
  }

  /**
   * Ends the input: flushes each blocking operator in order through the rest of the chain. Returns
   * the final batches, owned by the caller (none when the chain has no blocking operator).
   */
  public List<Batch> finish() {
    if (closed || finished) {
      throw new IllegalStateException("pipeline is " + (closed ? "closed" : "finished"));
    }
    finished = true;
    List<Batch> out = new ArrayList<>();
    try {
      for (int i = 0; i < stages.size(); i++) {
        if (stages.get(i) instanceof PipelineStage.Blocking blocking) {
          out.addAll(runEach(i + 1, blocking.finish()));
        }
      }
      return out;
    } catch (RuntimeException e) {
      closeAll(out);
      throw ExecErrors.toBuzz(e);
    }
  }

  /** Releases every operator's state. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    for (PipelineStage stage : stages) {
      try {
        stage.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Runs {@code batch} through stages {@code start..}: streaming stages transform it; the first
   * blocking stage takes it and nothing comes out. Takes ownership of {@code batch}.
   */
  private List<Batch> runFrom(int start, Batch batch) {
    Batch current = batch;
    for (int i = start; i < stages.size(); i++) {
      if (current.rowCount() == 0) {
        current.close();
        return List.of();
      }
      PipelineStage stage = stages.get(i);
      if (stage instanceof PipelineStage.Streaming streaming) {
        current = streaming.apply(current);
      } else {
        PipelineStage.Blocking blocking = (PipelineStage.Blocking) stage;
        if (blocking.isSaturated()) {
          current.close();
          return List.of();
        }
        blocking.add(current);
        return runEach(i + 1, blocking.drainReady());
      }
    }
    if (current.rowCount() == 0) {
      current.close();
      return List.of();
    }
    return List.of(current);
  }

  /** Runs each of {@code batches} through stages {@code start..}; takes ownership of them all. */
  private List<Batch> runEach(int start, List<Batch> batches) {
    if (batches.isEmpty()) {
      return List.of();
    }
    List<Batch> out = new ArrayList<>();
    for (int k = 0; k < batches.size(); k++) {
      try {
        out.addAll(runFrom(start, batches.get(k)));
      } catch (RuntimeException e) {
        closeAll(batches.subList(k + 1, batches.size()));
        closeAll(out);
        throw e;
      }
    }
    return out;
  }

  private static void closeAll(List<Batch> batches) {
    for (Batch batch : batches) {
      batch.close();
    }
  }
}
