package io.buzz.fuse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableLocationTest {
  private static final String FIELD = "catalogs[2].uri";

  @Test
  void absoluteFileUri() {
    TableLocation location = TableLocation.parse("file:///data/nyc-taxi/", FIELD);
    assertThat(location).isEqualTo(new TableLocation.Local(Path.of("/data/nyc-taxi")));
    assertThat(location.uri()).isEqualTo("file:///data/nyc-taxi");
  }

  @Test
  void absoluteFileUriIsNormalizedAndDecoded() {
    assertThat(TableLocation.parse(" file:/data/./a/../my%20table ", FIELD))
        .isEqualTo(new TableLocation.Local(Path.of("/data/my table")));
    assertThat(TableLocation.parse("FILE://localhost/data", FIELD))
        .isEqualTo(new TableLocation.Local(Path.of("/data")));
  }

  @Test
  void relativeFileUriResolvesAgainstTheWorkingDirectory() {
    Path expected = Path.of("").toAbsolutePath().resolve("data/sample").normalize();
    assertThat(TableLocation.parse("file:data/sample", FIELD))
        .isEqualTo(new TableLocation.Local(expected));
    assertThat(TableLocation.parse("file:./data/../data/sample", FIELD))
        .isEqualTo(new TableLocation.Local(expected));
  }

  @Test
  void s3UriWithPrefix() {
    assertThat(TableLocation.parse("s3://my-bucket/tables/nyc-taxi/", FIELD))
        .isEqualTo(new TableLocation.S3("my-bucket", "tables/nyc-taxi/"));
    assertThat(TableLocation.parse("s3://my-bucket/one.parquet", FIELD).uri())
        .isEqualTo("s3://my-bucket/one.parquet");
  }

  @Test
  void s3UriOfAWholeBucket() {
    assertThat(TableLocation.parse("s3://my-bucket", FIELD))
        .isEqualTo(new TableLocation.S3("my-bucket", ""));
    assertThat(TableLocation.parse("s3://my-bucket/", FIELD))
        .isEqualTo(new TableLocation.S3("my-bucket", ""));
  }

  @Test
  void s3KeysAreTakenVerbatim() {
    // Hive escapes partition values with %XX, and S3 keys keep them: the key is not URL-decoded,
    // exactly as the HBees' S3Location reads it.
    assertThat(TableLocation.parse("s3://b/t/city=New%20York/", FIELD))
        .isEqualTo(new TableLocation.S3("b", "t/city=New%20York/"));
    assertThat(TableLocation.parse("s3://b/with space/", FIELD))
        .isEqualTo(new TableLocation.S3("b", "with space/"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://example.com/t.parquet | must start with file: or s3://",
        "/data/table | no scheme",
        "data/table | no scheme",
        "s3:/bucket/key | s3://bucket/prefix",
        "s3:///key | has no bucket",
        "s3://bad bucket/key | not a valid bucket name",
        "file://server/share/t | names host 'server'",
        "file:///data/my table | not a valid URI",
        "file: | not a valid URI",
        "file:// | not a valid URI",
        "file://localhost | names no path",
      })
  void malformedUrisNameTheField(String uri, String mention) {
    assertThatThrownBy(() -> TableLocation.parse(uri, FIELD))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining(FIELD)
        .hasMessageContaining(mention);
  }

  @Test
  void emptyOrMissingUri() {
    for (String uri : new String[] {null, "", "   "}) {
      assertThatThrownBy(() -> TableLocation.parse(uri, FIELD))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
          .hasMessageContaining(FIELD + " is empty");
    }
  }
}
