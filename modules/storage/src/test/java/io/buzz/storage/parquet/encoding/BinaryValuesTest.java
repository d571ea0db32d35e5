package io.buzz.storage.parquet.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryValuesTest {
  /** Entries: "", "a", "CSH", a 16-byte and a 17-byte value, and a long one. */
  private static final String[] ENTRIES = {
    "", "a", "CSH", "0123456789abcdef", "0123456789abcdefg", "x".repeat(300)
  };

  private static BinaryValues dictionary() {
    BinaryValues dict = new BinaryValues(0, 0, IllegalStateException::new);
    for (int e = 0; e < ENTRIES.length; e++) {
      byte[] value = ENTRIES[e].getBytes(StandardCharsets.UTF_8);
      dict.add(e, value, 0, value.length);
    }
    return dict;
  }

  private static List<String> values(BinaryValues values, int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          new String(values.bytes(), values.start(i), values.length(i), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void gathersEntriesInRowOrderAfterValuesAlreadyThere() {
    BinaryValues dict = dictionary();
    // Starts tiny, so the gather must grow both arrays.
    BinaryValues batch = new BinaryValues(1, 1, IllegalStateException::new);
    batch.add(0, "first".getBytes(StandardCharsets.UTF_8), 0, 5);
    int[] ids = {5, 2, 0, 3, 4, 1, 2};
    batch.gather(1, ids.length, null, ids, dict.bytes(), dict.offsets());
    assertThat(values(batch, 8))
        .containsExactly("first", ENTRIES[5], "CSH", "", ENTRIES[3], ENTRIES[4], "a", "CSH");
    assertThat(batch.size()).isEqualTo(5 + 300 + 3 + 16 + 17 + 1 + 3);
  }

  @Test
  void nullRowsGetEmptyValuesAndTakeNoId() {
    BinaryValues dict = dictionary();
    BinaryValues batch = new BinaryValues(4, 4, IllegalStateException::new);
    byte[] defs = {0, 1, 1, 0, 0, 1};
    int[] ids = {2, 5, 1, 99}; // only the first three are read: three rows are defined
    batch.gather(0, defs.length, defs, ids, dict.bytes(), dict.offsets());
    assertThat(values(batch, 6)).containsExactly("", "CSH", ENTRIES[5], "", "", "a");
    // The next values follow on.
    batch.gather(6, 1, null, new int[] {3}, dict.bytes(), dict.offsets());
    assertThat(values(batch, 7)).endsWith(ENTRIES[3]);
  }

  @Test
  void shortEntriesNearTheEndOfTheDictionaryAreCopiedWithoutReadingPastIt() {
    // Exactly sized: the word copy of "a" or "bc" would read past the array's end.
    byte[] source = "0123456789abc".getBytes(StandardCharsets.UTF_8);
    int[] starts = {0, 10, 11, 13};
    BinaryValues batch = new BinaryValues(1, 1, IllegalStateException::new);
    int[] ids = {1, 2, 0, 2, 1};
    batch.gather(0, ids.length, null, ids, source, starts);
    assertThat(values(batch, 5)).containsExactly("a", "bc", "0123456789", "bc", "a");
    assertThat(batch.size()).isEqualTo(16);
  }

  @Test
  void entriesAroundTheLastWholeWordOfTheDictionary() {
    // 20 bytes: the last whole word starts at 12. "c" at 12 is copied as a word (bytes 12..19,
    // all inside); "defg" at 13 and "hij" at 17 are not (their words would end past the array).
    byte[] source = ("0123456789ab" + "c" + "defg" + "hij").getBytes(StandardCharsets.UTF_8);
    int[] starts = {0, 12, 13, 17, 20};
    BinaryValues batch = new BinaryValues(1, 1, IllegalStateException::new);
    int[] ids = {1, 2, 3, 0, 1, 2};
    batch.gather(0, ids.length, null, ids, source, starts);
    assertThat(values(batch, 6)).containsExactly("c", "defg", "hij", "0123456789ab", "c", "defg");
  }

  @Test
  void refusesToGrowPastItsLimitBeforeWritingAnything() {
    BinaryValues dict = dictionary();
    BinaryValues batch = new BinaryValues(1, 1, () -> new IllegalStateException("too large"));
    int[] ids = new int[8_000_000];
    java.util.Arrays.fill(ids, 5); // 8 M values of 300 bytes: 2.4 GB
    assertThatThrownBy(() -> batch.gather(0, ids.length, null, ids, dict.bytes(), dict.offsets()))
        .hasMessage("too large");
    assertThat(batch.size()).isZero();
  }
}
