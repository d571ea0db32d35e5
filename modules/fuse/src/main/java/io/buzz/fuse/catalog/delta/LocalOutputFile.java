package io.buzz.fuse.catalog.delta;

import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** A local file Delta Kernel writes: only the warm-up's table ({@link DeltaTables#warmUp}). */
final class LocalOutputFile implements OutputFile {
  private final String path;
  private final Path file;

  LocalOutputFile(String path, Path file) {
    this.path = path;
    this.file = file;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public PositionOutputStream create(boolean atomicWrite) throws IOException {
    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
    return new PositionOutputStream() {
      private long position;

      @Override
      public long getPos() {
        return position;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        position++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        position += len;
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public void writeAtomically(CloseableIterator<String> data, boolean overwrite)
      throws IOException {
    StringBuilder text = new StringBuilder();
    try (data) {
      while (data.hasNext()) {
        text.append(data.next()).append('\n');
      }
    }
    Path temporary = Files.createTempFile(file.getParent(), ".", ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
