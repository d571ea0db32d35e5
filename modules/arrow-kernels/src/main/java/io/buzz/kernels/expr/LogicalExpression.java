package io.buzz.kernels.expr;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * n-ary AND or OR of BOOL operands with SQL three-valued logic: AND is FALSE if any operand is
 * FALSE, else NULL if any is NULL, else TRUE; OR is TRUE if any operand is TRUE, else NULL if any
 * is NULL, else FALSE.
 *
 * <p>Operands are evaluated left to right, each only over the rows the previous ones left undecided
 * (for AND, the rows not yet FALSE). So {@code x <> 0 AND 10 / x > 1} never divides by zero, and
 * later operands cost nothing for rows already decided. The undecided rows travel as a {@link
 * Selection} of input rows plus their output positions.
 */
public final class LogicalExpression implements Expression {
  /** The connective. */
  public enum Connective {
    AND,
    OR
  }

  /** Per-row states while evaluating. */
  private static final byte UNDECIDED = 0;

  private static final byte UNDECIDED_SAW_NULL = 1;
  private static final byte DECIDED = 2;

  private final Connective connective;
  private final List<Expression> operands;

  public LogicalExpression(Connective connective, List<Expression> operands) {
    this.connective = requireNonNull(connective, "connective is null");
    this.operands = List.copyOf(requireNonNull(operands, "operands is null"));
    if (this.operands.size() < 2) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED, connective + " needs at least two operands");
    }
    for (Expression operand : this.operands) {
      if (operand.type() != ColumnType.BOOL) {
        throw new KernelException(
            KernelException.Kind.UNSUPPORTED,
            connective + " needs BOOL operands, got " + operand.type());
      }
    }
  }

  public Connective connective() {
    return connective;
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOL;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    // A row is decided by an operand equal to the "dominant" value: FALSE for AND, TRUE for OR.
    long dominant = connective == Connective.AND ? 0L : -1L;
    byte[] state = new byte[rows];
    // Pending rows: input rows (null = the caller's selection as is) and their output positions.
    Selection pending = selection;
    int[] positions = null;
    int pendingCount = rows;
    for (Expression operand : operands) {
      if (pendingCount == 0) {
        break;
      }
      int kept = 0;
      try (FieldVector value = operand.evaluate(input, pending, allocator)) {
        ArrowBuf validity = value.getValidityBuffer();
        ArrowBuf data = value.getDataBuffer();
        boolean noNulls = value.getNullCount() == 0;
        for (int w = 0, words = Vectors.words(pendingCount); w < words; w++) {
          long valid = noNulls ? -1L : Vectors.word(validity, w);
          // bit set: the operand equals the dominant value on this row
          long decides = valid & ~(Vectors.word(data, w) ^ dominant);
          long nulls = ~valid;
          int base = w << 6;
          int end = Math.min(64, pendingCount - base);
          for (int j = 0; j < end; j++) {
            int position = positions == null ? base + j : positions[base + j];
            if (((decides >>> j) & 1) != 0) {
              state[position] = DECIDED;
            } else {
              if (((nulls >>> j) & 1) != 0) {
                state[position] = UNDECIDED_SAW_NULL;
              }
              kept++;
            }
          }
        }
      }
      if (kept != pendingCount) {
        // Narrow the pending rows to the undecided ones.
        Selection next = new Selection(kept);
        int[] nextPositions = new int[kept];
        int k = 0;
        for (int i = 0; i < pendingCount; i++) {
          int position = positions == null ? i : positions[i];
          if (state[position] != DECIDED) {
            nextPositions[k++] = position;
            next.add(selection == null ? position : selection.get(position));
          }
        }
        pending = next;
        positions = nextPositions;
        pendingCount = kept;
      }
    }
    return result(state, rows, dominant, allocator);
  }

  private static BitVector result(byte[] state, int rows, long dominant, BufferAllocator alloc) {
    BitVector out = Vectors.allocateBool(rows, alloc);
    ArrowBuf validity = out.getValidityBuffer();
    ArrowBuf data = out.getDataBuffer();
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long decided = 0;
      long valid = 0;
      for (int j = 0; j < end; j++) {
        byte s = state[base + j];
        decided |= (long) (s == DECIDED ? 1 : 0) << j;
        valid |= (long) (s != UNDECIDED_SAW_NULL ? 1 : 0) << j;
      }
      // Decided rows hold the dominant value, rows never decided the other one.
      long values = (decided & dominant) | (~decided & ~dominant);
      Vectors.putWord(validity, w, valid, rows);
      Vectors.putWord(data, w, values, rows);
    }
    out.setValueCount(rows);
    return out;
  }

  @Override
  public List<Expression> children() {
    return operands;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        text.append(' ').append(connective).append(' ');
      }
      text.append(operands.get(i));
    }
    return text.append(')').toString();
  }
}
