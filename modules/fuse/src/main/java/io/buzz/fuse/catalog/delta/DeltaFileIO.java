package io.buzz.fuse.catalog.delta;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.io.S3Failures;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Delta Kernel's file access over local files and S3, read-only: what Kernel needs to read a
 * table's {@code _delta_log} (list a directory from a file name on, read JSON commits and Parquet
 * checkpoints), without Hadoop's file systems. Kernel is synchronous, so every call blocks; it runs
 * on the Delta executor ({@link DeltaTables}), never on an event loop.
 *
 * <p>Paths are Kernel's: {@code file:/abs/path} with the path unescaped (a space is a space), and
 * {@code s3://bucket/key} with the key verbatim ({@code s3a://} is read as {@code s3://}). S3
 * objects are read in ranged GETs of at least {@link #S3_READ_AHEAD} bytes, so a JSON commit is
 * usually one request and a checkpoint's footer and column chunks a few.
 */
final class DeltaFileIO implements FileIO {
  /** The least an S3 read fetches. */
  static final int S3_READ_AHEAD = 4 << 20;

  private final S3AsyncClient s3;

  /**
   * The S3 failure (unreachable, denied, no bucket, no credentials) already met by the table read
   * running on this thread: Kernel retries some reads and then lists instead, which would meet it
   * again after the SDK's own retries each time; it is rethrown at once instead.
   */
  private final ThreadLocal<IOException> fatal = new ThreadLocal<>();

  /** The local directory writes are allowed under (the warm-up's table); null: none. */
  private final Path writableRoot;

  /**
   * @param s3 the Fuse's S3 client, null when none is configured (then S3 tables are refused)
   */
  DeltaFileIO(S3AsyncClient s3) {
    this(s3, null);
  }

  /**
   * @param writableRoot a local directory Kernel may write in (a checkpoint of the warm-up's
   *     table); everything else stays read-only
   */
  DeltaFileIO(S3AsyncClient s3, Path writableRoot) {
    this.s3 = s3;
    this.writableRoot = writableRoot == null ? null : writableRoot.toAbsolutePath().normalize();
  }

  @Override
  public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
    int slash = filePath.lastIndexOf('/');
    String directory = filePath.substring(0, slash);
    String from = filePath.substring(slash + 1);
    List<FileStatus> listed = new ArrayList<>();
    if (isS3(filePath)) {
      S3Key dir = S3Key.parse(directory + "/");
      String after = from.isEmpty() ? null : dir.key() + before(from);
      String token = null;
      do {
        ListObjectsV2Response page = listPage(dir, after, token);
        for (S3Object object : page.contents()) {
          String name = object.key().substring(dir.key().length());
          if (!name.contains("/") && name.compareTo(from) >= 0) {
            listed.add(
                FileStatus.of(
                    "s3://" + dir.bucket() + "/" + object.key(),
                    object.size(),
                    object.lastModified().toEpochMilli()));
          }
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
      if (listed.isEmpty() && !hasAnyObject(dir)) {
        throw new FileNotFoundException(directory + " does not exist");
      }
    } else {
      Path dir = localPath(directory);
      if (!Files.isDirectory(dir)) {
        throw new FileNotFoundException(directory + " does not exist");
      }
      try (Stream<Path> children = Files.list(dir)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          String name = child.getFileName().toString();
          if (name.compareTo(from) >= 0 && Files.isRegularFile(child)) {
            listed.add(
                FileStatus.of(
                    directory + "/" + name,
                    Files.size(child),
                    Files.getLastModifiedTime(child).toMillis()));
          }
        }
      }
    }
    listed.sort(Comparator.comparing(FileStatus::getPath));
    return iterator(listed);
  }

  /**
   * A key part sorting just before {@code name}, for S3's exclusive {@code StartAfter}: its last
   * character decremented (what sorts between it and {@code name} is filtered out after listing).
   */
  private static String before(String name) {
    char last = name.charAt(name.length() - 1);
    return name.substring(0, name.length() - 1) + (char) (last - 1);
  }

  private ListObjectsV2Response listPage(S3Key dir, String startAfter, String token)
      throws IOException {
    return join(
        dir.uri(),
        client(dir.uri())
            .listObjectsV2(
                request ->
                    request
                        .bucket(dir.bucket())
                        .prefix(dir.key())
                        .delimiter("/")
                        .startAfter(startAfter)
                        .continuationToken(token)));
  }

  private boolean hasAnyObject(S3Key dir) throws IOException {
    if (dir.key().isEmpty()) {
      return true; // the bucket exists, or listing it would have failed
    }
    String parent = dir.key().substring(0, dir.key().length() - 1);
    return !join(
            dir.uri(),
            client(dir.uri())
                .listObjectsV2(request -> request.bucket(dir.bucket()).prefix(parent).maxKeys(1)))
        .contents()
        .isEmpty();
  }

  @Override
  public FileStatus getFileStatus(String path) throws IOException {
    if (isS3(path)) {
      S3Key object = S3Key.parse(path);
      HeadObjectResponse head =
          join(
              path,
              client(path)
                  .headObject(request -> request.bucket(object.bucket()).key(object.key())));
      return FileStatus.of(path, head.contentLength(), head.lastModified().toEpochMilli());
    }
    Path file = localPath(path);
    try {
      return FileStatus.of(path, Files.size(file), Files.getLastModifiedTime(file).toMillis());
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(path + " does not exist");
    }
  }

  @Override
  public String resolvePath(String path) {
    if (path.startsWith("s3a://")) {
      return "s3://" + path.substring("s3a://".length());
    }
    if (isS3(path)) {
      return path;
    }
    return "file:" + localPath(path).toAbsolutePath().normalize();
  }

  @Override
  public InputFile newInputFile(String path, long fileSize) {
    return new InputFile() {
      private long length = fileSize;

      @Override
      public long length() throws IOException {
        // Kernel passes 0 or -1 when it does not know (e.g. _last_checkpoint)
        if (length <= 0) {
          length = getFileStatus(path).getSize();
        }
        return length;
      }

      @Override
      public String path() {
        return path;
      }

      @Override
      public SeekableInputStream newStream() throws IOException {
        return isS3(path)
            ? new S3Stream(path, length())
            : new LocalFileStream(path, localPath(path));
      }
    };
  }

  @Override
  public OutputFile newOutputFile(String path) {
    return new LocalOutputFile(path, writable(path));
  }

  @Override
  public boolean mkdirs(String path) throws IOException {
    Files.createDirectories(writable(path));
    return true;
  }

  @Override
  public boolean delete(String path) throws IOException {
    return Files.deleteIfExists(writable(path));
  }

  @Override
  public void copyFileAtomically(String srcPath, String destPath, boolean overwrite) {
    throw readOnly();
  }

  /** A local path under the writable root; anything else is refused. */
  private Path writable(String path) {
    Path file = isS3(path) ? null : localPath(path).toAbsolutePath().normalize();
    if (writableRoot == null || file == null || !file.startsWith(writableRoot)) {
      throw readOnly();
    }
    return file;
  }

  @Override
  public Optional<String> getConf(String confKey) {
    return Optional.empty();
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("Buzz reads Delta tables; it never writes them");
  }

  static boolean isS3(String path) {
    return path.startsWith("s3://") || path.startsWith("s3a://");
  }

  /** The local path of a Kernel path: {@code file:/a b/c}, {@code file:///a}, or a bare path. */
  static Path localPath(String path) {
    String rest = path.startsWith("file:") ? path.substring("file:".length()) : path;
    if (rest.startsWith("//")) {
      rest = rest.substring(2); // an empty authority: file:///abs
    }
    return Path.of(rest);
  }

  private S3AsyncClient client(String uri) {
    if (s3 == null) {
      throw new UncheckedIOException(
          new IOException(
              new BuzzException(
                  ErrorCode.UNSUPPORTED, "no S3 client is configured to read " + uri)));
    }
    return s3;
  }

  /** Forgets the S3 failure met by this thread's table read; called when the read ends. */
  void endRead() {
    fatal.remove();
  }

  /** Waits for an S3 call; failures become IOExceptions whose cause says what happened. */
  private <T> T join(String uri, java.util.concurrent.CompletableFuture<T> call)
      throws IOException {
    IOException known = fatal.get();
    if (known != null) {
      call.cancel(true);
      throw known;
    }
    try {
      return call.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      Optional<BuzzException> common = S3Failures.common(uri, cause);
      if (common.isEmpty()
          && (cause instanceof NoSuchKeyException
              || cause instanceof S3Exception s3e && s3e.statusCode() == 404)) {
        throw new FileNotFoundException(uri + " does not exist");
      }
      if (common.isPresent()) {
        IOException failure = new IOException(common.get().getMessage(), common.get());
        fatal.set(failure);
        throw failure;
      }
      BuzzException failure =
          common.orElseGet(
              () ->
                  new BuzzException(
                      ErrorCode.UNAVAILABLE, "reading " + uri + ": " + cause.getMessage(), cause));
      throw new IOException(failure.getMessage(), failure);
    }
  }

  private static <T> CloseableIterator<T> iterator(List<T> items) {
    java.util.Iterator<T> it = items.iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }

  /** A bucket and key, verbatim. */
  private record S3Key(String bucket, String key) {
    static S3Key parse(String uri) {
      String rest = uri.substring(uri.indexOf("://") + 3);
      int slash = rest.indexOf('/');
      return slash < 0
          ? new S3Key(rest, "")
          : new S3Key(rest.substring(0, slash), rest.substring(slash + 1));
    }

    String uri() {
      return "s3://" + bucket + "/" + key;
    }
  }

  /** An S3 object read in ranged GETs of at least {@link #S3_READ_AHEAD} bytes. */
  private final class S3Stream extends FullyReadStream {
    private final String uri;
    private final S3Key object;
    private final long length;
    private long position;
    private byte[] buffer = new byte[0];
    private long bufferStart;

    S3Stream(String uri, long length) {
      this.uri = uri;
      this.object = S3Key.parse(uri);
      this.length = length;
    }

    private boolean fill(int wanted) throws IOException {
      if (position >= bufferStart && position < bufferStart + buffer.length) {
        return true;
      }
      if (position >= length) {
        return false;
      }
      long end = Math.min(length, position + Math.max(wanted, S3_READ_AHEAD)) - 1;
      String range = "bytes=" + position + "-" + end;
      buffer =
          join(
                  uri,
                  client(uri)
                      .getObject(
                          request -> request.bucket(object.bucket()).key(object.key()).range(range),
                          AsyncResponseTransformer.toBytes()))
              .asByteArray();
      bufferStart = position;
      return buffer.length > 0;
    }

    @Override
    public int read() throws IOException {
      if (!fill(1)) {
        return -1;
      }
      return buffer[(int) (position++ - bufferStart)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill(len)) {
        return -1;
      }
      int offset = (int) (position - bufferStart);
      int n = Math.min(len, buffer.length - offset);
      System.arraycopy(buffer, offset, b, off, n);
      position += n;
      return n;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void seek(long newPos) {
      position = newPos;
    }

    @Override
    String what() {
      return uri;
    }
  }
}
