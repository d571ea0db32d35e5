package io.buzz.hbee.runtime;

import static java.util.Objects.requireNonNull;

import io.buzz.concurrent.SerialExecutor;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.ExecErrors;
import io.buzz.exec.Pipeline;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.task.FileRef;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.StreamHeader;
import io.buzz.protocol.task.TaskFiles;
import io.buzz.protocol.task.TaskMetrics;
import io.buzz.protocol.task.TaskReport;
import io.buzz.storage.io.IoStats;
import io.buzz.storage.parquet.ParquetFileReader;
import io.buzz.storage.parquet.RowGroupChunks;
import io.buzz.storage.parquet.RowGroupDecoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One HBee task attempt: scan the task's Parquet files, one after the other, through one pipeline
 * and stream its output to the HComb.
 *
 * <pre>
 *   first footer ─▶ compile the pipeline, open DoPut (header + schema), meanwhile the page index
 *   ─▶ for each file (footers and small files read ahead, see ReadAhead): its footer's answer, or
 *       for each row group the filter's statistics keep (see RowSelector): fetch column chunks or
 *       their kept pages, a few ahead (FetchWindow) ─▶ decode + pipeline on a worker ─▶ write
 *   ─▶ pipeline.finish() (e.g. partial aggregate states) ─▶ trailer with metrics ─▶ ack
 * </pre>
 *
 * <p>Event-loop work (I/O, writes) runs on the invocation's context; decoding and operators run on
 * Vert.x worker threads, one step at a time, so the task's objects are never used concurrently.
 */
final class TaskRun {
  private final HBeeTask task;
  private final List<FileRef> files;
  private final Vertx vertx;
  private final Context context;
  private final HBeeRuntime runtime;
  private final boolean coldStart;
  private final long startNanos = System.nanoTime();
  private final BufferAllocator allocator;
  private final Promise<Void> deadline = Promise.promise();
  private final SerialExecutor worker;
  private final FileSources sources = new FileSources();

  private Pipeline pipeline;
  private HCombStream stream;
  private long timer = -1;
  private final TaskCounters counters = new TaskCounters();

  /** The file being scanned: set by {@link #scanFile}, read by the steps that follow. */
  private volatile FileScan current;

  private final ReadAhead ahead; // the files read ahead of the one scanned
  private final boolean eager; // whether files and row groups are read well ahead (no LIMIT)

  /** True while every file so far was answered from its footer: the pipeline then saw no row. */
  private boolean allAnswered = true;

  /**
   * Set by {@link #cleanup()} on the task's serial worker. A step of the scan still queued behind
   * it (the deadline fired while a row group was decoding) must not touch the closed pipeline.
   */
  private volatile boolean released;

  TaskRun(HBeeTask task, HBeeRuntime runtime, Context context, boolean coldStart) {
    this.task = requireNonNull(task, "task is null");
    this.files = task.getFilesList();
    this.runtime = requireNonNull(runtime, "runtime is null");
    this.vertx = runtime.vertx();
    this.context = requireNonNull(context, "context is null");
    this.coldStart = coldStart;
    this.worker = new SerialExecutor(runtime.computePool());
    // A LIMIT may stop the task after its first rows: then nothing is read before it is needed.
    this.eager = task.getPlan().getOperatorsList().stream().noneMatch(o -> o.hasLimit());
    this.ahead = new ReadAhead(files, this::footer, this::openAndIndex, this::stopped, eager);
    this.allocator =
        runtime
            .allocator()
            .newChildAllocator(
                "task-" + task.getQueryId() + "-" + task.getTaskId() + "-" + task.getAttempt(),
                0,
                runtime.config().taskMemoryLimitBytes());
  }

