package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The state of one {@link AggregateCall} for every group, in typed arrays indexed by group id (the
 * design of DataFusion's GroupsAccumulator). Each method runs one plain loop over a chunk: the
 * group id of chunk row {@code i} is {@code groupIds[i]}, its value is element {@code i} of a
 * {@link DenseColumn}.
 *
 * <p>Call order: {@link #ensureGroups} with the table's group count before every {@link #update} or
 * {@link #merge} that may reference new groups; any number of those; then {@code emit*} over
 * consecutive ranges; then {@link #release}. Not thread-safe.
 */
interface GroupsAccumulator {
  /** Grows the state to {@code groups} groups; new groups are empty (no value seen, count 0). */
  void ensureGroups(int groups);

  /**
   * Folds raw values into the groups' states. {@code values} is the argument column (only its nulls
   * are guaranteed for COUNT; null for COUNT_STAR).
   */
  void update(DenseColumn values, int[] groupIds, int n);

  /**
   * {@link #update} for a global aggregate: every row is of group 0 ({@code groupIds} all zero).
   * Accumulators whose state per row is a serial chain (a sum, a count) keep it in a register here
   * instead of reading and writing their group's array element for each row.
   */
  default void updateGlobal(DenseColumn values, int[] groupIds, int n) {
    update(values, groupIds, n);
  }

  /** Folds partial states (this call's state columns, in layout order) into the groups' states. */
  void merge(DenseColumn[] states, int[] groupIds, int n);

  /** Appends this call's state columns for groups {@code [from, to)} to {@code out}. */
  void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out);

  /** The final values of groups {@code [from, to)}. */
  FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator);

  /** Bytes held in Java arrays. */
  long memoryBytes();

  /** Drops the state; the accumulator must not be used afterwards. */
  void release();

  /**
   * The accumulator for {@code call} whose argument has Arrow type {@code argument} (null for
   * COUNT_STAR), which {@link AggregateFunction#resultType} accepts. A DISTINCT call's state is the
   * set of its values; a FILTER is applied by the caller, which hands over only the kept rows.
   */
  static GroupsAccumulator create(AggregateCall call, ArrowType argument) {
    String label = call.function() + " AS " + call.name();
    ColumnType type = argument == null ? null : ColumnType.of(argument);
    if (call.distinct()) {
      return new DistinctAccumulator(call.function(), argument, label);
    }
    return switch (call.function()) {
      case COUNT_STAR -> new CountAccumulator(true);
      case COUNT -> new CountAccumulator(false);
      case SUM ->
          switch (type) {
            case FLOAT32, FLOAT64 -> new DoubleSumAccumulator();
            case DECIMAL128 -> new DecimalSumAccumulator(label, argument);
            case INT32, INT64 -> new LongSumAccumulator(label);
            case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
                throw new KernelException(KernelException.Kind.INTERNAL, label + " of " + type);
          };
      case MIN, MAX -> minMax(type, argument, call.function() == AggregateFunction.MAX);
      case AVG -> new AvgAccumulator(argument);
      case STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP ->
          new VarianceAccumulator(call.function(), argument);
      case APPROX_COUNT_DISTINCT -> new ApproxDistinctAccumulator(argument, label);
      case APPROX_QUANTILE -> new ApproxQuantileAccumulator(argument, call.fraction(), label);
    };
  }

  private static GroupsAccumulator minMax(ColumnType type, ArrowType argument, boolean max) {
    return switch (type) {
      case UTF8, VARBINARY -> new Utf8MinMaxAccumulator(max);
      case DECIMAL128 ->
          Decimal128.fitsLong(argument)
              ? new LongMinMaxAccumulator(type, max)
              : new DecimalMinMaxAccumulator(max);
      case BOOL, INT32, INT64, FLOAT32, FLOAT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
          new LongMinMaxAccumulator(type, max);
    };
  }
}
