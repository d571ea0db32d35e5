package io.buzz.kernels.aggregate;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.operator.Accumulator;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Vectorized hash aggregation in one of three {@link AggregateMode}s. Per chunk of at most {@value
 * #CHUNK_ROWS} input rows: the key columns are copied into primitive arrays, the {@link GroupTable}
 * hashes them into an array and assigns a group id per row, then each call's {@link
 * GroupsAccumulator} folds the chunk into its typed state arrays in one loop.
 *
 * <pre>
 *  batch ─▶ ColumnGatherer ─▶ GroupTable.intern ─▶ int[] groupIds ─▶ accumulator 1 … n
 *                                   │                                     │
 *                          keys by group id                     states by group id
 *                                   └──────────── finish() ───────────────┘
 *                                   batches of ≤ 64Ki groups: keys, then states or results
 * </pre>
 *
 * <p>Input layout: raw rows ({@link AggregateSpec#inputSchema()}) in SINGLE and PARTIAL mode, state
 * rows ({@link AggregateSpec#stateSchema()}) in FINAL mode; columns are checked by type. Output:
 * {@link AggregateSpec#stateSchema()} in PARTIAL mode, {@link AggregateSpec#finalSchema()}
 * otherwise; the order of groups is unspecified. A global aggregate (no group columns) always has
 * its one group, so it emits one row even without input (COUNT 0, other values NULL), in every
 * mode; FINAL accepts partial results with and without that row.
 *
 * <p>Ownership and memory: output vectors come from the allocator given at construction and belong
 * to the caller; the state lives in Java arrays, reported by {@link #memoryBytes()}. Not
 * thread-safe: one thread at a time (e.g. one event-loop context or worker).
 */
public final class HashAggregateOperator implements Accumulator {
  /** Rows hashed and folded per inner iteration: scratch arrays stay cache-resident. */
  static final int CHUNK_ROWS = 1 << 14;

  /** The most groups per output batch. */
  public static final int MAX_OUTPUT_ROWS = 1 << 16;

  /**
   * Raw rows a PARTIAL aggregate sees before it judges whether it reduces its input (DataFusion
   * probes the same way).
   */
  static final long PROBE_ROWS = 100_000;

  /**
   * At least this many groups per input row after {@link #PROBE_ROWS}: the partial aggregate does
   * not reduce (a key that is nearly unique), so it hands its groups on early ({@link #drainReady})
   * instead of growing a table that would only be re-merged downstream.
   */
  static final double NO_REDUCTION = 0.8;

  private final AggregateSpec spec;
  private final AggregateMode mode;
  private final BufferAllocator allocator;
  private final Schema outputSchema;
  private final Schema stateSchema;
  private final Schema finalSchema;
  private final List<ArrowType> keyTypes;
  private GroupTable table;
  private GroupsAccumulator[] accumulators;
  private final ColumnGatherer rawGatherer;
  private final ColumnGatherer stateGatherer;
  private final DenseColumn[] keys;

  /** Raw rows' group ids through small key domains, for two keys or more; null otherwise. */
  private final CompositeKeys compositeKeys;

  private final CallFeeder feeder;

  private int[] groupIds = new int[0];
  private boolean finished;
  private boolean closed;
  private long rowsSeen;
  private boolean flushEarly;

  public HashAggregateOperator(AggregateSpec spec, AggregateMode mode, BufferAllocator allocator) {
    this.spec = requireNonNull(spec, "spec is null");
    this.mode = requireNonNull(mode, "mode is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.stateSchema = spec.stateSchema();
    this.finalSchema = spec.finalSchema();
    this.outputSchema = mode.producesState() ? stateSchema : finalSchema;
    List<ArrowType> keyArrowTypes = new ArrayList<>();
    for (int k = 0; k < spec.groupCount(); k++) {
      keyArrowTypes.add(spec.groupArrowType(k));
    }
    this.keyTypes = List.copyOf(keyArrowTypes);
    this.feeder = new CallFeeder(spec);
    newState();
    this.rawGatherer = new ColumnGatherer(columnTypes(spec.inputSchema()));
    this.stateGatherer = new ColumnGatherer(columnTypes(stateSchema));
    this.keys = new DenseColumn[spec.groupCount()];
    this.compositeKeys = CompositeKeys.forKeys(keyTypes);
  }

  private static List<ColumnType> columnTypes(Schema schema) {
    List<ColumnType> types = new ArrayList<>();
    for (Field field : schema.getFields()) {
      types.add(ColumnType.of(field.getType()));
    }
    return types;
  }

  /** An empty group table and accumulators (a global aggregate's one group exists already). */
  private void newState() {
    table = GroupTable.create(keyTypes);
    if (flushEarly) {
      table.passThrough();
    }
    accumulators = new GroupsAccumulator[spec.calls().size()];
    for (int c = 0; c < accumulators.length; c++) {
      accumulators[c] = GroupsAccumulator.create(spec.calls().get(c), spec.argumentArrowType(c));
      accumulators[c].ensureGroups(table.groupCount());
    }
  }

  public AggregateSpec spec() {
    return spec;
  }

  public AggregateMode mode() {
    return mode;
  }

  @Override
  public Schema outputSchema() {
    return outputSchema;
  }

  /** Folds every row of {@code input}; takes ownership of it. */
  @Override
  public void add(Batch input) {
    add(input, null);
  }

  /**
   * Folds the rows of {@code input} listed in {@code selection} (all rows when null). Takes
   * ownership of {@code input}, not of {@code selection}.
   *
   * @throws IllegalArgumentException when the batch's column types do not match the mode's input or
   *     the selection reaches outside the batch (the state is unchanged)
   * @throws KernelException ARITHMETIC when an integer SUM overflows or a decimal SUM leaves the
   *     128-bit range; the state is then partly updated and the operator should only be closed
   */
  public void add(Batch input, Selection selection) {
    requireNonNull(input, "input is null");
    try (input) {
      checkUsable();
      boolean state = mode.consumesState();
      checkLayout(input, state ? stateSchema : spec.inputSchema(), state ? "state" : "raw input");
      int count = selection == null ? input.rowCount() : selection.count();
      consume(input, selection == null ? null : selection.indices(), count, state);
      if (mode == AggregateMode.PARTIAL && keys.length > 0 && !flushEarly) {
        rowsSeen += count;
        flushEarly = rowsSeen >= PROBE_ROWS && table.groupCount() >= NO_REDUCTION * rowsSeen;
        if (flushEarly) {
          table.passThrough();
        }
      }
    }
  }

  /**
   * State batches a PARTIAL aggregate may hand on before {@link #finish}, owned by the caller;
   * usually none. Once the first {@link #PROBE_ROWS} rows showed that it does not reduce its input
   * (at least {@link #NO_REDUCTION} groups per row), it emits its groups whenever it holds {@link
   * #MAX_OUTPUT_ROWS} of them and starts over, so its memory stays small and its output streams
   * while the scan goes on; and its group table stops looking keys up where it can ({@link
   * GroupTable#passThrough}: string and multi-column keys), as Trino and DataFusion skip a partial
   * aggregation that does not reduce. The same key may then appear in several state batches (or
   * twice in one), which the FINAL aggregate merges as it merges states of different tasks.
   */
  @Override
  public List<Batch> drainReady() {
    checkUsable();
    if (!flushEarly || table.groupCount() < MAX_OUTPUT_ROWS) {
      return List.of();
    }
    List<Batch> out = emitAll(true);
    releaseGroups();
    newState();
    return out;
  }

  /** True once this PARTIAL aggregate found that it does not reduce and hands groups on early. */
  public boolean flushesEarly() {
    return flushEarly;
  }

  /**
   * Merges the groups of {@code other}, a HashAggregateOperator with an equal spec (in any mode:
   * the state is the same), into this one, and closes {@code other}. The HComb commits a task
   * attempt's state into the query's state this way. Whichever of the two holds fewer groups is
   * re-inserted into the other, so the first commit into an empty query state costs nothing.
   *
   * @throws IllegalArgumentException when {@code other} is not such an operator
   */
  @Override
  public void absorb(Accumulator other) {
    requireNonNull(other, "other is null");
    if (!(other instanceof HashAggregateOperator that) || !that.spec.equals(spec)) {
      throw new IllegalArgumentException(
          "cannot absorb " + other.getClass().getSimpleName() + " into aggregate " + spec);
    }
    if (that == this) {
      throw new IllegalArgumentException("an aggregate cannot absorb itself");
    }
    if (flushEarly || that.flushEarly) {
      // its group table passes rows through: absorbed groups would not be looked up
      throw new IllegalArgumentException(
          "a partial aggregate that hands groups on early cannot absorb");
    }
    try {
      checkUsable();
      that.checkUsable();
      if (that.table.groupCount() > table.groupCount()) {
        // The group order is unspecified: keep the larger state and re-insert the smaller one.
        GroupTable larger = that.table;
        that.table = table;
        table = larger;
        GroupsAccumulator[] largerAccumulators = that.accumulators;
        that.accumulators = accumulators;
        accumulators = largerAccumulators;
      }
      int groups = that.table.groupCount();
      for (int from = 0; from < groups; from += MAX_OUTPUT_ROWS) {
        int to = Math.min(groups, from + MAX_OUTPUT_ROWS);
        try (Batch batch = that.emit(from, to, true)) {
          consume(batch, null, batch.rowCount(), true);
        }
      }
    } finally {
      that.close();
    }
  }

  /**
   * The groups as batches of at most {@link #MAX_OUTPUT_ROWS} rows in {@link #outputSchema()},
   * owned by the caller; an empty list when there is no group. Releases the state.
   *
   * @throws KernelException ARITHMETIC in SINGLE and FINAL mode when a decimal SUM has more than 38
   *     digits
   */
  @Override
  public List<Batch> finish() {
    checkUsable();
    finished = true;
    try {
      return emitAll(mode.producesState());
    } finally {
      releaseState();
    }
  }

  /** Every group, in batches of at most {@link #MAX_OUTPUT_ROWS}; none leaks on failure. */
  private List<Batch> emitAll(boolean asState) {
    List<Batch> out = new ArrayList<>();
    try {
      int groups = table.groupCount();
      for (int from = 0; from < groups; from += MAX_OUTPUT_ROWS) {
        out.add(emit(from, Math.min(groups, from + MAX_OUTPUT_ROWS), asState));
      }
      return out;
    } catch (RuntimeException e) {
      for (Batch batch : out) {
        batch.close();
      }
      throw e;
    }
  }

  @Override
  public long memoryBytes() {
    long bytes = table.memoryBytes() + 4L * groupIds.length;
    bytes += rawGatherer.memoryBytes() + stateGatherer.memoryBytes();
    if (compositeKeys != null) {
      bytes += compositeKeys.memoryBytes();
    }
    for (GroupsAccumulator accumulator : accumulators) {
      bytes += accumulator.memoryBytes();
    }
    return bytes + feeder.memoryBytes();
  }

  /** The number of groups so far. */
  public int groupCount() {
    return finished || closed ? 0 : table.groupCount();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      releaseState();
    }
  }

  private void consume(Batch batch, int[] rows, int count, boolean state) {
    DictionaryIds dictionary =
        !state && keys.length == 1 && table.acceptsDictionary()
            ? batch.dictionary(spec.groupColumn(0))
            : null;
    boolean composite = !state && compositeKeys != null;
    if (composite) {
      compositeKeys.bind(batch, spec);
    }
    ColumnGatherer gatherer = state ? stateGatherer : rawGatherer;
    gatherer.bind(batch, rows, count);
    try {
      if (groupIds.length < Math.min(count, CHUNK_ROWS)) {
        groupIds = new int[Math.min(Math.max(count, 1024), CHUNK_ROWS)];
      }
      for (int from = 0; from < count; from += CHUNK_ROWS) {
        int n = Math.min(CHUNK_ROWS, count - from);
        gatherer.chunk(from, n);
        int groups;
        if (dictionary != null) {
          groups = table.internDictionary(dictionary, rows, from, n, groupIds);
        } else {
          groups = -1;
          if (composite) {
            // a key with dictionary ids is coded from them: only its nulls are gathered
            for (int k = 0; k < keys.length; k++) {
              int column = spec.groupColumn(k);
              keys[k] = compositeKeys.hasIds(k) ? gatherer.nulls(column) : gatherer.values(column);
            }
            groups = compositeKeys.intern(table, keys, rows, from, n, groupIds);
          }
          if (groups < 0) {
            for (int k = 0; k < keys.length; k++) {
              keys[k] = gatherer.values(state ? k : spec.groupColumn(k));
            }
            groups = table.intern(keys, n, groupIds);
          }
        }
        for (GroupsAccumulator accumulator : accumulators) {
          accumulator.ensureGroups(groups);
        }
        if (state) {
          feeder.merge(accumulators, gatherer, keys.length, groupIds, n);
        } else {
          feeder.update(accumulators, gatherer, groupIds, n, keys.length == 0);
        }
      }
    } finally {
      gatherer.unbind();
      if (composite) {
        compositeKeys.unbind();
      }
    }
  }

  /** Groups {@code [from, to)} as a state batch or a final batch. */
  private Batch emit(int from, int to, boolean asState) {
    Schema schema = asState ? stateSchema : finalSchema;
    List<Field> fields = schema.getFields();
    List<FieldVector> vectors = new ArrayList<>(fields.size());
    try {
      table.emitKeys(from, to, fields.subList(0, keys.length), allocator, vectors);
      int column = keys.length;
      for (int c = 0; c < accumulators.length; c++) {
        if (asState) {
          int width = spec.calls().get(c).stateWidth();
          accumulators[c].emitState(
              from, to, fields.subList(column, column + width), allocator, vectors);
          column += width;
        } else {
          vectors.add(accumulators[c].emitFinal(from, to, fields.get(column++), allocator));
        }
      }
      return new Batch(schema, vectors, to - from);
    } catch (OutOfMemoryException e) {
      closeAll(vectors, e);
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED,
          "aggregate output of " + (to - from) + " groups exceeds the memory limit",
          e);
    } catch (RuntimeException e) {
      closeAll(vectors, e);
      throw e;
    }
  }

  private static void closeAll(List<FieldVector> vectors, RuntimeException failure) {
    for (FieldVector vector : vectors) {
      try {
        vector.close();
      } catch (RuntimeException suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }

  private void checkLayout(Batch batch, Schema expected, String what) {
    List<Field> fields = expected.getFields();
    List<Field> actual = batch.schema().getFields();
    boolean matches = actual.size() == fields.size();
    for (int i = 0; matches && i < fields.size(); i++) {
      matches = ColumnType.interchangeable(fields.get(i).getType(), actual.get(i).getType());
    }
    if (!matches) {
      throw new IllegalArgumentException(
          mode + " aggregate expects " + what + " columns " + expected + ", got " + batch.schema());
    }
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("aggregate is closed");
    }
    if (finished) {
      throw new IllegalStateException("aggregate is finished");
    }
  }

  private void releaseState() {
    releaseGroups();
    rawGatherer.release();
    stateGatherer.release();
    if (compositeKeys != null) {
      compositeKeys.release();
    }
    groupIds = new int[0];
  }

  private void releaseGroups() {
    table.release();
    for (GroupsAccumulator accumulator : accumulators) {
      accumulator.release();
    }
  }
}
