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
    int words = Vectors.words(rows);
    // A row is decided by an operand equal to the "dominant" value: FALSE for AND, TRUE for OR.
    long dominant = connective == Connective.AND ? 0L : -1L;
    long[] decided = new long[words]; // bitmaps over output positions
    long[] sawNull = new long[words];
    // Pending rows: the input rows to evaluate the next operand on (null: every row) and their
    // output positions (null: position i is pending row i).
    Selection pending = selection;
    int[] positions = null;
    int pendingCount = rows;
    for (Expression operand : operands) {
      if (pendingCount == 0) {
        break;
      }
      int decidedNow = 0;
      try (FieldVector value = operand.evaluate(input, pending, allocator)) {
        ArrowBuf validity = value.getValidityBuffer();
        ArrowBuf data = value.getDataBuffer();
        boolean noNulls = !Vectors.hasNulls(value);
        for (int w = 0, valueWords = Vectors.words(pendingCount); w < valueWords; w++) {
          long valid = noNulls ? -1L : Vectors.word(validity, w);
          long decides = valid & ~(Vectors.word(data, w) ^ dominant);
          long nulls = ~valid;
          int tail = pendingCount - (w << 6);
          if (tail < 64) {
            decides &= (1L << tail) - 1;
            nulls &= (1L << tail) - 1;
          }
          decidedNow += Long.bitCount(decides);
          if (positions == null) {
            decided[w] |= decides;
            sawNull[w] |= nulls;
          } else {
            int base = w << 6;
            for (long bits = decides; bits != 0; bits &= bits - 1) {
              int position = positions[base + Long.numberOfTrailingZeros(bits)];
              decided[position >>> 6] |= 1L << position;
            }
            for (long bits = nulls; bits != 0; bits &= bits - 1) {
              int position = positions[base + Long.numberOfTrailingZeros(bits)];
              sawNull[position >>> 6] |= 1L << position;
            }
          }
        }
      }
      if (decidedNow > 0) {
        int kept = pendingCount - decidedNow;
        Selection next = new Selection(kept);
        int[] nextPositions = new int[kept];
        int k = 0;
        if (positions == null) {
          for (int w = 0; w < words; w++) {
            long undecided = ~decided[w];
            int tail = rows - (w << 6);
            if (tail < 64) {
              undecided &= (1L << tail) - 1;
            }
            for (; undecided != 0; undecided &= undecided - 1) {
              int position = (w << 6) + Long.numberOfTrailingZeros(undecided);
              nextPositions[k++] = position;
              next.add(selection == null ? position : selection.get(position));
            }
          }
        } else {
          for (int i = 0; i < pendingCount; i++) {
            int position = positions[i];
            if (((decided[position >>> 6] >>> position) & 1) == 0) {
              nextPositions[k++] = position;
              next.add(pending.get(i));
            }
          }
        }
        pending = next;
        positions = nextPositions;
        pendingCount = kept;
      }
    }
    BitVector out = Vectors.allocateBool(rows, allocator);
    ArrowBuf validity = out.getValidityBuffer();
    ArrowBuf data = out.getDataBuffer();
    for (int w = 0; w < words; w++) {
      // Decided rows hold the dominant value; undecided rows are NULL if an operand was NULL,
      // else the other value.
      Vectors.putWord(validity, w, ~(sawNull[w] & ~decided[w]), rows);
      Vectors.putWord(data, w, (decided[w] & dominant) | (~decided[w] & ~dominant), rows);
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
