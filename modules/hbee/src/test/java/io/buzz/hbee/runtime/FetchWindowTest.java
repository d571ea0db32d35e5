package io.buzz.hbee.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.storage.parquet.RowGroupChunks;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which row groups' fetches a task keeps in flight (the fetches themselves are stood in for). */
class FetchWindowTest {
  private final List<Integer> fetched = new ArrayList<>();
  private int allStarted;

  private FetchWindow window(int count, long bytesEach, boolean eager) {
    FetchWindow.RowGroups groups =
        new FetchWindow.RowGroups() {
          @Override
          public int rowGroupCount() {
            return count;
          }

          @Override
          public long scannedBytes(int position) {
            return bytesEach;
          }

          @Override
          public Future<RowGroupChunks> fetch(int position) {
            fetched.add(position);
            return Promise.<RowGroupChunks>promise().future();
          }
        };
    return new FetchWindow(groups, eager);
  }

  @Test
  void keepsSeveralSmallRowGroupsInFlightAheadOfTheOneDecoded() {
    int depth = FetchWindow.DEPTH;
    FetchWindow window = window(20, 1 << 20, true);
    window.whenAllStarted(() -> allStarted++);
    assertThat(fetched).isEqualTo(range(0, depth)); // started at once
    assertThat(window.take()).isNotNull(); // row group 0 is decoded
    window.fill();
    assertThat(fetched).isEqualTo(range(0, depth + 1));
    assertThat(window.inFlight()).isEqualTo(depth);
    for (int i = 1; i < 20; i++) {
      assertThat(window.take()).isNotNull();
      window.fill();
    }
    assertThat(fetched).isEqualTo(range(0, 20));
    assertThat(window.take()).isNull();
    assertThat(allStarted).isEqualTo(1);
  }

  private static List<Integer> range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).boxed().toList();
  }

  @Test
  void largeRowGroupsAreFetchedOneAheadWithinTheByteBudget() {
    FetchWindow window = window(5, 20L << 20, true);
    assertThat(fetched).containsExactly(0); // 40 MiB would be over the budget of 32
    window.take();
    window.fill();
    assertThat(fetched).containsExactly(0, 1); // the next one always
    window.fill();
    assertThat(fetched).containsExactly(0, 1);
  }

  @Test
  void underALimitOnlyTheNextRowGroupIsFetched() {
    FetchWindow window = window(5, 1 << 10, false);
    window.whenAllStarted(() -> allStarted++);
    assertThat(fetched).containsExactly(0);
    window.take();
    window.fill();
    assertThat(fetched).containsExactly(0, 1);
    assertThat(allStarted).isZero();
  }

  @Test
  void theNextFileMayOpenOnceTheLastFetchStartedAndTheFileIsScanned() {
    FetchWindow window = window(3, 1 << 10, true); // read ahead: all three started
    assertThat(fetched).containsExactly(0, 1, 2);
    assertThat(allStarted).isZero(); // not while the file waits for its turn
    window.whenAllStarted(() -> allStarted++);
    assertThat(allStarted).isEqualTo(1);
    window.take();
    window.fill();
    assertThat(allStarted).isEqualTo(1); // once
  }

  @Test
  void aFileAnsweredByItsFooterFetchesNothing() {
    FetchWindow window = new FetchWindow(FetchWindow.RowGroups.NONE, true);
    window.whenAllStarted(() -> allStarted++);
    assertThat(window.take()).isNull();
    assertThat(allStarted).isEqualTo(1);
  }
}
