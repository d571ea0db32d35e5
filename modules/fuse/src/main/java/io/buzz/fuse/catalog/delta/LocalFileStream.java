package io.buzz.fuse.catalog.delta;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A local file, read by Delta Kernel through a seekable channel. */
final class LocalFileStream extends FullyReadStream {
  private final String path;
  private final SeekableByteChannel channel;
  private final InputStream in;

  LocalFileStream(String path, Path file) throws IOException {
    this.path = path;
    try {
      this.channel = Files.newByteChannel(file);
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(path + " does not exist");
    }
    this.in = Channels.newInputStream(channel);
  }

  @Override
  String what() {
    return path;
  }

  @Override
  public int read() throws IOException {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public long getPos() throws IOException {
    return channel.position();
  }

  @Override
  public void seek(long newPos) throws IOException {
    channel.position(newPos);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
