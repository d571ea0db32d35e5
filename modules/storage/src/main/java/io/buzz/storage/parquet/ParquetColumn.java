package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.ColumnType;
import java.util.Optional;

/**
 * A top-level column of a Parquet file as Buzz sees it: either a {@link ColumnType} it can read, or
 * the reason it cannot, worded for users (e.g. {@code "DECIMAL(10,2)"}, {@code "nested LIST"},
 * {@code "unsigned INT(32)"}), so the planner can say exactly why a column is unusable.
 *
 * @param name the column's name in the file schema
 * @param type the Buzz type values decode to; empty when unsupported
 * @param unsupportedReason why the column cannot be read; empty when supported
 * @param nullable whether the column is OPTIONAL (REQUIRED columns never hold nulls)
 */
public record ParquetColumn(
    String name, Optional<ColumnType> type, Optional<String> unsupportedReason, boolean nullable) {
  public ParquetColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(unsupportedReason, "unsupportedReason is null");
    if (type.isPresent() == unsupportedReason.isPresent()) {
      throw new IllegalArgumentException(
          "column " + name + " needs exactly one of a type and an unsupported reason");
    }
  }

  static ParquetColumn supported(String name, ColumnType type, boolean nullable) {
    return new ParquetColumn(name, Optional.of(type), Optional.empty(), nullable);
  }

  static ParquetColumn unsupported(String name, String reason, boolean nullable) {
    return new ParquetColumn(name, Optional.empty(), Optional.of(reason), nullable);
  }

  public boolean isSupported() {
    return type.isPresent();
  }
}
