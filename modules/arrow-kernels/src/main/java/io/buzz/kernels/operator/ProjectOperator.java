package io.buzz.kernels.operator;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.SharedExpression;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Output column {@code i} is expression {@code i} evaluated over the input, named and typed by
 * output field {@code i}. With a {@link Selection} (from a preceding {@link FilterOperator}) only
 * the selected rows are evaluated and the output is dense. A plain column reference shares the
 * input's buffers, so projecting columns copies nothing. A {@link SharedExpression} among the
 * expressions (a subexpression they share) is computed once per batch and released after it.
 *
 * <p>Runs on the calling thread; not thread-safe. Result buffers come from the allocator given at
 * construction (or are shared with the input).
 */
public final class ProjectOperator implements StreamingOperator {
  private final List<Expression> expressions;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final List<SharedExpression> shared = new ArrayList<>();

  /**
   * @param fields one per expression: the output name and nullability; its type must be the
   *     expression's
   */
  public ProjectOperator(
      List<Expression> expressions, List<Field> fields, BufferAllocator allocator) {
    this.expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
    this.schema = new Schema(requireNonNull(fields, "fields is null"));
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (expressions.size() != fields.size()) {
      throw new IllegalArgumentException(
          expressions.size() + " expressions but " + fields.size() + " output fields");
    }
    java.util.Set<Expression> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Expression> pending = new java.util.ArrayDeque<>(this.expressions);
    while (!pending.isEmpty()) {
      Expression next = pending.pop();
      if (seen.add(next)) {
        if (next instanceof SharedExpression common) {
          shared.add(common);
        }
        pending.addAll(next.children());
      }
    }
    for (int i = 0; i < fields.size(); i++) {
      ColumnType declared = ColumnType.of(fields.get(i).getType());
      if (declared != expressions.get(i).type()
          || declared == ColumnType.DECIMAL128
              && !fields.get(i).getType().equals(expressions.get(i).arrowType())) {
        throw new KernelException(
            KernelException.Kind.INTERNAL,
            "output field "
                + fields.get(i).getName()
                + " is "
                + (declared == ColumnType.DECIMAL128 ? fields.get(i).getType() : declared)
                + " but its expression is "
                + (declared == ColumnType.DECIMAL128
                    ? expressions.get(i).arrowType()
                    : expressions.get(i).type()));
      }
    }
  }

  /** A project whose output columns are all nullable, named by {@code names}. */
  public static ProjectOperator of(
      List<Expression> expressions, List<String> names, BufferAllocator allocator) {
    List<Field> fields = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      fields.add(
          new Field(names.get(i), new FieldType(true, expressions.get(i).arrowType(), null), null));
    }
    return new ProjectOperator(expressions, fields, allocator);
  }

  public List<Expression> expressions() {
    return expressions;
  }

  @Override
  public Schema outputSchema() {
    return schema;
  }

  /** Takes ownership of {@code input}; returns the projected batch, owned by the caller. */
  @Override
  public Batch apply(Batch input) {
    return apply(input, null);
  }

  /**
   * Projects the rows {@code selection} lists (all rows when null). Takes ownership of {@code
   * input}; returns a dense batch of {@code selection.count()} rows, owned by the caller.
   */
  public Batch apply(Batch input, Selection selection) {
    try (input) {
      return project(input, selection);
    } finally {
      shared.forEach(SharedExpression::release);
    }
  }

  private Batch project(Batch input, Selection selection) {
    int rows = selection == null ? input.rowCount() : selection.count();
    List<FieldVector> columns = new ArrayList<>(expressions.size());
    try {
      for (int i = 0; i < expressions.size(); i++) {
        Expression expression = expressions.get(i);
        try (FieldVector value =
            selection == null
                    && expression instanceof ColumnReference reference
                    && input.idsOnly(reference.index())
                ? reference.passOn(input, allocator)
                : expression.evaluate(input, selection, allocator)) {
          TransferPair pair = value.getTransferPair(schema.getFields().get(i), allocator);
          pair.transfer();
          FieldVector renamed = (FieldVector) pair.getTo();
          renamed.setValueCount(rows);
          columns.add(renamed);
        }
      }
    } catch (RuntimeException e) {
      for (FieldVector column : columns) {
        column.close();
      }
      throw e;
    }
    Batch out = new Batch(schema, columns, rows);
    if (selection == null) {
      for (int i = 0; i < expressions.size(); i++) {
        if (expressions.get(i) instanceof ColumnReference reference
            && input.dictionary(reference.index()) != null) {
          if (input.idsOnly(reference.index())) {
            out.withIdsOnly(i, input.dictionary(reference.index()));
          } else {
            out.withDictionary(i, input.dictionary(reference.index()));
          }
        }
      }
    }
    return out;
  }
}