  Future<TaskReport> run() {
    long remaining =
        task.getDeadlineEpochMillis() == 0
            ? Integer.MAX_VALUE
            : task.getDeadlineEpochMillis() - System.currentTimeMillis();
    Promise<TaskReport> outcome = Promise.promise();
    if (remaining <= 0) {
      outcome.fail(deadlineError());
    } else {
      timer =
          vertx.setTimer(
              Math.min(remaining, Integer.MAX_VALUE), id -> deadline.tryFail(deadlineError()));
      deadline.future().onFailure(outcome::tryFail);
      Future<io.buzz.protocol.task.StreamAck> scanned;
      try {
        scanned = scan(remaining);
      } catch (RuntimeException e) {
        // e.g. a URI no byte source can read: fail the task, do not throw past the cleanup
        scanned = Future.failedFuture(e);
      }
      // The deadline may have decided the outcome already: later results are ignored.
      scanned.onComplete(
          ack -> {
            if (ack.succeeded()) {
              outcome.tryComplete(report(null));
            } else {
              outcome.tryFail(ack.cause());
            }
          });
    }
    return outcome
        .future()
        .recover(failure -> Future.succeededFuture(fail(BuzzException.wrap(failure))))
        .eventually(this::cleanup);
  }

  private Future<io.buzz.protocol.task.StreamAck> scan(long remainingMillis) {
    if (files.isEmpty()) {
      throw BuzzException.badQuery(
          "HBee task " + task.getTaskId() + " of query " + task.getQueryId() + " has no file");
    }
    return counters
        .waitingFor(footer(0))
        .compose(reader -> worker.submit(() -> open(0, reader), context))
        .compose(
            first ->
                Future.all(
                        openStream(
                            IpcCodec.flightSchema(pipeline.outputSchema()).dataHeader(),
                            remainingMillis),
                        pageIndex(first.scan()))
                    .compose(v -> write(first.answer()))
                    .compose(v -> scanFile(first, FetchWindow.of(first.scan(), eager))))
        .compose(v -> worker.submit(this::finishPipeline, context))
        .compose(this::write)
        .compose(v -> stream.finish(metrics()));
  }

  /**
   * Scans {@code file}, whose row groups {@code window} is fetching, then the next file, and so on
   * to the task's last file, reading ahead meanwhile ({@link ReadAhead}).
   */
  private Future<Void> scanFile(ReadAhead.Opened file, FetchWindow window) {
    FileScan scan = file.scan();
    current = scan;
    int at = scan.index();
    int index = at + 1;
    ahead.scanning(at);
    window.whenAllStarted(() -> ahead.lastRowGroup(at));
    Future<Void> rows = scan.answered() ? Future.succeededFuture() : rowGroup(0, window);
    return rows.compose(
        v -> {
          sources.done(scan.index());
          counters.rowGroupsSkipped += scan.selector().rowGroupsSkipped();
          counters.filesDone++;
          if (index >= files.size() || stopped()) {
            return Future.succeededFuture();
          }
          return counters
              .waitingFor(ahead.take(index))
              .compose(a -> write(a.file().answer()).compose(w -> scanFile(a.file(), a.window())));
        });
  }

  private Future<ReadAhead.Opened> openAndIndex(int index, ParquetFileReader reader) {
    return worker
        .submit(() -> open(index, reader), context)
        .compose(o -> pageIndex(o.scan()).map(o));
  }

  /** Opens the {@code index}th file and reads its footer. */
  private Future<ParquetFileReader> footer(int index) {
    return sources.openFile(index, files.get(index), runtime.byteSources(), runtime.footers());
  }

  /** On a worker: checks a file against the plan (the first compiles the pipeline); see Opened. */
  private ReadAhead.Opened open(int index, ParquetFileReader reader) {
    checkNotReleased();
    List<Batch> answer = new ArrayList<>(1);
    FileScan scan =
        FileScan.open(
            index,
            files.get(index),
            reader,
            task.getPlan(),
            allocator,
            answer,
            sources.deleted(index));
    counters.filesOpened++;
    if (pipeline == null) {
      pipeline =
          Pipeline.compile(task.getPlan().getOperatorsList(), scan.assembler().schema(), allocator);
    }
    allAnswered &= scan.answered();
    List<FlightData> out = new ArrayList<>();
    if (scan.answered()) {
      counters.rowsScanned += scan.keptRows(); // the footer answered for these rows
      encode(answer, out);
    }
    return new ReadAhead.Opened(scan, out);
  }

