package io.buzz.fuse.query;

import io.buzz.fuse.catalog.TableFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * How a query's files become HBee tasks. A task has a fixed cost besides its bytes (an invocation,
 * a stream to the HComb, a commit), and so does each file (a footer read, a round trip per column
 * chunk). Many small files are therefore packed into fewer tasks, while large files stay one task
 * each, as Spark packs files into input partitions.
 *
 * <p>Each file weighs what the query reads of it (its size times the share of its columns read,
 * nothing beyond the footer when footers answer the query) plus {@code fileOpenCostBytes}. A query
 * gets {@code parallelism} tasks when it has that many files and its weight fits, more when it does
 * not fit in tasks of {@code maxTaskBytes}. Files go heaviest first to the lightest task (longest
 * processing time first), so the tasks come out about equally heavy and the query is not left
 * waiting for one big task.
 *
 * @param parallelism HBees the deployment runs at once for a query: a query with at least this many
 *     files gets at least this many tasks
 * @param maxTaskBytes most weight packed into one task; a heavier file is a task of its own
 * @param fileOpenCostBytes what opening one more file costs, in bytes of scanning
 * @param maxFilesPerTask most files in one task; 1 turns packing off
 */
public record TaskPacking(
    int parallelism, long maxTaskBytes, long fileOpenCostBytes, int maxFilesPerTask) {

  /** One file per task. */
  public static final TaskPacking ONE_FILE_PER_TASK = new TaskPacking(1, 1, 0, 1);

  /** LIMIT_EXCEEDED for a query whose files make more tasks than the Fuse runs for one query. */
  static io.buzz.error.BuzzException overLimit(String table, int files, int tasks, int maxTasks) {
    return new io.buzz.error.BuzzException(
        io.buzz.error.ErrorCode.LIMIT_EXCEEDED,
        "the query selects "
            + files
            + " files of catalog '"
            + table
            + "' in "
            + tasks
            + " HBee tasks, over the limit of "
            + maxTasks
            + " tasks per query; narrow it with a WHERE condition on the partition columns or a"
            + " partition_filter");
  }

  public TaskPacking {
    if (parallelism < 1 || maxFilesPerTask < 1) {
      throw new IllegalArgumentException("parallelism and maxFilesPerTask must be at least 1");
    }
    if (maxTaskBytes < 1 || fileOpenCostBytes < 0) {
      throw new IllegalArgumentException(
          "maxTaskBytes must be positive and fileOpenCostBytes not negative");
    }
  }

  /**
   * For {@code parallelism} HBees at once: tasks of at most 128 MiB, each file counting 4 MiB more
   * than its size (about what a footer read and a few requests cost on S3), at most 64 files per
   * task.
   */
  public static TaskPacking forParallelism(int parallelism) {
    return new TaskPacking(parallelism, 128L << 20, 4L << 20, 64);
  }

  /** The same packing for {@code hbees} HBees at once; packing that is off stays off. */
  public TaskPacking withParallelism(int hbees) {
    return maxFilesPerTask == 1
        ? this
        : new TaskPacking(hbees, maxTaskBytes, fileOpenCostBytes, maxFilesPerTask);
  }

  /**
   * The files of each task, tasks in the order of their first file, files in listing order within a
   * task.
   */
  public List<List<TableFile>> pack(List<TableFile> files) {
    return pack(files, 1.0);
  }

  /**
   * The same, each file weighing {@code readFraction} of its size (plus its opening cost): the
   * share of its bytes the query reads, so that a query reading 3 columns of 100, or only footers
   * (a {@code COUNT(*)}), packs wide files together instead of giving each its own task.
   */
  public List<List<TableFile>> pack(List<TableFile> files, double readFraction) {
    if (!(readFraction >= 0 && readFraction <= 1)) {
      throw new IllegalArgumentException("readFraction must be in [0, 1], got " + readFraction);
    }
    int count = files.size();
    if (maxFilesPerTask == 1 || count <= 1) {
      List<List<TableFile>> single = new ArrayList<>(count);
      for (TableFile file : files) {
        single.add(List.of(file));
      }
      return single;
    }
    long total = 0;
    for (TableFile file : files) {
      total += weight(file, readFraction);
    }
    long bySize = (total + maxTaskBytes - 1) / maxTaskBytes;
    int tasks = (int) Math.min(count, Math.max(parallelism, bySize));
    Integer[] heaviestFirst = new Integer[count];
    for (int i = 0; i < count; i++) {
      heaviestFirst[i] = i;
    }
    java.util.Arrays.sort(
        heaviestFirst,
        Comparator.comparingLong((Integer i) -> weight(files.get(i), readFraction))
            .reversed()
            .thenComparing(i -> i));
    List<Bin> bins = new ArrayList<>();
    PriorityQueue<Bin> lightest =
        new PriorityQueue<>(Comparator.comparingLong(Bin::weight).thenComparingInt(Bin::id));
    for (int t = 0; t < tasks; t++) {
      Bin bin = new Bin(bins.size());
      bins.add(bin);
      lightest.add(bin);
    }
    for (int i : heaviestFirst) {
      long weight = weight(files.get(i), readFraction);
      Bin bin = lightest.poll();
      if (bin == null || !bin.files.isEmpty() && bin.weight + weight > maxTaskBytes) {
        // No task has room: the lightest one is the likeliest to.
        if (bin != null) {
          lightest.add(bin);
        }
        bin = new Bin(bins.size());
        bins.add(bin);
      }
      bin.files.add(i);
      bin.weight += weight;
      if (bin.files.size() < maxFilesPerTask) {
        lightest.add(bin);
      }
    }
    List<List<TableFile>> packed = new ArrayList<>(bins.size());
    bins.stream()
        .filter(bin -> !bin.files.isEmpty())
        .map(bin -> bin.files.stream().sorted().toList())
        .sorted(Comparator.comparing(indexes -> indexes.get(0)))
        .forEach(indexes -> packed.add(indexes.stream().map(files::get).toList()));
    return packed;
  }

  private long weight(TableFile file, double readFraction) {
    return (long) (Math.max(0, file.size()) * readFraction) + fileOpenCostBytes;
  }

  /** One task being filled. */
  private static final class Bin {
    private final int id;
    private final List<Integer> files = new ArrayList<>();
    private long weight;

    Bin(int id) {
      this.id = id;
    }

    int id() {
      return id;
    }

    long weight() {
      return weight;
    }
  }
}
