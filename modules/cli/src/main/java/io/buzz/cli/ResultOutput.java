package io.buzz.cli;

import io.buzz.cli.format.FormatOptions;
import io.buzz.cli.format.ResultFormat;
import io.buzz.cli.format.ResultWriter;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a query's result goes: standard output, or a file that appears whole or not at all.
 *
 * <p>A file is written to a temporary file beside it ({@code .NAME.XXXXXXXX.tmp}: the same
 * directory, so the rename is atomic) and renamed over {@code FILE} by {@link #finish} only once
 * the writer has finished; {@link #close} without {@code finish} deletes the temporary file, and so
 * does the JVM's exit when the process is interrupted. A query that fails, times out, cannot be
 * written or is interrupted leaves {@code FILE} as it was: absent, or the previous result. Problems
 * found before the query runs (a missing directory, no permission, a directory named as the file, a
 * binary format for a terminal) are INVALID_CONFIG; failures while writing are INTERNAL; both name
 * the file.
 *
 * <p>Call order: {@link #toFile} or {@link #toStandardOutput}; {@link #writer}'s {@code start} and
 * {@code write}; {@link #finish} on success; {@link #close} always. One thread.
 */
final class ResultOutput implements AutoCloseable {
  private final ResultWriter writer;
  private final Path file;
  private final Path temporary;
  private final OutputStream stream;
  private boolean finished;

  private ResultOutput(ResultWriter writer, Path file, Path temporary, OutputStream stream) {
    this.writer = writer;
    this.file = file;
    this.temporary = temporary;
    this.stream = stream;
  }

  /**
   * Opens a temporary file next to {@code file} for the result.
   *
   * @throws BuzzException INVALID_CONFIG "cannot write FILE: why" when it cannot be written there
   */
  static ResultOutput toFile(Path file, ResultFormat format, FormatOptions options) {
    if (Files.isDirectory(file)) {
      throw cannotWrite(file, "it is a directory");
    }
    Path directory = file.toAbsolutePath().getParent();
    if (directory == null || !Files.exists(directory)) {
      throw cannotWrite(file, "directory " + directory + " does not exist");
    }
    if (!Files.isDirectory(directory)) {
      throw cannotWrite(file, directory + " is not a directory");
    }
    String name = file.getFileName().toString();
    for (int attempt = 0; ; attempt++) {
      String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      Path temporary = directory.resolve("." + name + "." + suffix + ".tmp");
      try {
        OutputStream stream =
            new BufferedOutputStream(
                Files.newOutputStream(
                    temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                1 << 16);
        temporary.toFile().deleteOnExit(); // Ctrl-C ends the JVM without running close()
        return new ResultOutput(format.writer(stream, options), file, temporary, stream);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 2) {
          throw cannotWrite(file, reason(e));
        }
      } catch (IOException e) {
        throw cannotWrite(file, reason(e));
      }
    }
  }

  /**
   * Standard output: text formats as text, binary formats as bytes unless it is a terminal.
   *
   * @throws BuzzException INVALID_CONFIG for a binary format where standard output cannot take
   *     bytes (a terminal)
   */
  static ResultOutput toStandardOutput(
      StandardOutput out, ResultFormat format, FormatOptions options) {
    if (!format.binary()) {
      return new ResultOutput(format.writer(out.text(), options), null, null, null);
    }
    if (!out.takesBytes()) {
      throw new BuzzException(
          ErrorCode.INVALID_CONFIG,
          "--format "
              + format.optionName()
              + " writes binary data, not for a terminal: add --output FILE, or redirect"
              + " standard output to a file or a pipe");
    }
    return new ResultOutput(format.writer(out.bytes(), options), null, null, null);
  }

  /** The format's writer onto this output. */
  ResultWriter writer() {
    return writer;
  }

  /** Finishes the writer and, for a file, closes it and renames it into place. */
  void finish() throws IOException {
    writer.finish();
    if (file != null) {
      stream.close();
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    finished = true;
  }

  /** A failure to write the result, naming where it was going. */
  BuzzException failure(IOException e) {
    String where = file == null ? "standard output" : file.toString();
    return new BuzzException(ErrorCode.INTERNAL, "cannot write " + where + ": " + reason(e), e);
  }

  /** Deletes the temporary file unless {@link #finish} renamed it. */
  @Override
  public void close() {
    if (file == null || finished) {
      return;
    }
    try {
      stream.close();
    } catch (IOException e) {
      // the file is deleted next; what it failed to flush does not matter
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      throw new BuzzException(
          ErrorCode.INTERNAL,
          "cannot delete the unfinished result " + temporary + ": " + reason(e),
          e);
    }
  }

  private static BuzzException cannotWrite(Path file, String why) {
    return new BuzzException(ErrorCode.INVALID_CONFIG, "cannot write " + file + ": " + why);
  }

  /** What went wrong, in words: NIO's file exceptions carry only the path as their message. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name already exists";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
