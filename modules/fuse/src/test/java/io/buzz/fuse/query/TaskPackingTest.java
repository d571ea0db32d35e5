package io.buzz.fuse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.fuse.catalog.TableFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskPackingTest {
  private static final long MIB = 1 << 20;

  private static List<TableFile> files(long... sizes) {
    List<TableFile> files = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      files.add(new TableFile("file:///t/part-" + i + ".parquet", sizes[i], "", List.of()));
    }
    return files;
  }

  private static long weight(List<TableFile> task, TaskPacking packing) {
    return task.stream().mapToLong(f -> f.size() + packing.fileOpenCostBytes()).sum();
  }

  /** Every file exactly once, in listing order within a task, tasks by their first file. */
  private static void assertPartition(List<TableFile> files, List<List<TableFile>> packed) {
    assertThat(
            packed.stream()
                .flatMap(List::stream)
                .sorted(java.util.Comparator.comparing(TableFile::uri)))
        .containsExactlyElementsOf(
            files.stream().sorted(java.util.Comparator.comparing(TableFile::uri)).toList());
    for (List<TableFile> task : packed) {
      assertThat(task).isNotEmpty();
      assertThat(task.stream().map(files::indexOf).toList()).isSorted();
    }
    assertThat(packed.stream().map(task -> files.indexOf(task.get(0))).toList()).isSorted();
  }

  @Test
  void smallFilesArePackedIntoAsManyTasksAsTheDeploymentRunsAtOnce() {
    TaskPacking packing = TaskPacking.forParallelism(4);
    List<TableFile> files = files(IntStream.range(0, 31).mapToLong(i -> 750_000).toArray());
    List<List<TableFile>> packed = packing.pack(files);
    assertThat(packed).hasSize(4);
    assertPartition(files, packed);
    // equally heavy: 31 files over 4 tasks is 8, 8, 8 and 7
    assertThat(packed.stream().map(List::size).sorted().toList()).containsExactly(7, 8, 8, 8);
  }

  @Test
  void largeFilesOfWhichLittleIsReadArePackedLikeSmallOnes() {
    TaskPacking packing = TaskPacking.forParallelism(4);
    // 8 wide files of 180 MiB: alone when read whole, 2 a task when footers answer the query or
    // when 3 of 100 columns are read
    List<TableFile> files = files(sizes(8, 180 * MIB));
    assertThat(packing.pack(files)).hasSize(8);
    for (double fraction : new double[] {0, 0.03}) {
      List<List<TableFile>> packed = packing.pack(files, fraction);
      assertThat(packed).as("fraction %s", fraction).hasSize(4);
      assertPartition(files, packed);
    }
    assertThatThrownBy(() -> packing.pack(files, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  private static long[] sizes(int count, long size) {
    return IntStream.range(0, count).mapToLong(i -> size).toArray();
  }

  @Test
  void largeFilesStayOneTaskEach() {
    TaskPacking packing = TaskPacking.forParallelism(4);
    List<TableFile> files = files(200 * MIB, 130 * MIB, 125 * MIB, 300 * MIB, 128 * MIB);
    List<List<TableFile>> packed = packing.pack(files);
    assertThat(packed).hasSize(5).allSatisfy(task -> assertThat(task).hasSize(1));
  }

  @Test
  void noTaskIsHeavierThanTheLimitUnlessOneFileIs() {
    TaskPacking packing = TaskPacking.forParallelism(3);
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      long[] sizes = new long[1 + random.nextInt(120)];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = random.nextInt(5) == 0 ? random.nextLong(300 * MIB) : random.nextLong(8 * MIB);
      }
      List<TableFile> files = files(sizes);
      List<List<TableFile>> packed = packing.pack(files);
      assertPartition(files, packed);
      assertThat(packed.size()).isGreaterThanOrEqualTo(Math.min(files.size(), 3));
      for (List<TableFile> task : packed) {
        assertThat(task.size()).isLessThanOrEqualTo(packing.maxFilesPerTask());
        if (task.size() > 1) {
          assertThat(weight(task, packing)).isLessThanOrEqualTo(packing.maxTaskBytes());
        }
      }
    }
  }

  @Test
  void tasksHoldAtMostMaxFilesPerTask() {
    TaskPacking packing = new TaskPacking(1, 1L << 40, 0, 10);
    List<TableFile> files = files(IntStream.range(0, 95).mapToLong(i -> 1_000).toArray());
    List<List<TableFile>> packed = packing.pack(files);
    assertPartition(files, packed);
    assertThat(packed)
        .hasSize(10)
        .allSatisfy(task -> assertThat(task.size()).isLessThanOrEqualTo(10));
  }

  @Test
  void aLargeTableGetsMoreTasksThanTheParallelismWhenItsBytesNeedThem() {
    TaskPacking packing = TaskPacking.forParallelism(2);
    // 40 files of 60 MiB (64 MiB with the open cost): two per 128 MiB task
    List<TableFile> files = files(IntStream.range(0, 40).mapToLong(i -> 60 * MIB).toArray());
    assertThat(packing.pack(files)).hasSize(20).allSatisfy(task -> assertThat(task).hasSize(2));
  }

  @Test
  void packingOffOrFewFilesKeepsOneFilePerTaskInListingOrder() {
    List<TableFile> files = files(1, 2, 3);
    assertThat(TaskPacking.ONE_FILE_PER_TASK.pack(files))
        .containsExactly(List.of(files.get(0)), List.of(files.get(1)), List.of(files.get(2)));
    assertThat(TaskPacking.forParallelism(1_000).pack(files))
        .containsExactly(List.of(files.get(0)), List.of(files.get(1)), List.of(files.get(2)));
    assertThat(TaskPacking.forParallelism(4).pack(List.of())).isEmpty();
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new TaskPacking(0, 1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TaskPacking(1, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TaskPacking(1, 1, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
