package io.buzz.exec;

import static io.buzz.exec.Plans.call;
import static io.buzz.exec.Plans.col;
import static io.buzz.exec.Plans.field;
import static io.buzz.exec.Plans.filter;
import static io.buzz.exec.Plans.lit;
import static io.buzz.exec.Plans.project;
import static io.buzz.exec.Plans.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of a filter + project pipeline over 10M INT64/FLOAT64 rows in batches of 8192:
 *
 * <pre>
 *   WHERE x > 0.25 AND id % 4 <> 0  SELECT id * 2 + 1, x * 1.5, id
 * </pre>
 *
 * Prints rows per second, by wall clock and by the measuring thread's CPU time (the machine may be
 * shared); asserts only that rows came out. Run with {@code ./mvnw -pl modules/exec -am verify
 * -Dbuzz.bench=true -Dtest=PipelineThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * add {@code -Dbuzz.bench.unchecked=true} to measure with Arrow's bounds checks off ({@code
 * arrow.enable_unsafe_memory_access}, set before Arrow loads, so run this class alone).
 */
@EnabledIfSystemProperty(named = "buzz.bench", matches = "true")
class PipelineThroughputBenchmark {
  static {
    if (Boolean.getBoolean("buzz.bench.unchecked")) {
      System.setProperty("arrow.enable_unsafe_memory_access", "true");
    }
  }

  private static final int ROWS = 10_000_000;
  private static final int BATCH = 8192;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void filterProjectThroughput() {
    Schema input = schema(field("id", DataType.INT64), field("x", DataType.FLOAT64));
    List<Operator> operators =
        List.of(
            filter(
                call(
                    Function.AND,
                    DataType.BOOL,
                    call(Function.GREATER_THAN, DataType.BOOL, col(1, DataType.FLOAT64), lit(0.25)),
                    call(
                        Function.NOT_EQUAL,
                        DataType.BOOL,
                        call(Function.MODULO, DataType.INT64, col(0, DataType.INT64), lit(4L)),
                        lit(0L)))),
            project(
                "y",
                call(
                    Function.ADD,
                    DataType.INT64,
                    call(Function.MULTIPLY, DataType.INT64, col(0, DataType.INT64), lit(2L)),
                    lit(1L)),
                "z",
                call(Function.MULTIPLY, DataType.FLOAT64, col(1, DataType.FLOAT64), lit(1.5)),
                "id",
                col(0, DataType.INT64)));
    try (BufferAllocator allocator = new RootAllocator()) {
      List<Batch> sources = new ArrayList<>();
      for (int b = 0; b < 16; b++) {
        sources.add(source(allocator, b));
      }
      for (int round = 1; round <= 8; round++) {
        long out = 0;
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try (Pipeline pipeline = Pipeline.compile(operators, input, allocator)) {
          for (int done = 0, b = 0; done < ROWS; done += BATCH, b++) {
            Batch source = sources.get(b % sources.size());
            for (Batch result : pipeline.push(source.slice(0, source.rowCount(), allocator))) {
              out += result.rowCount();
              result.close();
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(
            "filter+project round %d: %d rows in %.3f s wall (%.1f M rows/s), %.3f s CPU"
                + " (%.1f M rows/s per core), %d rows out%n",
            round, ROWS, seconds, ROWS / seconds / 1e6, cpuSeconds, ROWS / cpuSeconds / 1e6, out);
        assertThat(out).isPositive();
      }
      sources.forEach(Batch::close);
    }
  }

  private static Batch source(BufferAllocator allocator, int seed) {
    BigIntVector id = (BigIntVector) ColumnType.INT64.newVector("id", true, allocator);
    Float8Vector x = (Float8Vector) ColumnType.FLOAT64.newVector("x", true, allocator);
    id.allocateNew(BATCH);
    x.allocateNew(BATCH);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < BATCH; i++) {
      id.set(i, (long) seed * BATCH + i);
      if (i % 97 == 0) {
        x.setNull(i);
      } else {
        x.set(i, random.nextDouble());
      }
    }
    id.setValueCount(BATCH);
    x.setValueCount(BATCH);
    return Batch.of(List.<FieldVector>of(id, x), BATCH);
  }
}
