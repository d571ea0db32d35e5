package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.protocol.task.DeletionVector;
import io.buzz.protocol.task.DeletionVectorFile;
import io.buzz.protocol.task.FileRef;
import io.buzz.storage.deletion.DeletedRows;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.io.ByteSources;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads the deletion vector of a file of a task: from the task itself when the log held it inline,
 * otherwise from where it is stored (one ranged read). A vector that cannot be read, or that does
 * not delete as many rows as the log says, fails the task naming the file: never a wrong count.
 */
final class DeletionVectors {
  private DeletionVectors() {}

  /**
   * @param sources where the stored vector's read is counted
   * @return null when the file has no deletion vector
   */
  static Future<DeletedRows> load(FileRef file, ByteSources byteSources, FileSources sources) {
    if (!file.hasDeletionVector()) {
      return Future.succeededFuture();
    }
    DeletionVector vector = file.getDeletionVector();
    if (vector.hasFile()) {
      DeletionVectorFile stored = vector.getFile();
      ByteSource source;
      try {
        source = byteSources.open(stored.getUri(), "");
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      return source
          .read(stored.getOffset(), stored.getSizeInBytes() + 8)
          .eventually(
              () -> {
                sources.count(source);
                return Future.succeededFuture();
              })
          .map(bytes -> checked(file, stored.getUri(), bytes, stored.getSizeInBytes()));
    }
    return Future.succeededFuture(
        checked(file, "inline", vector.getInlineBitmap().asReadOnlyByteBuffer(), -1));
  }

  private static DeletedRows checked(FileRef file, String where, ByteBuffer bytes, int size) {
    DeletedRows rows;
    try {
      rows = size < 0 ? DeletedRows.parse(bytes) : DeletedRows.parseStored(bytes, size);
    } catch (IOException e) {
      throw failure(file, where, e.getMessage());
    }
    long expected = file.getDeletionVector().getCardinality();
    if (rows.cardinality() != expected) {
      throw failure(
          file, where, "it deletes " + rows.cardinality() + " rows but the log says " + expected);
    }
    return rows;
  }

  private static BuzzException failure(FileRef file, String where, String problem) {
    return BuzzException.badQuery(
        file.getUri() + ": its deletion vector (" + where + ") cannot be used: " + problem);
  }
}
