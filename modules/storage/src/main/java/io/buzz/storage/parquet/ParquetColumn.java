package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.ColumnType;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A top-level column of a Parquet file as Buzz sees it: either the Arrow type it decodes to, or the
 * reason it cannot be read, worded for users (e.g. {@code "DECIMAL(40,2): more than 38 digits"},
 * {@code "nested LIST"}, {@code "unsigned INT(32)"}), so the planner can say exactly why a column
 * is unusable.
 *
 * <p>The Arrow type is the whole truth: for DECIMAL128 columns it carries the precision and scale,
 * which {@link #type()} (the kernels' type family) does not.
 *
 * @param name the column's name in the file schema
 * @param arrowType the Arrow type values decode to, one {@link ColumnType#of} accepts; empty when
 *     unsupported
 * @param unsupportedReason why the column cannot be read; empty when supported
 * @param nullable whether the column is OPTIONAL (REQUIRED columns never hold nulls)
 */
public record ParquetColumn(
    String name,
    Optional<ArrowType> arrowType,
    Optional<String> unsupportedReason,
    boolean nullable) {
  public ParquetColumn {
    requireNonNull(name, "name is null");
    requireNonNull(arrowType, "arrowType is null");
    requireNonNull(unsupportedReason, "unsupportedReason is null");
    if (arrowType.isPresent() == unsupportedReason.isPresent()) {
      throw new IllegalArgumentException(
          "column " + name + " needs exactly one of a type and an unsupported reason");
    }
    arrowType.ifPresent(ColumnType::of); // rejects Arrow types the kernels do not compute with
  }

  /** A column that decodes to {@code type}. */
  public static ParquetColumn supported(String name, ArrowType type, boolean nullable) {
    return new ParquetColumn(name, Optional.of(type), Optional.empty(), nullable);
  }

  /** A column Buzz cannot read, and why. */
  public static ParquetColumn unsupported(String name, String reason, boolean nullable) {
    return new ParquetColumn(name, Optional.empty(), Optional.of(reason), nullable);
  }

  /**
   * The Buzz type values decode to (for DECIMAL128 see {@link #arrowType}); empty when unsupported.
   */
  public Optional<ColumnType> type() {
    return arrowType.map(ColumnType::of);
  }

  public boolean isSupported() {
    return arrowType.isPresent();
  }

  /**
   * The Arrow field of the decoded values, named {@code as}.
   *
   * @throws java.util.NoSuchElementException when the column is unsupported
   */
  public Field field(String as) {
    return new Field(as, new FieldType(nullable, arrowType.orElseThrow(), null), null);
  }
}
