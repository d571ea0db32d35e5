package io.buzz.kernels.expr;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Buffer-level helpers shared by the kernels: allocation of result vectors, 64-bit access to
 * validity and boolean bitmaps, and zero-copy views.
 *
 * <p>Kernels allocate fixed-width and BOOL results through {@link #allocate}, which reserves
 * capacity for a multiple of 64 values. Every bitmap of such a vector is therefore a whole number
 * of 64-bit words, and kernels write it one word (64 rows) at a time with {@link #putWord}. Input
 * bitmaps may come from anywhere (IPC, other operators) and are read with {@link #word}, which
 * never reads past the buffer's capacity. Bit {@code j} of word {@code w} is row {@code 64w + j}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Vectors {
  private Vectors() {}

  /** The number of rows an expression produces: the selection's size, or all rows. */
  public static int rowCount(Batch input, Selection selection) {
    return selection == null ? input.rowCount() : selection.count();
  }

  /** The number of 64-bit words that hold {@code rows} bits. */
  public static int words(int rows) {
    return (rows + 63) >>> 6;
  }

  /**
   * A new nullable fixed-width or BOOL vector with room for {@code rows} values (rounded up to a
   * multiple of 64) and zeroed buffers, so every row starts NULL. The caller writes the buffers and
   * then calls {@code setValueCount(rows)}; the vector is owned by the caller.
   */
  public static FieldVector allocate(ColumnType type, int rows, BufferAllocator allocator) {
    return allocate(type.field(type.name().toLowerCase(Locale.ROOT), true), rows, allocator);
  }

  /**
   * Like {@link #allocate(ColumnType, int, BufferAllocator)} for a fixed-width Arrow type (a
   * decimal of any precision and scale, a timestamp with a time zone).
   */
  public static FieldVector allocate(ArrowType type, int rows, BufferAllocator allocator) {
    return allocate(new Field("value", new FieldType(true, type, null), null), rows, allocator);
  }

  /**
   * Like {@link #allocate(ColumnType, int, BufferAllocator)} for a vector of {@code field}, which
   * must be of a fixed-width or BOOL type (a timestamp may carry a time zone).
   */
  public static FieldVector allocate(Field field, int rows, BufferAllocator allocator) {
    FieldVector vector = field.createVector(allocator);
    int capacity = Math.max(64, words(rows) << 6);
    try {
      if (vector instanceof BaseFixedWidthVector fixed) {
        fixed.allocateNew(capacity);
      } else {
        throw new KernelException(
            KernelException.Kind.INTERNAL, "not a fixed-width type: " + field.getType());
      }
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
    return vector;
  }

  /** A new nullable BOOL vector, see {@link #allocate}. */
  public static BitVector allocateBool(int rows, BufferAllocator allocator) {
    return (BitVector) allocate(ColumnType.BOOL, rows, allocator);
  }

  /**
   * A new nullable UTF8 vector with room for {@code rows} values (rounded up to a multiple of 64,
   * so its validity bitmap takes whole words) and {@code bytes} bytes of data.
   */
  public static VarCharVector allocateUtf8(int rows, long bytes, BufferAllocator allocator) {
    return allocateUtf8(ColumnType.UTF8.field("utf8", true), rows, bytes, allocator);
  }

  /** Like {@link #allocateUtf8(int, long, BufferAllocator)} for a UTF8 {@code field}. */
  public static VarCharVector allocateUtf8(
      Field field, int rows, long bytes, BufferAllocator allocator) {
    return (VarCharVector) allocateVariableWidth(field, rows, bytes, allocator);
  }

  /**
   * Like {@link #allocateUtf8(int, long, BufferAllocator)} for a UTF8 or VARBINARY {@code field}.
   */
  public static BaseVariableWidthVector allocateVariableWidth(
      Field field, int rows, long bytes, BufferAllocator allocator) {
    BaseVariableWidthVector vector = (BaseVariableWidthVector) field.createVector(allocator);
    try {
      vector.allocateNew(Math.max(bytes, 1), Math.max(64, words(rows) << 6));
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
    return vector;
  }

  /**
   * Word {@code index} of a bitmap; bytes past the buffer's capacity read as zero, so a bitmap of
   * {@code ceil(rows / 8)} bytes is fine.
   */
  public static long word(ArrowBuf bitmap, int index) {
    long offset = (long) index << 3;
    long capacity = bitmap.capacity();
    if (offset + 8 <= capacity) {
      return bitmap.getLong(offset);
    }
    long word = 0;
    for (long b = offset; b < capacity && b < offset + 8; b++) {
      word |= (bitmap.getByte(b) & 0xFFL) << ((b - offset) << 3);
    }
    return word;
  }

  /**
   * Writes word {@code index} of a bitmap allocated by {@link #allocate}; bits at or past {@code
   * rows} are cleared so the bitmap stays canonical.
   */
  public static void putWord(ArrowBuf bitmap, int index, long word, int rows) {
    int tail = rows - (index << 6);
    if (tail < 64) {
      word &= (1L << tail) - 1;
    }
    bitmap.setLong((long) index << 3, word);
  }

  /** Bit {@code row} of a bitmap. */
  public static boolean bit(ArrowBuf bitmap, int row) {
    return ((bitmap.getByte(row >>> 3) >>> (row & 7)) & 1) != 0;
  }

  /** Sets bit {@code row} of a bitmap to {@code value}. */
  public static void putBit(ArrowBuf bitmap, int row, boolean value) {
    long index = row >>> 3;
    int mask = 1 << (row & 7);
    byte current = bitmap.getByte(index);
    bitmap.setByte(index, value ? (current | mask) : (current & ~mask));
  }

  /** Marks the first {@code rows} values of a vector from {@link #allocate} valid. */
  public static void setAllValid(FieldVector vector, int rows) {
    ArrowBuf validity = vector.getValidityBuffer();
    int words = words(rows);
    for (int w = 0; w < words; w++) {
      putWord(validity, w, -1L, rows);
    }
  }

  /**
   * True when a vector has at least one NULL. Scans the validity bitmap a word at a time and stops
   * at the first NULL; cheaper than Arrow's byte-wise {@code getNullCount}.
   */
  public static boolean hasNulls(FieldVector vector) {
    int rows = vector.getValueCount();
    ArrowBuf validity = vector.getValidityBuffer();
    int words = words(rows);
    for (int w = 0; w < words; w++) {
      long expected = validMask(w, rows);
      if ((word(validity, w) & expected) != expected) {
        return true;
      }
    }
    return false;
  }

  /**
   * The index mask of an operand: kernels read row {@code i} of an operand at {@code i & mask}, so
   * a scalar (a one-row vector, mask 0) is read at row 0 for every row without a branch.
   */
  public static int indexMask(boolean scalar) {
    return scalar ? 0 : -1;
  }

  /** A vector of {@code rows} NULLs of {@code type}, owned by the caller. */
  public static FieldVector allNull(ColumnType type, int rows, BufferAllocator allocator) {
    return Literal.nullOf(type).evaluate(rows, allocator);
  }

  /** A vector of {@code rows} NULLs of a fixed-width Arrow type (e.g. a decimal). */
  public static FieldVector allNull(ArrowType type, int rows, BufferAllocator allocator) {
    return Literal.nullOf(type).evaluate(rows, allocator);
  }

  /**
   * Writes the validity of {@code out} as the AND of the validity of the non-scalar operands (NULL
   * in, NULL out); scalar operands are non-NULL literals.
   *
   * @return true when the result has NULLs
   */
  public static boolean andValidity(
      FieldVector out,
      FieldVector left,
      boolean leftScalar,
      FieldVector right,
      boolean rightScalar,
      int rows) {
    if (leftScalar && rightScalar) {
      setAllValid(out, rows);
      return false;
    }
    if (leftScalar) {
      return copyValidity(out, right, rows);
    }
    if (rightScalar) {
      return copyValidity(out, left, rows);
    }
    return andValidity(out, left, right, rows);
  }

  /**
   * Writes the validity of {@code out} as the AND of the inputs' validity (NULL in, NULL out).
   *
   * @return true when the result has NULLs, false on the no-nulls fast path
   */
  public static boolean andValidity(FieldVector out, FieldVector[] inputs, int rows) {
    ArrowBuf[] bitmaps = new ArrowBuf[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      bitmaps[i] = inputs[i].getValidityBuffer();
    }
    ArrowBuf target = out.getValidityBuffer();
    int words = words(rows);
    long nulls = 0;
    for (int w = 0; w < words; w++) {
      long word = -1L;
      for (ArrowBuf bitmap : bitmaps) {
        word &= word(bitmap, w);
      }
      nulls |= ~word & validMask(w, rows);
      putWord(target, w, word, rows);
    }
    return nulls != 0;
  }

  /** Two-input form of {@link #andValidity(FieldVector, FieldVector[], int)}. */
  public static boolean andValidity(
      FieldVector out, FieldVector left, FieldVector right, int rows) {
    ArrowBuf a = left.getValidityBuffer();
    ArrowBuf b = right.getValidityBuffer();
    ArrowBuf target = out.getValidityBuffer();
    int words = words(rows);
    long nulls = 0;
    for (int w = 0; w < words; w++) {
      long word = word(a, w) & word(b, w);
      nulls |= ~word & validMask(w, rows);
      putWord(target, w, word, rows);
    }
    return nulls != 0;
  }

  /** Copies the validity of {@code source} into {@code out} (a vector from {@link #allocate}). */
  public static boolean copyValidity(FieldVector out, FieldVector source, int rows) {
    ArrowBuf from = source.getValidityBuffer();
    ArrowBuf target = out.getValidityBuffer();
    int words = words(rows);
    long nulls = 0;
    for (int w = 0; w < words; w++) {
      long word = word(from, w);
      nulls |= ~word & validMask(w, rows);
      putWord(target, w, word, rows);
    }
    return nulls != 0;
  }

  /** The bits of word {@code index} that are rows below {@code rows}. */
  private static long validMask(int index, int rows) {
    int tail = rows - (index << 6);
    return tail < 64 ? (1L << tail) - 1 : -1L;
  }

  /**
   * A vector of {@code type} sharing the buffers of {@code source} (reference counted, no copy of
   * the values), owned by the caller and accounted to {@code allocator}. Normalizes the Arrow type,
   * e.g. a timestamp with a time zone becomes {@link ColumnType#TIMESTAMP_MICROS}.
   */
  public static FieldVector view(FieldVector source, ColumnType type, BufferAllocator allocator) {
    return view(source, type.arrowType(), allocator);
  }

  /** Like {@link #view(FieldVector, ColumnType, BufferAllocator)} for any Arrow type. */
  public static FieldVector view(FieldVector source, ArrowType type, BufferAllocator allocator) {
    FieldVector view =
        new Field(source.getName(), new FieldType(true, type, null), null).createVector(allocator);
    try {
      int rows = source.getValueCount();
      view.loadFieldBuffers(
          new ArrowFieldNode(rows, hasNulls(source) ? source.getNullCount() : 0),
          source.getFieldBuffers());
    } catch (RuntimeException e) {
      view.close();
      throw e;
    }
    return view;
  }
}