  /** {@code scan}'s page index, when the filter can use it and rows are to be read. */
  private Future<Void> pageIndex(FileScan scan) {
    return runtime.config().pageIndex() && !scan.answered()
        ? scan.selector().readPageIndex()
        : Future.succeededFuture();
  }

  /** True once nothing more is to be read: the HComb closed the stream, deadline, LIMIT met. */
  private boolean stopped() {
    return stream.closedByHComb() || deadline.future().isComplete() || pipeline.isSaturated();
  }

  private Future<Void> openStream(byte[] schemaHeader, long remainingMillis) {
    StreamHeader header =
        StreamHeader.newBuilder()
            .setQueryId(task.getQueryId())
            .setTaskId(task.getTaskId())
            .setAttempt(task.getAttempt())
            .setToken(task.getToken())
            .build();
    return HCombStream.open(
            runtime.grpc(), context, task.getHcomb(), header, schemaHeader, remainingMillis)
        .map(
            opened -> {
              stream = opened;
              return null;
            });
  }

  /**
   * Processes the current file's {@code index}th selected row group, whose chunks are being
   * fetched, then the next ones; as each arrives, {@code window} starts the fetches it has room
   * for.
   */
  private Future<Void> rowGroup(int index, FetchWindow window) {
    if (index >= current.selector().rowGroupCount() || stopped()) {
      return Future.succeededFuture();
    }
    return counters
        .waitingFor(window.take())
        .compose(
            fetched -> {
              if (!pipeline.isSaturated()) {
                window.fill();
              }
              return worker
                  .submit(() -> decode(fetched), context)
                  .compose(this::write)
                  .compose(
                      v ->
                          pipeline.isSaturated()
                              ? Future.succeededFuture()
                              : rowGroup(index + 1, window));
            });
  }

  /** On a worker: decodes a row group and runs the pipeline over it. */
  private List<FlightData> decode(RowGroupChunks chunks) {
    checkNotReleased();
    counters.rowGroups++;
    counters.pagesSkipped += chunks.pagesSkipped();
    List<FlightData> out = new ArrayList<>();
    ScanAssembler assembler = current.assembler();
    if (assembler.parquetColumns().isEmpty()) {
      // Only partition columns (or COUNT(*)): the row count is all the file has to say.
      long rows = current.liveRows(chunks);
      for (long done = 0; done < rows && !pipeline.isSaturated(); ) {
        int n = (int) Math.min(runtime.config().batchRows(), rows - done);
        Batch rowsOnly = new Batch(new Schema(List.of()), List.of(), n);
        push(assembler.assemble(rowsOnly, allocator), out);
        done += n;
      }
      return out;
    }
    try (RowGroupDecoder decoder =
        current.decoder(chunks, allocator, runtime.config().batchRows(), pipeline)) {
      while (decoder.hasNext() && !pipeline.isSaturated()) {
        long start = System.nanoTime();
        long row = decoder.nextRow();
        Batch decoded = decoder.next();
        counters.decodeNanos += System.nanoTime() - start;
        decoded = current.withoutDeleted(decoded, chunks.rowGroup().index(), row, allocator);
        push(assembler.assemble(decoded, allocator), out);
      }
      counters.pagesRead += decoder.pagesRead();
    }
    return out;
  }

  private void push(Batch scanned, List<FlightData> out) {
    counters.rowsScanned += scanned.rowCount();
    long start = System.nanoTime();
    List<Batch> produced = pipeline.push(scanned);
    counters.computeNanos += System.nanoTime() - start;
    checkMemory(produced);
    encode(produced, out);
  }

