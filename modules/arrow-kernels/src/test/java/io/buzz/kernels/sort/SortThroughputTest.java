package io.buzz.kernels.sort;

import io.buzz.kernels.aggregate.TestRows;
import io.buzz.kernels.aggregate.Timing;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints top-N and sort throughput; asserts nothing. Run with {@code -Dbuzz.bench=true
 * -Dtest=SortThroughputTest} (add {@code -Dbuzz.bench.only=<name part>} for one case).
 */
@EnabledIfSystemProperty(named = "buzz.bench", matches = "true")
class SortThroughputTest {
  private static final int BATCH_ROWS = 1 << 16;
  private static final Schema SCHEMA =
      TestRows.schema(ColumnType.INT64, ColumnType.UTF8, ColumnType.FLOAT64);

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void sortThroughput() {
    List<Batch> batches = batches(16);
    try {
      run(
          "top-10 of 10M rows by INT64",
          List.of(SortKey.ascending(0)),
          OptionalLong.of(10),
          10_000_000,
          batches);
      run(
          "top-10 of 10M rows by FLOAT64 DESC, UTF8",
          List.of(SortKey.descending(2), SortKey.ascending(1)),
          OptionalLong.of(10),
          10_000_000,
          batches);
      run(
          "top-1000 of 10M rows by UTF8",
          List.of(SortKey.ascending(1)),
          OptionalLong.of(1000),
          10_000_000,
          batches);
      run(
          "full sort of 1M rows by INT64",
          List.of(SortKey.ascending(0)),
          OptionalLong.empty(),
          1 << 20,
          batches);
      run(
          "full sort of 1M rows by UTF8, INT64",
          List.of(SortKey.ascending(1), SortKey.descending(0)),
          OptionalLong.empty(),
          1 << 20,
          batches);
    } finally {
      batches.forEach(Batch::close);
    }
  }

  private void run(
      String name, List<SortKey> keys, OptionalLong fetch, long rows, List<Batch> batches) {
    if (!name.contains(System.getProperty("buzz.bench.only", ""))) {
      return;
    }
    sort(keys, fetch, Math.min(rows, 2_000_000), batches);
    Timing timing = new Timing();
    for (int run = 0; run < 3; run++) {
      timing.start();
      sort(keys, fetch, rows, batches);
      timing.stop();
    }
    System.out.println(timing.report(name, rows));
  }

  private void sort(List<SortKey> keys, OptionalLong fetch, long rows, List<Batch> batches) {
    try (SortOperator op = new SortOperator(SCHEMA, keys, 0, fetch, allocator)) {
      for (long done = 0, b = 0; done < rows; done += BATCH_ROWS, b++) {
        Batch batch = batches.get((int) (b % batches.size()));
        op.add(batch.slice(0, batch.rowCount(), allocator));
      }
      op.finish().forEach(Batch::close);
    }
  }

  private List<Batch> batches(int count) {
    Random random = new Random(7);
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      BigIntVector id = (BigIntVector) SCHEMA.getFields().get(0).createVector(allocator);
      VarCharVector name = (VarCharVector) SCHEMA.getFields().get(1).createVector(allocator);
      Float8Vector price = (Float8Vector) SCHEMA.getFields().get(2).createVector(allocator);
      id.allocateNew(BATCH_ROWS);
      name.allocateNew(16L * BATCH_ROWS, BATCH_ROWS);
      price.allocateNew(BATCH_ROWS);
      for (int r = 0; r < BATCH_ROWS; r++) {
        id.set(r, random.nextLong());
        name.set(r, ("customer#" + random.nextInt(10_000_000)).getBytes(StandardCharsets.UTF_8));
        price.set(r, random.nextInt(1_000_000) / 100.0);
      }
      List<FieldVector> vectors = List.of(id, name, price);
      vectors.forEach(v -> v.setValueCount(BATCH_ROWS));
      batches.add(new Batch(SCHEMA, vectors, BATCH_ROWS));
    }
    return batches;
  }
}
