package io.buzz.kernels.operator;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.testing.TestBatches.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** A batch with one column of every {@link ColumnType}, NULLs on every fifth row. */
public final class AllTypes {
  private AllTypes() {}

  public static Batch batch(BufferAllocator allocator, int rows) {
    List<Column> columns = new ArrayList<>();
    for (ColumnType type : ColumnType.values()) {
      List<Object> values = new ArrayList<>(rows);
      for (int i = 0; i < rows; i++) {
        values.add(i % 5 == 3 ? null : value(type, i));
      }
      columns.add(new Column(type.name().toLowerCase(java.util.Locale.ROOT), type, values));
    }
    return io.buzz.kernels.testing.TestBatches.batch(allocator, columns.toArray(new Column[0]));
  }

  public static Object value(ColumnType type, int i) {
    return switch (type) {
      case BOOL -> i % 3 == 0;
      case INT32 -> i * 7 - 50;
      case INT64 -> (long) i * 1_000_000_007L;
      case FLOAT64 -> i / 4.0;
      case UTF8 -> i % 4 == 0 ? "" : "value-" + i + "-é";
      case DATE32 -> i - 500;
      case TIMESTAMP_MICROS -> (long) i * 86_400_000_001L - 1;
    };
  }
}
