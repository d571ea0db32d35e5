package io.buzz.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  @Test
  void runsTasksOneAtATimeInSubmissionOrder() throws Exception {
    SerialExecutor serial = new SerialExecutor(pool);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    List<Integer> order = new ArrayList<>();
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      results.add(
          serial.submit(
              () -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                synchronized (order) {
                  order.add(n);
                }
                Thread.yield();
                running.decrementAndGet();
                return n;
              }));
    }
    for (int i = 0; i < 200; i++) {
      assertThat(results.get(i).await(10, TimeUnit.SECONDS)).isEqualTo(i);
    }
    assertThat(maxRunning.get()).isEqualTo(1);
    assertThat(order).isSorted().hasSize(200);
  }

  @Test
  void aFailingTaskFailsItsFutureAndTheNextTasksStillRun() throws Exception {
    SerialExecutor serial = new SerialExecutor(pool);
    Future<Object> failed =
        serial.submit(
            () -> {
              throw new IllegalStateException("boom");
            });
    Future<String> next = serial.submit(() -> "after");
    assertThatThrownBy(() -> failed.await(10, TimeUnit.SECONDS)).hasMessageContaining("boom");
    assertThat(next.await(10, TimeUnit.SECONDS)).isEqualTo("after");
  }

  @Test
  void aBusyOwnerYieldsThePoolThreadToOthers() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      SerialExecutor busy = new SerialExecutor(single);
      SerialExecutor other = new SerialExecutor(single);
      List<String> order = new ArrayList<>();
      busy.submit(
          () -> {
            // While the busy owner runs its first task, both owners queue more work.
            for (int i = 0; i < 3 * SerialExecutor.TASKS_PER_TURN; i++) {
              busy.submit(() -> record(order, "busy"));
            }
            other.submit(() -> record(order, "other"));
            return null;
          });
      Future<Object> last = busy.submit(() -> null);
      last.await(10, TimeUnit.SECONDS);
      Thread.sleep(50);
      synchronized (order) {
        assertThat(order.indexOf("other"))
            .as("the other owner ran before the busy one finished")
            .isBetween(0, order.size() - 2);
      }
    } finally {
      single.shutdownNow();
    }
  }

  private static Object record(List<String> order, String who) {
    synchronized (order) {
      order.add(who);
    }
    return null;
  }

  @Test
  void runsInlineOnceThePoolIsShutDownSoCleanupsStillHappen() throws Exception {
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    SerialExecutor serial = new SerialExecutor(closed);
    assertThat(serial.submit(() -> Thread.currentThread()).await(10, TimeUnit.SECONDS))
        .isSameAs(Thread.currentThread());
  }

  @Test
  void tasksSubmittedAheadRunBeforeQueuedOnesInTheirOwnOrder() throws Exception {
    SerialExecutor serial = new SerialExecutor(pool);
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    // The first task holds the executor while the others queue up behind it.
    serial.submit(
        () -> {
          gate.await();
          return null;
        });
    List<Future<?>> all = new ArrayList<>();
    all.add(serial.submit(() -> order.add("fold 1")));
    all.add(serial.submit(() -> order.add("fold 2")));
    all.add(serial.submitAhead(() -> order.add("commit 1")));
    all.add(serial.submitAhead(() -> order.add("commit 2")));
    all.add(serial.submit(() -> order.add("fold 3")));
    gate.countDown();
    for (Future<?> f : all) {
      f.await(10, TimeUnit.SECONDS);
    }
    assertThat(order).containsExactly("commit 1", "commit 2", "fold 1", "fold 2", "fold 3");
  }
}
