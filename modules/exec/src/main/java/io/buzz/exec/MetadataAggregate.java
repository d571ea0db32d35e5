package io.buzz.exec;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.HBeePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An HBee step whose answer the footer already holds: a global aggregate (no GROUP BY) right over
 * the scan with only {@code COUNT(*)}, {@code COUNT(x)}, {@code MIN(x)} and {@code MAX(x)}, where
 * every row group read has the statistics needed — its row count, the null counts of counted
 * columns, and exact min/max of the others. Then the partial state is built from those figures and
 * no page is fetched.
 *
 * <p>Exact bounds only: integers, dates, times, timestamps and booleans, whose Parquet min/max are
 * the values themselves. Not REAL or DOUBLE (NaN is left out of the bounds), not strings (writers
 * may truncate them), not decimals or unsigned integers (no bounds are decoded for them). A row
 * group of NULLs only contributes nothing to MIN/MAX; any other missing figure means the pages are
 * read.
 */
public final class MetadataAggregate {
  private MetadataAggregate() {}

  /**
   * The partial aggregate's output (one row, the layout of plan.proto's PARTIAL Aggregate) over the
   * row groups described by {@code rowGroups}, or empty when the plan or the statistics do not
   * allow it. The batch is owned by the caller.
   */
  public static Optional<Batch> answer(
      HBeePlan plan, List<StatisticsPruner.Bounds> rowGroups, BufferAllocator allocator) {
    if (!mayApply(plan)) {
      return Optional.empty();
    }
    Aggregate aggregate = plan.getOperators(0).getAggregate();
    List<Object> states = new ArrayList<>();
    for (AggregateCall call : aggregate.getCallsList()) {
      if (call.getDistinct() || call.hasFilter()) {
        return Optional.empty(); // distinct values and filtered rows are not in the footer
      }
      Object state = state(aggregate, call, rowGroups);
      if (state == null) {
        return Optional.empty();
      }
      states.add(state == NULL ? null : state);
    }
    Schema schema =
        PlanTypes.arrowSchema(AggregateLayout.of(aggregate, "aggregate").outputSchema());
    return Optional.of(batch(schema, states, allocator));
  }

  /**
   * Whether the plan has the shape the footer can answer (a PARTIAL global aggregate right over the
   * scan), so callers gather statistics only then; the statistics decide the rest.
   */
  public static boolean mayApply(HBeePlan plan) {
    if (plan.getOperatorsCount() != 1 || !plan.getOperators(0).hasAggregate()) {
      return false;
    }
    Aggregate aggregate = plan.getOperators(0).getAggregate();
    return aggregate.getMode() == AggregateMode.PARTIAL && aggregate.getGroupByCount() == 0;
  }

  /** A state that is known to be NULL (MIN/MAX over no value), as opposed to unknown (null). */
  private static final Object NULL = new Object();

  private static Object state(
      Aggregate aggregate, AggregateCall call, List<StatisticsPruner.Bounds> rowGroups) {
    switch (call.getFunction()) {
      case COUNT_STAR -> {
        long rows = 0;
        for (StatisticsPruner.Bounds group : rowGroups) {
          rows += group.rows();
        }
        return rows;
      }
      case COUNT -> {
        long values = 0;
        for (StatisticsPruner.Bounds group : rowGroups) {
          Optional<StatisticsPruner.ColumnBounds> column = group.column(call.getArgument());
          if (column.isEmpty() || column.get().nullCount().isEmpty()) {
            return null;
          }
          values += group.rows() - column.get().nullCount().getAsLong();
        }
        return values;
      }
      case MIN, MAX -> {
        ColumnType type =
            PlanTypes.columnType(
                aggregate.getInputSchema().getFields(call.getArgument()).getType());
        if (!exactBounds(type)) {
          return null;
        }
        boolean max = call.getFunction() == io.buzz.protocol.plan.AggregateFunction.MAX;
        Comparable<Object> best = null;
        for (StatisticsPruner.Bounds group : rowGroups) {
          Optional<StatisticsPruner.ColumnBounds> column = group.column(call.getArgument());
          if (column.isEmpty()) {
            return null;
          }
          StatisticsPruner.ColumnBounds bounds = column.get();
          if (bounds.nullCount().isPresent() && bounds.nullCount().getAsLong() >= group.rows()) {
            continue; // only NULLs: nothing to the extreme
          }
          Optional<Object> bound = max ? bounds.max() : bounds.min();
          if (bound.isEmpty()) {
            return null;
          }
          @SuppressWarnings("unchecked")
          Comparable<Object> value = (Comparable<Object>) bound.get();
          if (best == null || (max ? value.compareTo(best) > 0 : value.compareTo(best) < 0)) {
            best = value;
          }
        }
        return best == null ? NULL : best;
      }
      default -> {
        return null;
      }
    }
  }

  private static boolean exactBounds(ColumnType type) {
    return switch (type) {
      case BOOL, INT32, INT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS -> true;
      case FLOAT64, FLOAT32, UTF8, VARBINARY, DECIMAL128 -> false;
    };
  }

  private static Batch batch(Schema schema, List<Object> states, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>(states.size());
    try {
      for (int i = 0; i < states.size(); i++) {
        Field field = schema.getFields().get(i);
        FieldVector vector = field.createVector(allocator);
        vectors.add(vector);
        vector.setInitialCapacity(1);
        vector.allocateNew();
        Object value = states.get(i);
        if (value == null) {
          vector.setNull(0);
        } else if (vector instanceof BigIntVector v) {
          v.set(0, ((Number) value).longValue());
        } else if (vector instanceof IntVector v) {
          v.set(0, ((Number) value).intValue());
        } else if (vector instanceof DateDayVector v) {
          v.set(0, ((Number) value).intValue());
        } else if (vector instanceof TimeStampVector v) {
          v.set(0, ((Number) value).longValue());
        } else if (vector instanceof TimeMicroVector v) {
          v.set(0, ((Number) value).longValue());
        } else if (vector instanceof BitVector v) {
          v.set(0, ((Boolean) value) ? 1 : 0);
        } else {
          throw new IllegalStateException("no metadata state of type " + field.getType());
        }
        vector.setValueCount(1);
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new Batch(schema, vectors, 1);
  }
}
