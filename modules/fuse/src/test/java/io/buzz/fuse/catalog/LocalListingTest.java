package io.buzz.fuse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local listing builds each file's URI from its folder's: the same URI as {@link Path#toUri}
 * gives, whatever characters the names hold; a link cycle fails the listing.
 */
class LocalListingTest {
  @TempDir Path temp;

  @Test
  void urisAreThoseOfPathToUriForAnyName() throws IOException {
    List<String> names =
        new java.util.ArrayList<>(
            List.of(
                "plain.parquet",
                "with space.parquet",
                "100%.parquet",
                "hash#.parquet",
                "what?.parquet",
                "semi;colon+plus&and$.parquet",
                "a:b@c,d.parquet",
                "brackets[1]{2}.parquet",
                "quote'back`tick~.parquet"));
    String folderName = "k=a b";
    if ("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
      // names the JVM's string form would normalise (decomposed é, the Ohm sign): toUri's bytes
      names.addAll(List.of("été-ü.parquet", "e\u0301.parquet", "\u2126.parquet"));
      folderName = "k=ä b";
    }
    Path folder = Files.createDirectories(temp.resolve("day=2009-01-01 00:00").resolve(folderName));
    for (String name : names) {
      Files.write(folder.resolve(name), new byte[] {1, 2, 3});
    }
    Files.write(folder.resolve("notes.txt"), new byte[] {1});
    Files.createDirectories(temp.resolve("_delta_log"));
    Files.write(temp.resolve("_delta_log").resolve("skipped.parquet"), new byte[] {1});
    List<ListedObject> listed = LocalListing.list(temp);
    assertThat(listed).hasSize(names.size());
    for (ListedObject object : listed) {
      Path file = temp.resolve(object.relativePath());
      assertThat(object.uri()).isEqualTo(file.toUri().toString());
      assertThat(object.size()).isEqualTo(3);
      assertThat(Path.of(java.net.URI.create(object.uri()))).isEqualTo(file);
    }
    assertThat(listed).isSortedAccordingTo(java.util.Comparator.comparing(ListedObject::uri));
  }

  @Test
  void onlyPrintableAsciiNamesTakeTheFastPath() {
    assertThat(LocalListing.isPlainAscii("day=2009-01-01/a b%#?.parquet")).isTrue();
    assertThat(LocalListing.isPlainAscii("é.parquet")).isFalse();
    assertThat(LocalListing.isPlainAscii("tab\t.parquet")).isFalse();
  }

  @Test
  void aLinkCycleFailsTheListing() throws IOException {
    Path day = Files.createDirectories(temp.resolve("day=1"));
    Files.write(day.resolve("a.parquet"), new byte[] {1});
    Files.createSymbolicLink(day.resolve("loop"), temp);
    assertThatThrownBy(() -> LocalListing.list(temp)).isInstanceOf(FileSystemLoopException.class);
  }
}
