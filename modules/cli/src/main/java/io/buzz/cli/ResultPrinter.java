package io.buzz.cli;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryClient;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.query.Progress;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs one query through the query API and prints its result on the calling thread.
 *
 * <pre>
 *   event loop (QueryClient.Listener) ── schema, batches, statistics, end ──▶ queue
 *                                          ▲ pause() above HIGH_WATER batches │
 *   calling thread ◀──────────── take ─────┴──── resume() at LOW_WATER ◀──────┘ ─▶ ResultWriter
 * </pre>
 *
 * <p>Writing the result may block (a pipe into {@code less}, a slow disk), so it never happens on
 * an event loop — in embedded mode that loop also runs the Fuse and the HComb. A slow reader pauses
 * the call, which back-pressures the Fuse and the HComb instead of filling memory.
 */
final class ResultPrinter {
  static final int HIGH_WATER = 32;
  static final int LOW_WATER = 8;

  /** Queue marker: the call ended successfully. */
  private static final Object END = new Object();

  private final ResultOutput output;
  private final PrintWriter statisticsOut;
  private final Duration timeout;
  private final ProgressLine progress;

  /** The query being printed, for {@link #cancelRunning}; null before and after. */
  private volatile QueryClient.RunningQuery running;

  /**
   * @param output where the result goes; {@link ResultOutput#finish} is called once it is complete,
   *     closing it stays the caller's
   * @param statisticsOut where the statistics go; null for {@code --quiet}
   */
  ResultPrinter(ResultOutput output, PrintWriter statisticsOut, Duration timeout) {
    this(output, statisticsOut, timeout, new ProgressLine(statisticsOut, false));
  }

  /**
   * @param progress the live line shown while the query runs
   */
  ResultPrinter(
      ResultOutput output, PrintWriter statisticsOut, Duration timeout, ProgressLine progress) {
    this.output = output;
    this.statisticsOut = statisticsOut;
    this.timeout = timeout;
    this.progress = progress;
  }

  /**
   * Cancels the query being printed, if any, and waits up to {@code wait} for the server to hear
   * it: what Ctrl-C does.
   *
   * @return true when a query was running
   */
  boolean cancelRunning(Duration wait) {
    progress.clear();
    QueryClient.RunningQuery query = running;
    if (query == null) {
      return false;
    }
    query.cancel();
    try {
      query
          .done()
          .toCompletionStage()
          .toCompletableFuture()
          .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception ended) {
      // cancelled, failed or still going: either way the cancellation is sent
    }
    return true;
  }

  /**
   * Runs {@code json} on the query API at {@code host:port} and prints the result.
   *
   * @return the exit code, 0
   * @throws BuzzException when the query failed, timed out or the result could not be written
   */
  int run(Vertx vertx, String host, int port, String json) {
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    AtomicBoolean paused = new AtomicBoolean();
    AtomicBoolean closed = new AtomicBoolean();
    Statistics statistics = null;
    try (BufferAllocator allocator = new RootAllocator();
        QueryClient client = new QueryClient(vertx, host, port)) {
      QueryClient.RunningQuery[] query = new QueryClient.RunningQuery[1];
      query[0] =
          client.start(
              json,
              timeout,
              allocator,
              new QueryClient.Listener() {
                @Override
                public void onSchema(Schema schema) {
                  events.add(schema);
                }

                @Override
                public void onBatch(Schema schema, Batch batch) {
                  synchronized (events) {
                    if (closed.get()) {
                      batch.close();
                      return;
                    }
                    events.add(batch.toOwningRoot());
                  }
                  if (events.size() >= HIGH_WATER && paused.compareAndSet(false, true)) {
                    query[0].pause();
                  }
                }

                @Override
                public void onProgress(Progress p) {
                  events.add(p);
                }

                @Override
                public void onStatistics(Statistics s) {
                  events.add(s);
                }
              });
      running = query[0];
      query[0].done().onComplete(done -> events.add(done.succeeded() ? END : done.cause()));
      try {
        statistics = print(events, paused, query[0]);
      } finally {
        running = null;
        progress.clear();
        closeQueued(events, closed);
      }
    }
    if (statisticsOut != null && statistics != null) {
      statisticsOut.print(StatisticsLine.format(statistics));
      statisticsOut.println();
      statisticsOut.flush();
    }
    return 0;
  }

  /**
   * Prints a result that arrived whole (from the Fuse function).
   *
   * @return the exit code, 0
   */
  int print(io.buzz.fuse.client.QueryResult result) {
    try {
      output.writer().start(result.schema());
      for (VectorSchemaRoot batch : result.batches()) {
        output.writer().write(batch);
      }
      output.finish();
    } catch (IOException e) {
      throw output.failure(e);
    }
    if (statisticsOut != null) {
      statisticsOut.print(StatisticsLine.format(result.statistics()));
      statisticsOut.println();
      statisticsOut.flush();
    }
    return 0;
  }

  private Statistics print(
      BlockingQueue<Object> events, AtomicBoolean paused, QueryClient.RunningQuery query) {
    long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(30);
    Statistics statistics = null;
    try {
      while (true) {
        Object event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (event == null) {
          query.cancel();
          throw new BuzzException(
              ErrorCode.DEADLINE_EXCEEDED, "no answer within " + timeout.toSeconds() + " s");
        }
        if (event == END) {
          output.finish();
          return statistics;
        }
        if (event instanceof Throwable failure) {
          throw BuzzException.wrap(failure);
        }
        if (event instanceof Progress p) {
          progress.show(p);
        } else if (event instanceof Schema schema) {
          progress.clear();
          output.writer().start(schema);
        } else if (event instanceof VectorSchemaRoot batch) {
          try (batch) {
            output.writer().write(batch);
          }
          if (events.size() <= LOW_WATER && paused.compareAndSet(true, false)) {
            query.resume();
          }
        } else if (event instanceof Statistics s) {
          statistics = s;
        }
      }
    } catch (IOException e) {
      query.cancel();
      throw output.failure(e);
    } catch (RuntimeException e) {
      query.cancel(); // a writer's error (a type Parquet cannot hold): the server stops too
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      query.cancel();
      throw new BuzzException(ErrorCode.CANCELLED, "interrupted while waiting for the result");
    }
  }

  /** Batches nobody will print (the query failed): their memory goes back before the allocator. */
  private static void closeQueued(BlockingQueue<Object> events, AtomicBoolean closed) {
    synchronized (events) {
      closed.set(true);
      for (Object event : events) {
        if (event instanceof VectorSchemaRoot batch) {
          batch.close();
        }
      }
      events.clear();
    }
  }
}
