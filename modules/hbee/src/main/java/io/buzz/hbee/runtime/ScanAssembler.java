package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.exec.PlanTypes;
import io.buzz.exec.StatisticsPruner;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.expr.CastExpression;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.Literal;
import io.buzz.protocol.plan.Scan;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.task.FileRef;
import io.buzz.protocol.task.PartitionValue;
import io.buzz.storage.parquet.ColumnPageIndex;
import io.buzz.storage.parquet.ColumnStatistics;
import io.buzz.storage.parquet.PageIndex;
import io.buzz.storage.parquet.ParquetColumn;
import io.buzz.storage.parquet.ParquetFileReader;
import io.buzz.storage.parquet.RowGroupChunks;
import io.buzz.storage.parquet.RowGroupDecoder;
import io.buzz.storage.parquet.RowGroupMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Builds the scan's batches: the decoded Parquet columns and, for partition columns, the file's
 * constant value, in the plan's scan order under the plan's names.
 */
final class ScanAssembler {
  private final List<ScanColumn> columns;
  private final List<String> parquetColumns = new ArrayList<>();
  private final int[] parquetIndex;
  private final byte[][] constants;
  private final Schema schema;
  private final String fileUri;

  /**
   * Per typed (non-UTF8) partition column, its text value; the value cast once, when needed. A
   * column missing from the file (and allowed to be) has its NULL there from the start.
   */
  private final String[] typedValues;

  private final Literal[] typedConstants;

  /** Per Parquet column, its name in this file (another than planned when found by field id). */
  private final String[] fileNames;

  /** The Parquet columns whose dictionary ids the pipeline uses; set by the first decoder. */
  private Set<String> dictionaryIdColumns;

  /** The Parquet columns read ids only; set with {@link #dictionaryIdColumns}. */
  private Set<String> idsOnlyColumns;

  /** The output columns {@link #idsOnlyColumns} was chosen for (the caller may ask for none). */
  private Set<Integer> idsOnlyAskedFor;

  /** Per Parquet column the table widened since the file was written, the file's type. */
  private final ArrowType[] widenedFrom;

  /**
   * Per partition column, its one value as a dictionary (empty for a NULL partition): every row's
   * id is 0 (or -1), so grouping and comparisons on the column work once per file.
   */
  private final DictionaryIds.Dictionary[] partitionDictionaries;

  /** Per partition column, the rows' ids so far (all 0 or all -1), grown to the largest batch. */
  private final DictionaryIds[] partitionIds;

