package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.exec.HCombMerge;
import io.buzz.exec.MergeState;
import io.buzz.kernels.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An attempt keeps small streams' batches as received and folds them into the query's state only at
 * its commit (each row hashed once); a stream beyond the buffer, or one the query lets buffer no
 * more, folds into a state of its own. The answer is the same either way, and nothing leaks.
 */
class AttemptStateTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final HCombMerge merge = HCombMerge.compile(TestPlans.finalAggregate(true));
  private final AtomicInteger statesMade = new AtomicInteger();
  private final Supplier<MergeState> newState =
      () -> {
        statesMade.incrementAndGet();
        return merge.newState(allocator);
      };

  @AfterEach
  void noLeak() {
    assertThat(allocator.getAllocatedMemory()).isZero();
    allocator.close();
  }

  @Test
  void aSmallStreamIsKeptAsReceivedAndFoldedIntoTheQueryAtCommit() {
    List<List<Object>> raw = new ArrayList<>();
    try (AttemptState attempt = new AttemptState(newState);
        MergeState query = merge.newState(allocator)) {
      long grown = 0;
      for (int b = 0; b < 3; b++) {
        List<List<Object>> rows = ReferenceAggregate.raw(b * 100, 100, 30);
        raw.addAll(rows);
        grown += attempt.add(partial(rows), true);
      }
      assertThat(statesMade).hasValue(0);
      assertThat(attempt.bufferedBytes()).isPositive().isEqualTo(attempt.heldBytes());
      assertThat(grown).isEqualTo(attempt.heldBytes());
      assertThat(attempt.rows()).isEqualTo(90); // 3 batches of 30 groups

      attempt.commitInto(query);

      assertThat(attempt.bufferedBytes()).isZero();
      assertThat(attempt.heldBytes()).isZero();
      assertThat(result(query)).isEqualTo(ReferenceAggregate.finalRows(raw));
    }
  }

  @Test
  void aStreamBeyondTheBufferFoldsIntoItsOwnStateAndTheCommitAbsorbsIt() {
    List<List<Object>> raw = new ArrayList<>();
    try (AttemptState attempt = new AttemptState(newState);
        MergeState query = merge.newState(allocator)) {
      int b = 0;
      while (statesMade.get() == 0) {
        List<List<Object>> rows = ReferenceAggregate.raw(b++ * 5000, 5000, 4000);
        raw.addAll(rows);
        attempt.add(partial(rows), true);
        assertThat(b).as("batches before the attempt outgrew its buffer").isLessThan(1000);
      }
      // Every batch kept so far went into the new state with the one that did not fit.
      assertThat(attempt.bufferedBytes()).isZero();
      assertThat(attempt.heldBytes()).isPositive();
      List<List<Object>> last = ReferenceAggregate.raw(b * 5000, 5000, 4000);
      raw.addAll(last);
      attempt.add(partial(last), true);
      assertThat(statesMade).hasValue(1);
      assertThat(attempt.bufferedBytes()).isZero();

      attempt.commitInto(query);

      assertThat(result(query)).isEqualTo(ReferenceAggregate.finalRows(raw));
    }
  }

  @Test
  void whenTheQueryLetsNoMoreBeKeptTheBatchIsFoldedAtOnce() {
    List<List<Object>> first = ReferenceAggregate.raw(0, 100, 30);
    List<List<Object>> second = ReferenceAggregate.raw(100, 100, 30);
    try (AttemptState attempt = new AttemptState(newState);
        MergeState query = merge.newState(allocator)) {
      attempt.add(partial(first), true);
      attempt.add(partial(second), false);
      assertThat(statesMade).hasValue(1);
      assertThat(attempt.bufferedBytes()).isZero();

      attempt.commitInto(query);

      List<List<Object>> raw = new ArrayList<>(first);
      raw.addAll(second);
      assertThat(result(query)).isEqualTo(ReferenceAggregate.finalRows(raw));
    }
  }

  @Test
  void aDroppedAttemptReleasesWhatItKeptAndItsState() {
    AttemptState kept = new AttemptState(newState);
    kept.add(partial(ReferenceAggregate.raw(0, 100, 30)), true);
    kept.close();
    AttemptState folded = new AttemptState(newState);
    folded.add(partial(ReferenceAggregate.raw(0, 100, 30)), false);
    folded.close();
    assertThat(statesMade).hasValue(1);
    // noLeak() checks that the allocator holds nothing any more
  }

  private Batch partial(List<List<Object>> raw) {
    return TestBatches.batch(allocator, TestPlans.STATE, ReferenceAggregate.partial(raw));
  }

  private List<List<Object>> result(MergeState query) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch batch : merge.finish(query, allocator)) {
      try (batch) {
        rows.addAll(TestBatches.rows(batch));
      }
    }
    rows.sort((a, b) -> ((String) a.get(0)).compareTo((String) b.get(0)));
    return rows;
  }
}
