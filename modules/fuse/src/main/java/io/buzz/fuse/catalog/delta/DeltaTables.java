package io.buzz.fuse.catalog.delta;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.catalog.TableLocation;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * What the Fuse's Delta catalogs share: Delta Kernel's engine over {@link DeltaFileIO}, the worker
 * pool its blocking calls run on ({@value #POOL_NAME}, {@value #POOL_SIZE} threads, so reading a
 * log never holds an event loop or Vert.x's general pool), and the tables read so far.
 *
 * <p>The cache: a table read at a given version is kept (a version never changes); the latest state
 * of a table is kept with its version and reused as long as its {@code _delta_log} has no commit
 * after it, which one listing of the log from the next version tells. A newer commit makes the next
 * query read the table again. Entries are evicted least recently used beyond {@value
 * #MAX_CACHED_FILES} files in all.
 */
public final class DeltaTables implements AutoCloseable {
  public static final String POOL_NAME = "buzz-delta";
  public static final int POOL_SIZE = 2;

  /**
   * The most the cache holds over all its tables, estimated ({@link DeltaState#estimatedBytes}).
   */
  public static final long MAX_CACHED_BYTES = 256L << 20;

  /** Beyond this many newer commits the table is read afresh rather than commit by commit. */
  public static final int MAX_COMMITS_APPLIED = 100;

  private final DeltaFileIO fileIO;
  private final Engine engine;
  private final WorkerExecutor workers;
  private final Map<String, Counter> counters = new HashMap<>();
  private final LinkedHashMap<Key, Entry> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long cachedBytes;

  /** A cached table: its root and the version asked for (negative: the latest). */
  private record Key(String root, long version) {}

  /**
   * @param commit the log's commit file of the state's version when it was kept, to tell a log
   *     written again from the one read
   */
  private record Entry(DeltaState state, FileStatus commit, long bytes) {}

  /** What the log says of a kept latest state. */
  enum Freshness {
    CURRENT,
    /** newer commits, few enough to apply */
    NEWER,
    /** the kept commit changed, or too many newer commits: read afresh */
    STALE
  }

  /**
   * @param s3 the Fuse's S3 client; null when none is configured (S3 tables are then refused)
   * @param registry where the cache's hits and misses are counted
   */
  public DeltaTables(Vertx vertx, S3AsyncClient s3, MeterRegistry registry) {
    requireNonNull(vertx, "vertx is null");
    this.fileIO = new DeltaFileIO(s3);
    this.engine = new DeltaEngine(fileIO);
    this.workers = vertx.createSharedWorkerExecutor(POOL_NAME, POOL_SIZE);
    for (String result : List.of("hit", "incremental", "miss")) {
      counters.put(result, counter(registry, result));
    }
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder("buzz.fuse.delta.log.cache")
        .description(
            "Delta table reads answered from the Fuse's cache (hit), by applying the commits after"
                + " it (incremental) or by reading the table's log (miss)")
        .tag("result", result)
        .register(registry);
  }

  Engine engine() {
    return engine;
  }

  /** Runs a blocking Kernel call on the Delta pool; completes on the caller's context. */
  <T> Future<T> run(Callable<T> call) {
    return workers.executeBlocking(
        () -> {
          try {
            return call.call();
          } finally {
            fileIO.endRead();
          }
        },
        false);
  }

  /** The state kept for {@code version} (negative: the latest) of the table at {@code root}. */
  synchronized DeltaState cached(String root, long version) {
    Entry entry = cache.get(new Key(root, version));
    return entry == null ? null : entry.state();
  }

  /** Counts a table read by how the cache served it: hit, incremental or miss. */
  void counted(String result) {
    counters.get(result).increment();
  }

  /**
   * Keeps {@code state}, read for {@code version} (negative: the latest, which it then was).
   * Blocking: reads the status of the state's commit file.
   */
  void keep(String root, long version, DeltaState state) throws IOException {
    FileStatus commit = fileIO.getFileStatus(commitPath(root, state.version()));
    Entry entry = new Entry(state, commit, state.estimatedBytes());
    synchronized (this) {
      Entry old = cache.put(new Key(root, version), entry);
      cachedBytes += entry.bytes() - (old == null ? 0 : old.bytes());
      Iterator<Map.Entry<Key, Entry>> eldest = cache.entrySet().iterator();
      while (cachedBytes > MAX_CACHED_BYTES && eldest.hasNext()) {
        cachedBytes -= eldest.next().getValue().bytes();
        eldest.remove();
      }
    }
  }

  /**
   * Whether the kept latest state of the table at {@code root} is current: one listing of the log
   * from its version, which must still hold the same commit file. Blocking.
   */
  Freshness freshness(String root) throws IOException {
    Entry entry;
    synchronized (this) {
      entry = cache.get(new Key(root, -1));
    }
    if (entry == null) {
      return Freshness.STALE;
    }
    long version = entry.state().version();
    boolean keptCommitSeen = false;
    long newest = version;
    try (CloseableIterator<FileStatus> files = fileIO.listFrom(commitPath(root, version))) {
      while (files.hasNext()) {
        FileStatus file = files.next();
        String name = file.getPath().substring(file.getPath().lastIndexOf('/') + 1);
        if (!name.matches("\\d{20}\\.json")) {
          continue;
        }
        long commit = Long.parseLong(name.substring(0, 20));
        if (commit == version) {
          keptCommitSeen =
              file.getSize() == entry.commit().getSize()
                  && file.getModificationTime() == entry.commit().getModificationTime();
        }
        newest = Math.max(newest, commit);
      }
    } catch (java.io.FileNotFoundException e) {
      return Freshness.STALE;
    }
    if (!keptCommitSeen || newest - version > MAX_COMMITS_APPLIED) {
      return Freshness.STALE;
    }
    return newest > version ? Freshness.NEWER : Freshness.CURRENT;
  }

  private static String commitPath(String root, long version) {
    return String.format("%s/_delta_log/%020d.json", root, version);
  }

  /**
   * Reads a tiny Delta table written to a temporary directory (a commit and a checkpoint), on this
   * thread, so that the first Delta query does not load Kernel's, parquet-mr's and Hadoop's classes
   * (about a second in a fresh JVM); the Fuse calls it while it starts (and before a SnapStart
   * snapshot). Failures are only logged: a query would meet them anyway.
   *
   * @return whether the table was read
   */
  public boolean warmUp() {
    Path root = null;
    try {
      root = Files.createTempDirectory("buzz-delta-warm-up");
      Path log = Files.createDirectories(root.resolve("_delta_log"));
      Files.writeString(
          log.resolve("00000000000000000000.json"),
          String.join(
              "\n",
              "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
              "{\"metaData\":{\"id\":\"warm-up\",\"format\":{\"provider\":\"parquet\","
                  + "\"options\":{}},\"schemaString\":\"{\\\"type\\\":\\\"struct\\\","
                  + "\\\"fields\\\":[{\\\"name\\\":\\\"x\\\",\\\"type\\\":\\\"long\\\","
                  + "\\\"nullable\\\":true,\\\"metadata\\\":{}},{\\\"name\\\":\\\"d\\\","
                  + "\\\"type\\\":\\\"date\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\","
                  + "\"partitionColumns\":[\"d\"],\"configuration\":{},\"createdTime\":0}}",
              "{\"add\":{\"path\":\"d=2024-01-01/a.parquet\",\"partitionValues\":"
                  + "{\"d\":\"2024-01-01\"},\"size\":1,\"modificationTime\":0,\"dataChange\":true,"
                  + "\"stats\":\"{\\\"numRecords\\\":1,\\\"minValues\\\":{\\\"x\\\":1}}\"}}"),
          StandardCharsets.UTF_8);
      // a checkpoint too (Kernel's own writer), so its Parquet reader is loaded as well
      DeltaEngine writer = new DeltaEngine(new DeltaFileIO(null, root));
      io.delta.kernel.Table.forPath(writer, "file:" + root.toAbsolutePath()).checkpoint(writer, 0);
      new DeltaCatalog(
              new CatalogSpec("warm_up", CatalogType.DELTA_LAKE, root.toUri().toString()),
              new TableLocation.Local(root),
              this)
          .readUncached();
      return true;
    } catch (IOException | RuntimeException e) {
      System.getLogger(DeltaTables.class.getName())
          .log(System.Logger.Level.DEBUG, "Delta warm-up: " + e);
      return false;
    } finally {
      fileIO.endRead();
      deleteQuietly(root);
    }
  }

  private static void deleteQuietly(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory: the system cleans it
    }
  }

  @Override
  public void close() {
    workers.close();
  }
}