  /** Fails the task when its memory is over its limit; see {@link TaskMemory}. */
  private void checkMemory(List<Batch> pending) {
    TaskMemory.check(
        task,
        allocator.getAllocatedMemory(),
        pipeline.memoryBytes(),
        runtime.config().taskMemoryLimitBytes(),
        pending);
  }

  private List<FlightData> finishPipeline() {
    checkNotReleased();
    long start = System.nanoTime();
    // Files answered from their footers sent their share already; a pipeline that saw no row would
    // add only empty states.
    List<Batch> produced = allAnswered ? List.of() : pipeline.finish();
    counters.computeNanos += System.nanoTime() - start;
    List<FlightData> out = new ArrayList<>();
    encode(produced, out);
    return out;
  }

  private void encode(List<Batch> batches, List<FlightData> out) {
    FlightEncoder.encode(batches, allocator, counters, out);
  }

  private Future<Void> write(List<FlightData> messages) {
    return stream.writeAll(messages.iterator());
  }

  private void checkNotReleased() {
    if (released) {
      throw new BuzzException(
          ErrorCode.CANCELLED, "HBee task " + task.getTaskId() + " already ended");
    }
  }

  private BuzzException deadlineError() {
    return new BuzzException(
        ErrorCode.DEADLINE_EXCEEDED,
        "HBee task "
            + task.getTaskId()
            + " of query "
            + task.getQueryId()
            + " ("
            + TaskFiles.describe(task)
            + ") passed its deadline");
  }

  private TaskReport fail(BuzzException error) {
    BuzzException mapped = ExecErrors.toBuzz(error);
    FileScan scan = current;
    boolean namesAFile = files.stream().anyMatch(f -> mapped.getMessage().contains(f.getUri()));
    BuzzException located =
        namesAFile || files.isEmpty()
            ? mapped
            : new BuzzException(
                mapped.code(),
                (scan == null ? files.get(0) : scan.file()).getUri() + ": " + mapped.getMessage(),
                mapped);
    if (stream != null) {
      stream.abort(located);
    }
    return report(located);
  }

  private TaskReport report(BuzzException error) {
    TaskReport.Builder report =
        TaskReport.newBuilder()
            .setQueryId(task.getQueryId())
            .setTaskId(task.getTaskId())
            .setAttempt(task.getAttempt())
            .setMetrics(metrics());
    if (error != null) {
      report.setError(error.toWire());
    }
    return report.build();
  }

  private TaskMetrics metrics() {
    IoStats io = sources.stats();
    FileScan scan = current;
    int skipped = counters.rowGroupsSkipped;
    if (scan != null && scan.index() >= counters.filesDone) {
      skipped += scan.selector().rowGroupsSkipped(); // the file being scanned
    }
    return counters
        .writeTo(TaskMetrics.newBuilder())
        .setIoRequests(io.requests())
        .setBytesRead(io.bytesFetched())
        .setTimeToFirstByteMicros(io.firstByteNanos() / 1000)
        .setIoHedges(io.hedges())
        .setIoHedgeWins(io.hedgeWins())
        .setDurationMicros((System.nanoTime() - startNanos) / 1000)
        .setFirstRequestMicros(
            io.firstRequestAtNanos() == 0 ? 0 : (io.firstRequestAtNanos() - startNanos) / 1000)
        .setColdStart(coldStart)
        .setRowGroupsSkipped(skipped)
        .build();
  }

  /**
   * Releases everything, queued behind any step still running (e.g. after the deadline fired), so
   * the pipeline is never closed under a worker's feet.
   */
  private Future<Void> cleanup() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return worker.submit(
        () -> {
          released = true;
          if (pipeline != null) {
            pipeline.close();
          }
          sources.closeAll();
          try {
            allocator.close();
          } catch (IllegalStateException leak) {
            System.getLogger(TaskRun.class.getName())
                .log(System.Logger.Level.ERROR, "task leaked Arrow memory: " + leak.getMessage());
          }
          return null;
        },
        context);
  }
}
