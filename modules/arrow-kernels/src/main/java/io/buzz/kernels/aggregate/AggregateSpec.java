package io.buzz.kernels.aggregate;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The plan-time description of a hash aggregation, identical in every {@link AggregateMode}: group
 * columns and call arguments always index the raw input described by {@code inputSchema}.
 *
 * <p>Derived layouts, the only ones in Buzz (the planner and the runtimes derive theirs from
 * these): {@link #stateSchema()} (what PARTIAL emits and FINAL reads: the group columns, then each
 * call's {@link AggregateCall#stateFields}) and {@link #finalSchema()} (the group columns, then
 * each call's {@link AggregateCall#resultField}). Group columns and MIN/MAX results keep the input
 * field's Arrow type (e.g. a timestamp's time zone, a decimal's precision and scale).
 *
 * <p>Immutable: {@code groupBy} is copied in and out. Equality compares the array's contents.
 *
 * @param groupBy raw input columns forming the group key, possibly none (a global aggregate)
 * @param calls the aggregates, in output order
 * @param inputSchema the raw input's schema; every column must have a {@link ColumnType}
 * @throws IllegalArgumentException when a column index is out of range
 * @throws io.buzz.kernels.KernelException UNSUPPORTED for a type a function does not accept
 */
public record AggregateSpec(int[] groupBy, List<AggregateCall> calls, Schema inputSchema) {
  public AggregateSpec {
    groupBy = requireNonNull(groupBy, "groupBy is null").clone();
    calls = List.copyOf(requireNonNull(calls, "calls is null"));
    requireNonNull(inputSchema, "inputSchema is null");
    int width = inputSchema.getFields().size();
    for (int column : groupBy) {
      if (column < 0 || column >= width) {
        throw new IllegalArgumentException(
            "group column " + column + " out of range for " + width + " input columns");
      }
      ColumnType.of(inputSchema.getFields().get(column).getType());
    }
    for (AggregateCall call : calls) {
      String label = call.function() + " AS " + call.name();
      if (call.function().usesArgument()) {
        checkColumn(call.argument(), width, "argument of " + label);
      }
      if (call.filtered()) {
        checkColumn(call.filter(), width, "filter of " + label);
        if (ColumnType.of(inputSchema.getFields().get(call.filter()).getType())
            != ColumnType.BOOL) {
          throw new IllegalArgumentException("filter of " + label + " is not a BOOL column");
        }
      }
      call.resultField(inputSchema, groupBy.length == 0);
    }
  }

  private static void checkColumn(int column, int width, String what) {
    if (column < 0 || column >= width) {
      throw new IllegalArgumentException(
          what + " (" + column + ") out of range for " + width + " input columns");
    }
  }

  @Override
  public int[] groupBy() {
    return groupBy.clone();
  }

  /** The number of group columns. */
  public int groupCount() {
    return groupBy.length;
  }

  /** The raw input column of group column {@code index}. */
  public int groupColumn(int index) {
    return groupBy[index];
  }

  /** The type of group column {@code index}. */
  public ColumnType groupType(int index) {
    return inputType(groupBy[index]);
  }

  /** The type of raw input column {@code column}. */
  public ColumnType inputType(int column) {
    return ColumnType.of(inputSchema.getFields().get(column).getType());
  }

  /** The argument type of call {@code index}, or null for COUNT_STAR. */
  public ColumnType argumentType(int index) {
    ArrowType argument = argumentArrowType(index);
    return argument == null ? null : ColumnType.of(argument);
  }

  /** The Arrow type of the argument of call {@code index}, or null for COUNT_STAR. */
  ArrowType argumentArrowType(int index) {
    AggregateCall call = calls.get(index);
    return call.function().usesArgument()
        ? inputSchema.getFields().get(call.argument()).getType()
        : null;
  }

  /** The Arrow type of group column {@code index}. */
  ArrowType groupArrowType(int index) {
    return inputSchema.getFields().get(groupBy[index]).getType();
  }

  /** The final value type of call {@code index}. */
  public ColumnType resultType(int index) {
    return calls.get(index).function().resultType(argumentType(index));
  }

  /** The layout PARTIAL emits and FINAL reads. */
  public Schema stateSchema() {
    List<Field> fields = groupFields();
    for (AggregateCall call : calls) {
      fields.addAll(call.stateFields(inputSchema, groupBy.length == 0));
    }
    return new Schema(fields);
  }

  /** The layout SINGLE and FINAL emit: the group columns, then one column per call. */
  public Schema finalSchema() {
    List<Field> fields = groupFields();
    for (AggregateCall call : calls) {
      fields.add(call.resultField(inputSchema, groupBy.length == 0));
    }
    return new Schema(fields);
  }

  private List<Field> groupFields() {
    List<Field> fields = new ArrayList<>();
    for (int column : groupBy) {
      Field input = inputSchema.getFields().get(column);
      fields.add(field(input.getName(), input.isNullable(), input.getType()));
    }
    return fields;
  }

  private static Field field(String name, boolean nullable, ArrowType type) {
    return new Field(name, new FieldType(nullable, type, null), null);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AggregateSpec that
        && Arrays.equals(groupBy, that.groupBy)
        && calls.equals(that.calls)
        && inputSchema.equals(that.inputSchema);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(groupBy) + calls.hashCode()) + inputSchema.hashCode();
  }

  @Override
  public String toString() {
    return "AggregateSpec{groupBy="
        + Arrays.toString(groupBy)
        + ", calls="
        + calls
        + ", inputSchema="
        + inputSchema
        + "}";
  }
}