  /**
   * Checks the file against the scan: every Parquet column must exist with the planned type.
   *
   * @throws BuzzException NOT_FOUND or BAD_QUERY naming the file and column otherwise
   */
  ScanAssembler(Scan scan, FileRef file, ParquetFileReader reader) {
    this.columns = scan.getColumnsList();
    this.parquetIndex = new int[columns.size()];
    this.constants = new byte[columns.size()][];
    this.fileUri = file.getUri();
    this.typedValues = new String[columns.size()];
    this.typedConstants = new Literal[columns.size()];
    this.widenedFrom = new ArrowType[columns.size()];
    this.fileNames = new String[columns.size()];
    Map<String, String> partitions = new HashMap<>();
    for (PartitionValue value : file.getPartitionValuesList()) {
      partitions.put(value.getKey(), value.getValue());
    }
    Schema.Builder schemaBuilder = Schema.newBuilder();
    for (int i = 0; i < columns.size(); i++) {
      ScanColumn column = columns.get(i);
      schemaBuilder.addFields(
          PlanTypes.field(
              column.getName(), PlanTypes.arrowType(column.getType(), column.getDecimal()), true));
      switch (column.getSourceCase()) {
        case PARQUET_COLUMN -> {
          String byId = fileColumn(reader, column);
          String name = byId == null ? column.getParquetColumn() : byId;
          fileNames[i] = name;
          if (column.getNullIfMissing() && (byId == null || reader.column(name).isEmpty())) {
            // a file written before the column was added: NULL in every row
            parquetIndex[i] = -1;
            typedConstants[i] =
                Literal.nullOf(PlanTypes.arrowType(column.getType(), column.getDecimal()));
          } else {
            widenedFrom[i] = check(reader, column, name);
            parquetIndex[i] = parquetColumns.size();
            parquetColumns.add(fileNames[i]);
          }
        }
        case PARTITION_KEY -> {
          parquetIndex[i] = -1;
          String value = partitions.get(column.getPartitionKey());
          if (isTyped(column)) {
            typedValues[i] = value;
          } else {
            constants[i] = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
          }
        }
        case ROWS_ONLY -> {
          // only the row count matters: a NULL column, no page read
          parquetIndex[i] = -1;
          constants[i] = null;
        }
        case SOURCE_NOT_SET ->
            throw BuzzException.internal(
                "scan column " + column.getName() + " has no source", null);
      }
    }
    this.schema = schemaBuilder.build();
    this.partitionDictionaries = new DictionaryIds.Dictionary[columns.size()];
    this.partitionIds = new DictionaryIds[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).getSourceCase() == ScanColumn.SourceCase.PARTITION_KEY
          && !isTyped(columns.get(i))) {
        byte[] value = constants[i];
        partitionDictionaries[i] =
            value == null
                ? new DictionaryIds.Dictionary(new byte[0], new int[] {0}, 0)
                : new DictionaryIds.Dictionary(value, new int[] {0, value.length}, 1);
      }
    }
  }

  private static boolean isTyped(ScanColumn column) {
    return PlanTypes.columnType(column.getType()) != ColumnType.UTF8;
  }

  /** Typed partition column {@code i}'s value for {@code rows} rows, cast at its first use. */
  private FieldVector typedConstant(int i, int rows, BufferAllocator allocator) {
    if (typedConstants[i] == null) {
      typedConstants[i] = PartitionConstant.of(typedValues[i], columns.get(i), fileUri, allocator);
    }
    try (FieldVector value = typedConstants[i].evaluate(rows, allocator)) {
      return move(value, columns.get(i).getName(), allocator);
    }
  }

  /**
   * The name of the file's column holding scan column {@code column}: by Parquet field id when the
   * column has one and the file's columns carry ids (null when none has it), else by name.
   */
  private static String fileColumn(ParquetFileReader reader, ScanColumn column) {
    if (column.getParquetFieldId() != 0 && !reader.fieldIds().isEmpty()) {
      return reader.fieldIds().get(column.getParquetFieldId());
    }
    return column.getParquetColumn();
  }

  /** Column {@code i} of {@code decoded}, cast from the file's narrower type to the table's. */
  private FieldVector widened(Batch decoded, int i, BufferAllocator allocator) {
    ScanColumn column = columns.get(i);
    CastExpression cast =
        CastExpression.to(
            ColumnReference.of(parquetIndex[i], widenedFrom[i]),
            PlanTypes.arrowType(column.getType(), column.getDecimal()));
    try (FieldVector value = cast.evaluate(decoded, null, allocator)) {
      return move(value, column.getName(), allocator);
    }
  }

  /** Partition column {@code i}'s ids for a batch of {@code rows}. */
  private DictionaryIds partitionIds(int i, int rows) {
    DictionaryIds ids = partitionIds[i];
    if (ids == null || ids.ids().length < rows) {
      int[] all = new int[Math.max(rows, 1024)];
      if (constants[i] == null) {
        java.util.Arrays.fill(all, -1);
      }
      ids = new DictionaryIds(partitionDictionaries[i], all);
      partitionIds[i] = ids;
    }
    return ids;
  }

  /**
   * Checks a Parquet column against the plan.
   *
   * @return the file's type when the table widened the column's type since the file was written
   *     (the scan casts it), null when the file has the planned type
   */
  private static ArrowType check(ParquetFileReader reader, ScanColumn column, String name) {
    Optional<ParquetColumn> found = reader.column(name);
    if (found.isEmpty()) {
      throw BuzzException.notFound(
          reader.uri()
              + " has no column '"
              + name
              + "' (the table's schema was read from another file)");
    }
    ParquetColumn parquet = found.get();
    if (parquet.type().isEmpty()) {
      throw BuzzException.unsupported(
          reader.uri()
              + ": column '"
              + parquet.name()
              + "' has Parquet type "
              + parquet.unsupportedReason().orElse("?")
              + ", which Buzz cannot read yet");
    }
    ColumnType planned = PlanTypes.columnType(column.getType());
    ArrowType plannedArrow = PlanTypes.arrowType(column.getType(), column.getDecimal());
    ArrowType inFile = parquet.arrowType().get();
    if (parquet.type().get() != planned
        || planned == ColumnType.DECIMAL128 && !inFile.equals(plannedArrow)) {
      if (column.getNullIfMissing() && TypeWidening.allowed(inFile, plannedArrow)) {
        return inFile; // a Delta table's type widened after the file was written
      }
      throw BuzzException.badQuery(
          reader.uri()
              + ": column '"
              + parquet.name()
              + "' is "
              + PlanTypes.describe(inFile)
              + " in this file but "
              + PlanTypes.describe(plannedArrow)
              + " in the table's schema");
    }
    return null;
  }

  /**
   * The statistics of {@code rowGroup} by scan column, for {@link StatisticsPruner}: a Parquet
   * column's chunk statistics (its type was checked to be the planned one); nothing for partition
   * columns, which the Fuse prunes by file.
   */
  StatisticsPruner.Bounds bounds(RowGroupMetadata rowGroup) {
    return new StatisticsPruner.Bounds() {
      @Override
      public long rows() {
        return rowGroup.numRows();
      }

      @Override
      public Optional<StatisticsPruner.ColumnBounds> column(int index) {
        return parquetColumn(index)
            .flatMap(rowGroup::chunk)
            .map(chunk -> bounds(chunk.statistics()));
      }
    };
  }

  /**
   * The page statistics of {@code rowGroup} by scan column, for {@link
   * StatisticsPruner#matchingRows}: a Parquet column's ColumnIndex in {@code index}, when read.
   */
  StatisticsPruner.PagedBounds pageBounds(RowGroupMetadata rowGroup, PageIndex index) {
    return new StatisticsPruner.PagedBounds() {
      @Override
      public long rows() {
        return rowGroup.numRows();
      }

      @Override
      public Optional<StatisticsPruner.ColumnPages> column(int scanIndex) {
        return parquetColumn(scanIndex)
            .flatMap(name -> index.column(rowGroup.index(), name))
            .filter(ColumnPageIndex::hasStatistics)
            .map(
                pages ->
                    new StatisticsPruner.ColumnPages() {
                      @Override
                      public int pageCount() {
                        return pages.pageCount();
                      }

                      @Override
                      public long firstRow(int page) {
                        return pages.firstRow(page);
                      }

                      @Override
                      public StatisticsPruner.ColumnBounds bounds(int page) {
                        return ScanAssembler.bounds(pages.statistics(page));
                      }
                    });
      }
    };
  }

  /** The Parquet column that scan column {@code index} reads; empty for other sources. */
  Optional<String> parquetColumn(int index) {
    // a widened column's statistics are in the file's type: not the plan's, so not used
    if (index < 0
        || index >= columns.size()
        || parquetIndex[index] < 0
        || widenedFrom[index] != null) {
      return Optional.empty();
    }
    return Optional.of(fileNames[index]);
  }

  private static StatisticsPruner.ColumnBounds bounds(ColumnStatistics statistics) {
    return new StatisticsPruner.ColumnBounds(
        statistics.nullCount(), statistics.min(), statistics.max());
  }

  /** The Parquet columns to fetch and decode, in decode order. */
  List<String> parquetColumns() {
    return parquetColumns;
  }

  /**
   * A decoder of this file's columns in {@code chunks}; the Parquet columns behind output columns
   * {@code dictionaryKeyColumns} (the pipeline's, the same for every row group) keep their
   * dictionary ids when read as they are (not widened, present in the file), and those behind
   * {@code idsOnlyColumns} are read ids only when no other output column reads them.
   */
  RowGroupDecoder decoder(
      RowGroupChunks chunks,
      BufferAllocator allocator,
      int batchRows,
      Set<Integer> dictionaryKeyColumns,
      Set<Integer> idsOnlyColumns) {
    if (dictionaryIdColumns == null || !idsOnlyColumns.equals(idsOnlyAskedFor)) {
      idsOnlyAskedFor = idsOnlyColumns;
      dictionaryIdColumns = readAsStored(dictionaryKeyColumns);
      Set<String> idsOnly = new HashSet<>(readAsStored(idsOnlyColumns));
      for (int i = 0; i < parquetIndex.length; i++) {
        if (parquetIndex[i] >= 0 && !idsOnlyColumns.contains(i)) {
          idsOnly.remove(fileNames[i]);
        }
      }
      this.idsOnlyColumns = Set.copyOf(idsOnly);
    }
    return new RowGroupDecoder(
        chunks, parquetColumns, allocator, batchRows, dictionaryIdColumns, this.idsOnlyColumns);
  }

  /** The Parquet columns behind output columns {@code columns} that are read as stored. */
  private Set<String> readAsStored(Set<Integer> columns) {
    Set<String> names = new HashSet<>();
    for (int i : columns) {
      if (i >= 0 && i < parquetIndex.length && parquetIndex[i] >= 0 && widenedFrom[i] == null) {
        names.add(fileNames[i]);
      }
    }
    return Set.copyOf(names);
  }

  /** The scan's output schema, the pipeline's input. */
  Schema schema() {
    return schema;
  }

  /** Assembles one scan batch from a decoded batch, taking ownership of it. */
  Batch assemble(Batch decoded, BufferAllocator allocator) {
    try (decoded) {
      int rows = decoded.rowCount();
      List<FieldVector> vectors = new ArrayList<>(columns.size());
      List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>(columns.size());
      try {
        for (int i = 0; i < columns.size(); i++) {
          String name = columns.get(i).getName();
          FieldVector vector;
          if (parquetIndex[i] >= 0 && widenedFrom[i] != null) {
            vector = widened(decoded, i, allocator);
          } else if (parquetIndex[i] >= 0) {
            vector = move(decoded.column(parquetIndex[i]), name, allocator);
          } else if (typedConstants[i] != null
              || columns.get(i).getSourceCase() == ScanColumn.SourceCase.PARTITION_KEY
                  && isTyped(columns.get(i))) {
            vector = typedConstant(i, rows, allocator);
          } else {
            vector = PartitionConstant.utf8(name, constants[i], rows, allocator);
          }
          vectors.add(vector);
          fields.add(vector.getField());
        }
      } catch (RuntimeException e) {
        vectors.forEach(FieldVector::close);
        throw e;
      }
      Batch scanned =
          new Batch(new org.apache.arrow.vector.types.pojo.Schema(fields), vectors, rows);
      for (int i = 0; i < columns.size(); i++) {
        DictionaryIds ids = parquetIndex[i] >= 0 ? decoded.dictionary(parquetIndex[i]) : null;
        if (ids != null && parquetIndex[i] >= 0 && decoded.idsOnly(parquetIndex[i])) {
          scanned.withIdsOnly(i, ids);
        } else if (ids != null && (widenedFrom[i] == null || !ids.dictionary().holdsLongs())) {
          scanned.withDictionary(i, ids);
        } else if (partitionDictionaries[i] != null) {
          scanned.withDictionary(i, partitionIds(i, rows));
        }
      }
      return scanned;
    }
  }

  /** The decoded vector's buffers under the scan's column name, without copying. */
  private static FieldVector move(FieldVector source, String name, BufferAllocator allocator) {
    int rows = source.getValueCount();
    TransferPair pair = source.getTransferPair(name, allocator);
    pair.transfer();
    FieldVector target = (FieldVector) pair.getTo();
    target.setValueCount(rows);
    return target;
  }
}
