package io.buzz.hbee.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.task.FileRef;
import io.buzz.storage.parquet.ParquetFileReader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which files a task reads ahead of the one it scans (the I/O itself is stood in for). */
class ReadAheadTest {
  private final List<Integer> footers = new ArrayList<>();
  private final List<Integer> opened = new ArrayList<>();
  private boolean stopped;

  private ReadAhead readAhead(List<FileRef> files, boolean eager) {
    return new ReadAhead(
        files,
        index -> {
          footers.add(index);
          return Future.<ParquetFileReader>succeededFuture(null);
        },
        (index, reader) -> {
          opened.add(index);
          return Promise.<ReadAhead.Opened>promise().future(); // still being opened
        },
        () -> stopped,
        eager);
  }

  private static List<FileRef> files(int count, long size) {
    return IntStream.range(0, count)
        .mapToObj(i -> FileRef.newBuilder().setUri("file:///t/" + i).setSize(size).build())
        .toList();
  }

  @Test
  void smallFilesAreOpenedAheadUpToTheBudget() {
    ReadAhead ahead = readAhead(files(40, 1 << 20), true);
    ahead.scanning(0);
    // 16 MiB of 1 MiB files, at most 16 of them
    assertThat(opened).containsExactlyElementsOf(IntStream.rangeClosed(1, 16).boxed().toList());
    ahead.scanning(1);
    assertThat(opened).hasSize(17).endsWith(17);
    assertThat(footers).doesNotHaveDuplicates();
  }

  @Test
  void largeFilesWaitForTheLastRowGroupButTheNextFooterIsReadAtOnce() {
    ReadAhead ahead = readAhead(files(3, 100L << 20), true);
    ahead.scanning(0);
    assertThat(footers).containsExactly(1);
    assertThat(opened).isEmpty();
    ahead.lastRowGroup(0);
    assertThat(opened).containsExactly(1);
    ahead.take(1);
    assertThat(opened).containsExactly(1); // not opened twice
  }

  @Test
  void underALimitNothingIsOpenedBeforeItsTurn() {
    ReadAhead ahead = readAhead(files(10, 1 << 10), false);
    ahead.scanning(0);
    ahead.lastRowGroup(0);
    assertThat(footers).containsExactly(1);
    assertThat(opened).isEmpty();
    ahead.take(1);
    assertThat(opened).containsExactly(1);
  }

  @Test
  void aStoppedTaskOpensNothingMore() {
    ReadAhead ahead = readAhead(files(10, 1 << 10), true);
    stopped = true;
    ahead.scanning(0);
    ahead.lastRowGroup(0);
    assertThat(opened).isEmpty();
    assertThat(ahead.take(1).failed()).isTrue();
  }
}
