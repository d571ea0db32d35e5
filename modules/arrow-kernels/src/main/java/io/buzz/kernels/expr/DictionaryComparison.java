package io.buzz.kernels.expr;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.Selection;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code column <op> constant} (or {@code constant <op> column}) over a UTF8 or VARBINARY column
 * whose batch carries {@link DictionaryIds}: each dictionary entry is compared with the constant
 * once, then every row takes its entry's answer ({@link #byEntry}, which LIKE uses too). The
 * answers are those of {@link ComparisonKernels}: unsigned bytes, NULL for a NULL row.
 */
public final class DictionaryComparison {
  private DictionaryComparison() {}

  /**
   * The comparison through the dictionary, as a new BOOL vector owned by the caller; null when it
   * does not apply (no dictionary ids, not a column against a non-NULL constant, or a dictionary
   * larger than the rows to answer).
   */
  static FieldVector evaluate(
      ComparisonOperation operation,
      Expression left,
      Expression right,
      Batch input,
      Selection selection,
      BufferAllocator allocator) {
    boolean mirrored = left instanceof Literal;
    Expression column = mirrored ? right : left;
    Expression constant = mirrored ? left : right;
    if (!(column instanceof ColumnReference reference)
        || !(constant instanceof Literal literal)
        || literal.isNull()
        || !column.type().isVariableWidth()) {
      return null;
    }
    DictionaryIds ids = usable(reference, input, selection);
    if (ids == null) {
      return null;
    }
    int rows = Vectors.rowCount(input, selection);
    byte[] value = literal.bytes();
    int mask = operation.mask();
    return byEntry(
        ids,
        selection,
        rows,
        (bytes, from, to) -> {
          int c = Integer.signum(Arrays.compareUnsigned(bytes, from, to, value, 0, value.length));
          return ((mask >>> ((mirrored ? -c : c) + 1)) & 1) != 0;
        },
        allocator);
  }

  /** Whether one dictionary entry, {@code bytes[from, to)}, is accepted. */
  @FunctionalInterface
  public interface EntryTest {
    boolean test(byte[] bytes, int from, int to);
  }

  /**
   * The dictionary ids of {@code column} in {@code input}, when it is a column reference whose
   * batch carries them and whose dictionary is no larger than the rows to answer (else null: the
   * values are cheaper to test directly).
   */
  public static DictionaryIds usable(Expression column, Batch input, Selection selection) {
    if (!(column instanceof ColumnReference reference) || !column.type().isVariableWidth()) {
      return null;
    }
    DictionaryIds ids = input.dictionary(reference.index());
    return ids == null || ids.dictionary().size() > Vectors.rowCount(input, selection) ? null : ids;
  }

  /**
   * A BOOL vector of {@code rows} rows (the selected rows of the batch {@code ids} belong to): each
   * dictionary entry tested once, each row its entry's answer, NULL for a NULL row. Owned by the
   * caller.
   */
  public static BitVector byEntry(
      DictionaryIds ids, Selection selection, int rows, EntryTest test, BufferAllocator allocator) {
    DictionaryIds.Dictionary dictionary = ids.dictionary();
    byte[] bytes = dictionary.bytes();
    int[] offsets = dictionary.offsets();
    boolean[] accepted = new boolean[dictionary.size()];
    for (int e = 0; e < accepted.length; e++) {
      accepted[e] = test.test(bytes, offsets[e], offsets[e + 1]);
    }
    BitVector out = Vectors.allocateBool(rows, allocator);
    ArrowBuf validity = out.getValidityBuffer();
    ArrowBuf data = out.getDataBuffer();
    int[] rowIds = ids.ids();
    int[] indices = selection == null ? null : selection.indices();
    for (int i = 0; i < rows; i++) {
      int id = rowIds[indices == null ? i : indices[i]];
      if (id >= 0) {
        BitVectorHelper.setBit(validity, i);
        if (accepted[id]) {
          BitVectorHelper.setBit(data, i);
        }
      }
    }
    out.setValueCount(rows);
    return out;
  }
}
