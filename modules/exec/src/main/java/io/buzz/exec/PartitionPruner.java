package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.CastExpression;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Vectors;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Decides which files a query reads from their Hive-style partition values ({@code key=value} path
 * segments), by evaluating the plan's partition filter with the kernels over one batch holding one
 * row per file.
 *
 * <p>Partition values arrive as strings. A column the partition schema declares UTF8 is used as is;
 * any other type is cast from the string (an unparsable value is BAD_QUERY naming it). A file
 * without the key has NULL there. A file is selected when the predicate is TRUE (FALSE and NULL
 * prune it), as a Filter would. Stateless.
 */
public final class PartitionPruner {
  private PartitionPruner() {}

  /**
   * @param predicate a BOOL expression over {@code partitionSchema}
   * @param partitionSchema the partition keys, in the order of each file's values
   * @param valuesPerFile for each file, one value per key (null when the file lacks the key)
   * @param allocator scratch memory, released before returning
   * @return for each file, whether it is selected
   * @throws BuzzException INTERNAL for a broken predicate, BAD_QUERY for a value that does not
   *     convert to its key's type
   */
  public static boolean[] select(
      Expr predicate,
      Schema partitionSchema,
      List<List<String>> valuesPerFile,
      BufferAllocator allocator) {
    Expression compiled =
        ExpressionCompiler.compile(predicate, partitionSchema, "partition_filter");
    if (compiled.type() != ColumnType.BOOL) {
      throw new BuzzException(
          ErrorCode.INTERNAL,
          "invalid plan: partition_filter is " + compiled.type() + ", not BOOL");
    }
    int files = valuesPerFile.size();
    int keys = partitionSchema.getFieldsCount();
    for (int f = 0; f < files; f++) {
      if (valuesPerFile.get(f).size() != keys) {
        throw new BuzzException(
            ErrorCode.INTERNAL,
            "file "
                + f
                + " has "
                + valuesPerFile.get(f).size()
                + " partition values, expected "
                + keys);
      }
    }
    boolean[] selected = new boolean[files];
    if (files == 0) {
      return selected;
    }
    try (Batch strings = stringBatch(partitionSchema, valuesPerFile, allocator);
        Batch typed = typedBatch(partitionSchema, strings, allocator);
        FieldVector result = compiled.evaluate(typed, null, allocator)) {
      boolean noNulls = !Vectors.hasNulls(result);
      ArrowBuf validity = result.getValidityBuffer();
      ArrowBuf data = result.getDataBuffer();
      for (int f = 0; f < files; f++) {
        selected[f] = (noNulls || Vectors.bit(validity, f)) && Vectors.bit(data, f);
      }
      return selected;
    } catch (BuzzException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ExecErrors.toBuzz(e);
    }
  }

  /** One nullable UTF8 column per key, one row per file. */
  private static Batch stringBatch(
      Schema partitionSchema, List<List<String>> valuesPerFile, BufferAllocator allocator) {
    int files = valuesPerFile.size();
    List<FieldVector> columns = new ArrayList<>(partitionSchema.getFieldsCount());
    try {
      for (int k = 0; k < partitionSchema.getFieldsCount(); k++) {
        VarCharVector column =
            (VarCharVector)
                ColumnType.UTF8.newVector(partitionSchema.getFields(k).getName(), true, allocator);
        columns.add(column);
        column.allocateNew(files);
        for (int f = 0; f < files; f++) {
          String value = valuesPerFile.get(f).get(k);
          if (value != null) {
            column.setSafe(f, value.getBytes(StandardCharsets.UTF_8));
          }
        }
        column.setValueCount(files);
      }
    } catch (RuntimeException e) {
      columns.forEach(FieldVector::close);
      throw e;
    }
    return Batch.of(columns, files);
  }

  /** The string columns cast to the keys' declared types. */
  private static Batch typedBatch(
      Schema partitionSchema, Batch strings, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>(partitionSchema.getFieldsCount());
    try {
      for (int k = 0; k < partitionSchema.getFieldsCount(); k++) {
        Field field = partitionSchema.getFields(k);
        ColumnType type = PlanTypes.columnType(field.getType());
        Expression value = new ColumnReference(k, ColumnType.UTF8);
        if (type != ColumnType.UTF8) {
          if (!CastExpression.supports(ColumnType.UTF8, type)) {
            throw new BuzzException(
                ErrorCode.UNSUPPORTED,
                "partition key " + field.getName() + " of type " + type + " is not supported");
          }
          value =
              CastExpression.to(value, PlanTypes.arrowType(field.getType(), field.getDecimal()));
        }
        columns.add(value.evaluate(strings, null, allocator));
      }
    } catch (RuntimeException e) {
      columns.forEach(FieldVector::close);
      throw e;
    }
    return new Batch(PlanTypes.arrowSchema(partitionSchema), columns, strings.rowCount());
  }
}
