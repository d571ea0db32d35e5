package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.PlanTypes;
import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.CastExpression;
import io.buzz.kernels.expr.Literal;
import io.buzz.protocol.plan.ScanColumn;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A file's value of a partition column as a scan column: a UTF8 value repeated for a batch's rows
 * ({@link #utf8}), or a typed (non-UTF8) one: its text, as the catalog gives it, cast once per file
 * with the same cast kernel the Fuse's partition pruning uses, so a value means the same in {@code
 * partition_filter} and in the scan.
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

  /**
   * {@code rows} copies of a UTF8 value (NULL when {@code value} is null), written buffer by
   * buffer: the validity bitmap in bulk, the offsets in one loop, the bytes by doubling copies.
   */
  static FieldVector utf8(String name, byte[] value, int rows, BufferAllocator allocator) {
    VarCharVector vector = (VarCharVector) ColumnType.UTF8.newVector(name, true, allocator);
    try {
      long length = value == null ? 0 : value.length;
      long total = length * rows;
      if (total > Integer.MAX_VALUE) {
        throw new BuzzException(
            ErrorCode.LIMIT_EXCEEDED,
            "partition value of column '" + name + "' repeated " + rows + " times exceeds 2 GiB");
      }
      // allocateNew zeroes the validity and offset buffers: every row starts NULL and empty
      vector.allocateNew(Math.max(total, 1), rows);
      if (value != null && rows > 0) {
        ArrowBuf data = vector.getDataBuffer();
        data.setBytes(0, value);
        for (long filled = length; filled < total; filled *= 2) {
          data.setBytes(filled, data, 0, Math.min(filled, total - filled));
        }
        ArrowBuf offsets = vector.getOffsetBuffer();
        for (int row = 1; row <= rows; row++) {
          offsets.setInt((long) row << 2, (int) (row * length));
        }
        vector.getValidityBuffer().setOne(0L, (long) ((rows + 7) >>> 3));
      }
      vector.setLastSet(rows - 1);
      vector.setValueCount(rows);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }
}
