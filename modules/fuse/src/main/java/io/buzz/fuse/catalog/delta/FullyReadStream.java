package io.buzz.fuse.catalog.delta;

import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.EOFException;
import java.io.IOException;

/** A seekable stream whose {@code readFully} repeats {@code read} until the bytes are there. */
abstract class FullyReadStream extends SeekableInputStream {
  /** Names the object in the end-of-file message. */
  abstract String what();

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = read(b, off + done, len - done);
      if (n < 0) {
        throw new EOFException(what() + ": ends after " + done + " of " + len + " bytes");
      }
      done += n;
    }
  }
}
