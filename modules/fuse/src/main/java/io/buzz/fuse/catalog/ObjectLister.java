package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.S3Failures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Lists the {@code *.parquet} objects under a {@link TableLocation}, recursively, skipping hidden
 * and metadata entries ({@code .x}, {@code _x}); the result is sorted by URI so every run sees the
 * same order. A location naming one object lists just that object.
 *
 * <p>On S3 a key without a trailing slash may be a folder ({@code key/…}, e.g. Spark's {@code
 * out.parquet/part-0.parquet}) or one object; it is listed as a folder first, as a local directory
 * would be, and looked up as an object ({@code HeadObject}) only when nothing lies below it.
 *
 * <p>Never blocks the calling event loop: local directories are walked on a worker thread, S3 pages
 * are requested asynchronously ({@link S3FolderListing}: the flat pages of the prefix raced against
 * its folders listed in parallel) and complete on the caller's context.
 */
public final class ObjectLister {
  /** How S3 folders are listed ({@link S3FolderListing}). */
  public enum Strategy {
    /** Both listings at once, the first answer winning: what the Fuse does. */
    RACE,
    /** ListObjectsV2 pages of the whole prefix, one after the other. */
    FLAT,
    /** Each folder's pages with the {@code /} delimiter, folders in parallel. */
    BY_FOLDER
  }

  /** Keys per ListObjectsV2 page: S3's maximum. */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  private final Vertx vertx;
  private final S3AsyncClient s3;
  private final int pageSize;
  private final Strategy strategy;

  /**
   * @param s3 client for {@code s3://} locations; may be null when only local tables are used
   */
  public ObjectLister(Vertx vertx, S3AsyncClient s3) {
    this(vertx, s3, DEFAULT_PAGE_SIZE);
  }

  /**
   * @param pageSize keys per ListObjectsV2 page (1 to 1000); small values exercise pagination
   */
  public ObjectLister(Vertx vertx, S3AsyncClient s3, int pageSize) {
    this(vertx, s3, pageSize, Strategy.RACE);
  }

  /**
   * @param strategy how S3 folders are listed (both at once, but in tests and the bench)
   */
  public ObjectLister(Vertx vertx, S3AsyncClient s3, int pageSize, Strategy strategy) {
    this.strategy = requireNonNull(strategy, "strategy is null");
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.s3 = s3;
    if (pageSize < 1 || pageSize > DEFAULT_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be in [1, 1000]: " + pageSize);
    }
    this.pageSize = pageSize;
  }

  /**
   * Lists the location's Parquet objects. Fails with NOT_FOUND when the location (directory,
   * object, bucket) does not exist, UNAVAILABLE when it cannot be read; an existing folder without
   * Parquet files lists as empty.
   */
  public Future<List<ListedObject>> list(TableLocation location) {
    if (location instanceof TableLocation.Local local) {
      return vertx.executeBlocking(() -> listLocal(local.path()), false);
    }
    return listS3((TableLocation.S3) location);
  }

  private static List<ListedObject> listLocal(Path root) {
    if (!Files.exists(root)) {
      throw BuzzException.notFound(root.toUri() + " does not exist");
    }
    try {
      if (Files.isRegularFile(root)) {
        return List.of(localObject(root.getParent(), root));
      }
      // Links are followed: a table folder is often a link to a bigger disk (cycles fail).
      return LocalListing.list(root);
    } catch (IOException | UncheckedIOException e) {
      throw new BuzzException(
          ErrorCode.UNAVAILABLE, "listing " + root.toUri() + ": " + e.getMessage(), e);
    }
  }

  private static ListedObject localObject(Path root, Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      String relative = root.relativize(path).toString().replace('\\', '/');
      return new ListedObject(
          path.toUri().toString(),
          relative,
          attributes.size(),
          ByteSources.MTIME + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Future<List<ListedObject>> listS3(TableLocation.S3 location) {
    if (s3 == null) {
      return Future.failedFuture(
          new BuzzException(
              ErrorCode.UNSUPPORTED, "no S3 client is configured to list " + location.uri()));
    }
    Context context = vertx.getOrCreateContext();
    String key = location.key();
    if (key.isEmpty() || key.endsWith("/")) {
      return listFolder(location, key, context).map(folder -> sorted(folder.parquet()));
    }
    return listFolder(location, key + "/", context)
        .compose(
            folder ->
                folder.empty()
                    ? headObject(location, context)
                    : Future.succeededFuture(sorted(folder.parquet())));
  }

  private Future<S3FolderListing.Folder> listFolder(
      TableLocation.S3 location, String prefix, Context context) {
    return new S3FolderListing(s3, location, prefix, pageSize, context)
        .list(strategy)
        .recover(failure -> Future.failedFuture(s3Failure(location, failure)));
  }

  /** The location as one object, when nothing lies below {@code key/}. */
  private Future<List<ListedObject>> headObject(TableLocation.S3 location, Context context) {
    HeadObjectRequest request =
        HeadObjectRequest.builder().bucket(location.bucket()).key(location.key()).build();
    return Future.fromCompletionStage(s3.headObject(request), context)
        .recover(failure -> Future.failedFuture(s3Failure(location, failure)))
        .map(
            (HeadObjectResponse head) -> {
              String key = location.key();
              return List.of(
                  new ListedObject(
                      location.uri(),
                      key.substring(key.lastIndexOf('/') + 1),
                      head.contentLength(),
                      version(head.eTag())));
            });
  }

  static String version(String etag) {
    return etag == null || etag.isEmpty() ? "" : ByteSources.ETAG + etag;
  }

  private static List<ListedObject> sorted(List<ListedObject> objects) {
    List<ListedObject> copy = new ArrayList<>(objects);
    copy.sort(Comparator.comparing(ListedObject::uri));
    return copy;
  }

  private static BuzzException s3Failure(TableLocation.S3 location, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    java.util.Optional<BuzzException> common = S3Failures.common(location.uri(), cause);
    if (common.isPresent()) {
      return common.get();
    }
    if (cause instanceof NoSuchKeyException
        || (cause instanceof S3Exception s3 && s3.statusCode() == 404)) {
      return BuzzException.notFound(location.uri() + " does not exist");
    }
    return new BuzzException(
        ErrorCode.UNAVAILABLE, "listing " + location.uri() + ": " + cause.getMessage(), cause);
  }

  /** A Parquet object whose path below the root has no hidden or metadata segment. */
  static boolean isParquet(String relativePath) {
    if (!relativePath.endsWith(".parquet")) {
      return false;
    }
    for (String segment : relativePath.split("/")) {
      if (PartitionPath.isHidden(segment)) {
        return false;
      }
    }
    return true;
  }
}
