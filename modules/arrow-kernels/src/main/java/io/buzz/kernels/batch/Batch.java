package io.buzz.kernels.batch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Equally long Arrow columns with their schema: the unit every operator consumes and produces.
 *
 * <p>Ownership: a batch owns its vectors and closes them in {@link #close()}. Passing a batch to an
 * operator transfers ownership unless the operator's Javadoc says otherwise. {@link #slice} makes a
 * view that shares buffers (reference counted, so either side may be closed first); {@link #copy}
 * copies. A batch is not thread-safe; hand it from thread to thread, never share it.
 */
public final class Batch implements AutoCloseable {
  private final Schema schema;
  private final List<FieldVector> columns;
  private final int rowCount;
  private DictionaryIds[] dictionaries;

  /** Per column, true when its vector holds no values, only validity: see {@link #withIdsOnly}. */
  private boolean[] idsOnly;

  private boolean closed;

  /**
   * Wraps vectors whose value counts equal {@code rowCount}; takes ownership of them.
   *
   * @throws IllegalArgumentException when the columns do not match the schema or the row count
   */
  public Batch(Schema schema, List<FieldVector> columns, int rowCount) {
    this.schema = requireNonNull(schema, "schema is null");
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    this.rowCount = rowCount;
    if (schema.getFields().size() != columns.size()) {
      throw new IllegalArgumentException(
          "schema has " + schema.getFields().size() + " fields but " + columns.size() + " columns");
    }
    for (FieldVector column : columns) {
      if (column.getValueCount() != rowCount) {
        throw new IllegalArgumentException(
            "column "
                + column.getName()
                + " has "
                + column.getValueCount()
                + " values, expected "
                + rowCount);
      }
    }
  }

  /** Wraps vectors, deriving the schema from their fields; takes ownership. */
  public static Batch of(List<FieldVector> columns, int rowCount) {
    List<Field> fields = new ArrayList<>(columns.size());
    for (FieldVector column : columns) {
      fields.add(column.getField());
    }
    return new Batch(new Schema(fields), columns, rowCount);
  }

  /** A batch of zero rows with the given schema. */
  public static Batch empty(Schema schema, BufferAllocator allocator) {
    List<FieldVector> columns = new ArrayList<>(schema.getFields().size());
    for (Field field : schema.getFields()) {
      FieldVector vector = field.createVector(allocator);
      vector.setValueCount(0);
      columns.add(vector);
    }
    return new Batch(schema, columns, 0);
  }

  /** Takes ownership of the root's vectors; the root must not be used or closed afterwards. */
  public static Batch fromRoot(VectorSchemaRoot root) {
    return new Batch(root.getSchema(), new ArrayList<>(root.getFieldVectors()), root.getRowCount());
  }

  /**
   * Attaches the dictionary ids of column {@code index} (see {@link DictionaryIds}: bytes for a
   * UTF8 or VARBINARY column, longs for a fixed-width one): a hint for consumers, which the
   * producer must keep consistent with the vector. {@link #slice}, {@link #copy} and {@link
   * #transferTo} do not carry it.
   *
   * @return this batch
   */
  public Batch withDictionary(int index, DictionaryIds ids) {
    requireNonNull(ids, "ids is null");
    ColumnType type = columnType(index);
    boolean fits =
        type.isVariableWidth()
            ? !ids.dictionary().holdsLongs()
            : ids.dictionary().holdsLongs()
                && type != ColumnType.BOOL
                && type != ColumnType.DECIMAL128;
    if (!fits || ids.ids().length < rowCount) {
      throw new IllegalArgumentException(
          "dictionary ids for column " + index + " of " + this + " do not fit it");
    }
    if (dictionaries == null) {
      dictionaries = new DictionaryIds[columns.size()];
    }
    dictionaries[index] = ids;
    return this;
  }

  /** The dictionary ids attached to column {@code index}, or null. */
  public DictionaryIds dictionary(int index) {
    return dictionaries == null ? null : dictionaries[index];
  }

  /**
   * Attaches the dictionary ids of column {@code index} as the only record of its values: the
   * vector's validity is right, but its values are placeholders (a scan that knows no operator
   * reads them skips copying them). Only a consumer that works from the ids, or reads nothing but
   * validity, may take such a column: reading its values ({@link
   * io.buzz.kernels.expr.ColumnReference}, the aggregate's gatherer) and every operation that would
   * pass the placeholders on ({@link #slice}, {@link #copy}, {@link #transferTo}, {@link
   * #renamedTo}, {@link #asRoot}, {@link #toOwningRoot}) throw IllegalStateException.
   *
   * @return this batch
   */
  public Batch withIdsOnly(int index, DictionaryIds ids) {
    withDictionary(index, ids);
    if (idsOnly == null) {
      idsOnly = new boolean[columns.size()];
    }
    idsOnly[index] = true;
    return this;
  }

  /** True when column {@code index}'s values are only its dictionary ids ({@link #withIdsOnly}). */
  public boolean idsOnly(int index) {
    return idsOnly != null && idsOnly[index];
  }

  /**
   * Throws IllegalStateException when column {@code index} holds only dictionary ids; {@code
   * operation} names the reader in the message.
   */
  public void requireValues(int index, String operation) {
    if (idsOnly(index)) {
      throw new IllegalStateException(
          operation
              + " reads the values of column "
              + index
              + " ("
              + schema.getFields().get(index).getName()
              + "), which this batch holds only as dictionary ids");
    }
  }

  /** {@link #requireValues(int, String)} for every column. */
  private void requireValues(String operation) {
    if (idsOnly != null) {
      for (int c = 0; c < idsOnly.length; c++) {
        requireValues(c, operation);
      }
    }
  }

  public Schema schema() {
    return schema;
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return columns.size();
  }

  public FieldVector column(int index) {
    checkOpen();
    return columns.get(index);
  }

  public List<FieldVector> columns() {
    checkOpen();
    return columns;
  }

  public ColumnType columnType(int index) {
    return ColumnType.of(schema.getFields().get(index).getType());
  }

  /** Bytes held by this batch's buffers. */
  public long sizeInBytes() {
    long size = 0;
    for (FieldVector column : columns) {
      size += column.getBufferSize();
    }
    return size;
  }

  /**
   * A view of rows {@code [offset, offset + length)} sharing this batch's buffers where Arrow can
   * (validity bits that do not start on a byte boundary are copied). The view is owned by the
   * caller and accounted to {@code allocator}.
   */
  public Batch slice(int offset, int length, BufferAllocator allocator) {
    checkOpen();
    requireValues("Batch.slice");
    if (offset < 0 || length < 0 || offset + length > rowCount) {
      throw new IndexOutOfBoundsException(
          "slice [" + offset + ", " + (offset + length) + ") of " + rowCount + " rows");
    }
    List<FieldVector> sliced = new ArrayList<>(columns.size());
    try {
      for (FieldVector column : columns) {
        TransferPair pair = column.getTransferPair(allocator);
        pair.splitAndTransfer(offset, length);
        sliced.add((FieldVector) pair.getTo());
      }
    } catch (RuntimeException e) {
      closeAll(sliced, e);
      throw e;
    }
    return new Batch(schema, sliced, length);
  }

  /**
   * A deep copy owned by the caller and accounted to {@code allocator}. Copies each column's
   * buffers with one bulk copy per buffer (validity, offsets, values), not value by value.
   */
  public Batch copy(BufferAllocator allocator) {
    checkOpen();
    requireValues("Batch.copy");
    List<FieldVector> copies = new ArrayList<>(columns.size());
    try {
      for (FieldVector column : columns) {
        FieldVector copy = column.getField().createVector(allocator);
        copies.add(copy);
        List<ArrowBuf> buffers = new ArrayList<>();
        try {
          for (ArrowBuf source : column.getFieldBuffers()) {
            long length = source.readableBytes();
            ArrowBuf target = allocator.buffer(length);
            buffers.add(target);
            if (length > 0) {
              target.setBytes(0, source, source.readerIndex(), length);
            }
            target.writerIndex(length);
          }
          copy.loadFieldBuffers(new ArrowFieldNode(rowCount, column.getNullCount()), buffers);
        } finally {
          // loadFieldBuffers took its own references
          for (ArrowBuf buffer : buffers) {
            buffer.close();
          }
        }
      }
    } catch (RuntimeException e) {
      closeAll(copies, e);
      throw e;
    }
    return new Batch(schema, copies, rowCount);
  }

  /**
   * Moves this batch's buffers to {@code allocator} without copying; this batch is closed and the
   * returned one is owned by the caller. Used when rows change hands, e.g. from a stream's
   * allocator to a query's.
   */
  public Batch transferTo(BufferAllocator allocator) {
    checkOpen();
    requireValues("Batch.transferTo");
    List<FieldVector> moved = new ArrayList<>(columns.size());
    for (FieldVector column : columns) {
      TransferPair pair = column.getTransferPair(allocator);
      pair.transfer();
      FieldVector target = (FieldVector) pair.getTo();
      target.setValueCount(rowCount);
      moved.add(target);
    }
    close();
    return new Batch(schema, moved, rowCount);
  }

  /**
   * This batch's vectors under {@code schema}'s names and nullability, without copying (each keeps
   * its own Arrow type, e.g. a timestamp's time zone); this batch is closed and the returned one is
   * owned by the caller.
   */
  public Batch renamedTo(Schema schema, BufferAllocator allocator) {
    checkOpen();
    requireValues("Batch.renamedTo");
    try (this) {
      List<FieldVector> renamed = new ArrayList<>(columns.size());
      try {
        for (int c = 0; c < columns.size(); c++) {
          renamed.add(moved(columns.get(c), schema.getFields().get(c), allocator));
        }
      } catch (RuntimeException e) {
        renamed.forEach(FieldVector::close);
        throw e;
      }
      return new Batch(schema, renamed, rowCount);
    }
  }

  /**
   * {@code vector}'s buffers moved, without copying, to a new vector named and nullable as {@code
   * wanted} and of {@code vector}'s own Arrow type, owned by the caller; {@code vector} is left
   * empty.
   */
  public static FieldVector moved(FieldVector vector, Field wanted, BufferAllocator allocator) {
    int count = vector.getValueCount();
    Field field =
        new Field(
            wanted.getName(),
            new org.apache.arrow.vector.types.pojo.FieldType(
                wanted.isNullable(), vector.getField().getType(), null),
            null);
    TransferPair pair = vector.getTransferPair(field, allocator);
    pair.transfer();
    FieldVector target = (FieldVector) pair.getTo();
    target.setValueCount(count);
    return target;
  }

  /**
   * A root over this batch's vectors, e.g. for IPC writers. The root does not own them: do not
   * close it; close the batch.
   */
  public VectorSchemaRoot asRoot() {
    checkOpen();
    requireValues("Batch.asRoot");
    return new VectorSchemaRoot(schema.getFields(), new ArrayList<>(columns), rowCount);
  }

  /**
   * Hands this batch's vectors to a new root that owns them (closing the root frees them); this
   * batch is closed without freeing anything.
   */
  public VectorSchemaRoot toOwningRoot() {
    checkOpen();
    requireValues("Batch.toOwningRoot");
    VectorSchemaRoot root =
        new VectorSchemaRoot(schema.getFields(), new ArrayList<>(columns), rowCount);
    closed = true;
    return root;
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      AutoCloseables.close(columns);
    } catch (Exception e) {
      throw new IllegalStateException("closing batch", e);
    }
  }

  @Override
  public String toString() {
    return "Batch{rows=" + rowCount + ", schema=" + schema + (closed ? ", closed" : "") + "}";
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("batch is closed");
    }
  }

  private static void closeAll(List<FieldVector> vectors, RuntimeException failure) {
    for (FieldVector vector : vectors) {
      try {
        vector.close();
      } catch (RuntimeException suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }
}
