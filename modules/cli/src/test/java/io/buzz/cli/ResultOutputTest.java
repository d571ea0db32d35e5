package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.cli.format.FormatOptions;
import io.buzz.cli.format.ResultFormat;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result file appears whole, replacing the old one, or not at all. */
class ResultOutputTest {
  private static final Schema SCHEMA =
      new Schema(List.of(Field.nullable("x", new ArrowType.Int(32, true))));

  @TempDir Path dir;

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void theResultIsWrittenBesideTheFileAndRenamedOverItWhenFinished() throws Exception {
    Path file = dir.resolve("result.csv");
    Files.writeString(file, "old");
    try (ResultOutput output =
        ResultOutput.toFile(file, ResultFormat.CSV, FormatOptions.DEFAULTS)) {
      output.writer().start(SCHEMA);
      List<Path> during = files();
      assertThat(during).hasSize(2).contains(file);
      assertThat(during.get(0).getFileName().toString())
          .matches("\\.result\\.csv\\.[0-9a-f]{8}\\.tmp");
      assertThat(Files.readString(file)).isEqualTo("old");
      output.finish();
    }
    assertThat(files()).containsExactly(file);
    assertThat(Files.readString(file)).isEqualTo("x\r\n");
  }

  @Test
  void anUnfinishedResultIsDeletedAndTheOldFileKept() throws Exception {
    Path file = dir.resolve("result.parquet");
    Files.writeString(file, "old");
    try (ResultOutput output =
        ResultOutput.toFile(file, ResultFormat.PARQUET, FormatOptions.DEFAULTS)) {
      output.writer().start(SCHEMA);
      assertThat(files()).hasSize(2);
    }
    assertThat(files()).containsExactly(file);
    assertThat(Files.readString(file)).isEqualTo("old");

    Path fresh = dir.resolve("fresh.arrow");
    try (ResultOutput output =
        ResultOutput.toFile(fresh, ResultFormat.ARROW, FormatOptions.DEFAULTS)) {
      output.writer().start(SCHEMA);
    }
    assertThat(fresh).doesNotExist();
    assertThat(files()).containsExactly(file);
  }

  @Test
  void writeFailuresNameTheFileAndWhy() {
    Path file = dir.resolve("x.parquet");
    try (ResultOutput output =
        ResultOutput.toFile(file, ResultFormat.CSV, FormatOptions.DEFAULTS)) {
      BuzzException failure = output.failure(new IOException("No space left on device"));
      assertThat(failure.code()).isEqualTo(ErrorCode.INTERNAL);
      assertThat(failure).hasMessage("cannot write " + file + ": No space left on device");
    }
    assertThat(ResultOutput.reason(new java.nio.file.AccessDeniedException(file.toString())))
        .isEqualTo("permission denied");
  }

  @Test
  void aFileInsideAFileCannotBeWritten() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain"), "");
    Path file = plain.resolve("x.csv");
    assertThatThrownBy(() -> ResultOutput.toFile(file, ResultFormat.CSV, FormatOptions.DEFAULTS))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessage("cannot write " + file + ": " + plain + " is not a directory");
  }

  @Test
  void theTerminalWidthComesFromColumns() {
    assertThat(QueryCommand.defaultMaxWidth(Map.of("COLUMNS", "200"))).isEqualTo(200);
    assertThat(QueryCommand.defaultMaxWidth(Map.of())).isEqualTo(FormatOptions.DEFAULT_MAX_WIDTH);
    assertThat(QueryCommand.defaultMaxWidth(Map.of("COLUMNS", "wide")))
        .isEqualTo(FormatOptions.DEFAULT_MAX_WIDTH);
    assertThat(QueryCommand.defaultMaxWidth(Map.of("COLUMNS", "0")))
        .isEqualTo(FormatOptions.DEFAULT_MAX_WIDTH);
  }
}
