package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * Prints aggregation throughput; asserts nothing (timing belongs to benchmarks, not tests). Run
 * with {@code -Dbuzz.bench=true -Dtest=AggregateThroughputTest} (add {@code -Dbuzz.bench.only=<name
 * part>} for one case). The best of three runs is printed, by wall and by thread CPU time, because
 * the build machine is shared.
 */
@EnabledIfSystemProperty(named = "buzz.bench", matches = "true")
class AggregateThroughputTest {
  private static final int BATCH_ROWS = 1 << 16;
  private static final int DISTINCT_BATCHES = 16;
  private static final long ROWS = 10_000_000;
  private static final String[] WORDS = {"AIR", "MAIL", "RAIL", "SHIP", "TRUCK"};

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
  void partialAggregationThroughput() {
    Schema schema =
        TestRows.schema(ColumnType.UTF8, ColumnType.INT64, ColumnType.INT64, ColumnType.FLOAT64);
    List<AggregateCall> calls =
        List.of(
            AggregateCall.countStar("n"),
            new AggregateCall(AggregateFunction.SUM, 2, "s"),
            new AggregateCall(AggregateFunction.AVG, 3, "a"));
    List<Batch> batches = batches(schema);
    try {
      run(
          "PARTIAL utf8 key, 5 groups, COUNT+SUM+AVG",
          new AggregateSpec(new int[] {0}, calls, schema),
          AggregateMode.PARTIAL,
          batches);
      run(
          "PARTIAL int64 key, 1M groups, COUNT+SUM+AVG",
          new AggregateSpec(new int[] {1}, calls, schema),
          AggregateMode.PARTIAL,
          batches);
      run(
          "SINGLE (utf8, int64) key, ~1M groups, COUNT+SUM+AVG",
          new AggregateSpec(new int[] {0, 1}, calls, schema),
          AggregateMode.SINGLE,
          batches);
      runFinalMerge(new AggregateSpec(new int[] {1}, calls, schema), batches);
    } finally {
      batches.forEach(Batch::close);
    }
  }

  private void run(String name, AggregateSpec spec, AggregateMode mode, List<Batch> batches) {
    if (!name.contains(System.getProperty("buzz.bench.only", ""))) {
      return;
    }
    aggregate(spec, mode, batches, 2_000_000);
    Timing timing = new Timing();
    int groups = 0;
    for (int run = 0; run < 3; run++) {
      timing.start();
      groups = aggregate(spec, mode, batches, ROWS);
      timing.stop();
    }
    System.out.println(timing.report(name, ROWS) + String.format(" (%,d groups out)", groups));
  }

  /** Feeds the batches round robin (as views) until {@code rows}; returns the output rows. */
  private int aggregate(AggregateSpec spec, AggregateMode mode, List<Batch> batches, long rows) {
    try (HashAggregateOperator op = new HashAggregateOperator(spec, mode, allocator)) {
      for (long done = 0, b = 0; done < rows; done += BATCH_ROWS, b++) {
        Batch batch = batches.get((int) (b % batches.size()));
        op.add(batch.slice(0, batch.rowCount(), allocator));
      }
      int out = 0;
      for (Batch batch : op.finish()) {
        out += batch.rowCount();
        batch.close();
      }
      return out;
    }
  }

  /** The HComb's merge: PARTIAL states of 10 HBees (1M groups each) folded by one FINAL. */
  private void runFinalMerge(AggregateSpec spec, List<Batch> batches) {
    if (!"FINAL merge".contains(System.getProperty("buzz.bench.only", ""))) {
      return;
    }
    List<Batch> states = new ArrayList<>();
    try (HashAggregateOperator op =
        new HashAggregateOperator(spec, AggregateMode.PARTIAL, allocator)) {
      for (Batch batch : batches) {
        op.add(batch.slice(0, batch.rowCount(), allocator));
      }
      states.addAll(op.finish());
    }
    long stateRows = 0;
    for (Batch state : states) {
      stateRows += state.rowCount();
    }
    Timing timing = new Timing();
    for (int run = 0; run < 4; run++) {
      timing.start();
      try (HashAggregateOperator op =
          new HashAggregateOperator(spec, AggregateMode.FINAL, allocator)) {
        for (int hbee = 0; hbee < 10; hbee++) {
          for (Batch state : states) {
            op.add(state.slice(0, state.rowCount(), allocator));
          }
        }
        op.finish().forEach(Batch::close);
      }
      timing.stop();
    }
    states.forEach(Batch::close);
    System.out.println(timing.report("FINAL merge of 10 x 1M-group states", 10 * stateRows));
  }

  /** 16 batches of 64Ki rows: word (5 values), id (1M values, each 1x per 1M rows), int, double. */
  private List<Batch> batches(Schema schema) {
    Random random = new Random(1);
    List<Batch> batches = new ArrayList<>();
    byte[][] words = new byte[WORDS.length][];
    for (int w = 0; w < words.length; w++) {
      words[w] = WORDS[w].getBytes(StandardCharsets.UTF_8);
    }
    long row = 0;
    for (int b = 0; b < DISTINCT_BATCHES; b++) {
      VarCharVector word = (VarCharVector) schema.getFields().get(0).createVector(allocator);
      BigIntVector id = (BigIntVector) schema.getFields().get(1).createVector(allocator);
      BigIntVector quantity = (BigIntVector) schema.getFields().get(2).createVector(allocator);
      Float8Vector price = (Float8Vector) schema.getFields().get(3).createVector(allocator);
      word.allocateNew(8L * BATCH_ROWS, BATCH_ROWS);
      id.allocateNew(BATCH_ROWS);
      quantity.allocateNew(BATCH_ROWS);
      price.allocateNew(BATCH_ROWS);
      for (int r = 0; r < BATCH_ROWS; r++, row++) {
        word.set(r, words[random.nextInt(words.length)]);
        id.set(r, (row * 7_919) % 1_000_000);
        quantity.set(r, random.nextInt(50));
        price.set(r, random.nextInt(100_000) / 100.0);
      }
      List<FieldVector> vectors = List.of(word, id, quantity, price);
      for (FieldVector vector : vectors) {
        vector.setValueCount(BATCH_ROWS);
      }
      batches.add(new Batch(schema, vectors, BATCH_ROWS));
    }
    return batches;
  }
}
