package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.exec.PlanTypes;
import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.expr.CastExpression;
import io.buzz.kernels.expr.Literal;
import io.buzz.protocol.plan.ScanColumn;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A file's value of a typed (non-UTF8) partition column: its text, as the catalog gives it, cast
 * once per file with the same cast kernel the Fuse's partition pruning uses, so a value means the
 * same in {@code partition_filter} and in the scan.
 */
final class PartitionConstant {
  private PartitionConstant() {}

  /**
   * @param value the file's text value, null for NULL
   * @throws BuzzException BAD_QUERY naming the file, the column and the value when it does not
   *     convert
   */
  static Literal of(String value, ScanColumn column, String fileUri, BufferAllocator allocator) {
    ArrowType type = PlanTypes.arrowType(column.getType(), column.getDecimal());
    if (value == null) {
      return Literal.nullOf(type);
    }
    try (Batch oneRow = new Batch(new Schema(List.of()), List.of(), 1);
        FieldVector cast =
            CastExpression.to(Literal.ofUtf8(value), type).evaluate(oneRow, null, allocator)) {
      return Literal.at(cast, 0);
    } catch (KernelException e) {
      throw BuzzException.badQuery(
          fileUri
              + ": partition value '"
              + value
              + "' of column '"
              + column.getName()
              + "' is not a "
              + PlanTypes.describe(type)
              + ": "
              + e.getMessage());
    }
  }
}
