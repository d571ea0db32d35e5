package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists the {@code *.parquet} objects under a {@link TableLocation}, recursively, skipping hidden
 * and metadata entries ({@code .x}, {@code _x}); the result is sorted by path so every run sees the
 * same order. A location naming one object lists just that object.
 */
public final class ObjectLister {
  private final Vertx vertx;
  private final S3AsyncClient s3;

  /**
   * @param s3 client for {@code s3://} locations; may be null when only local tables are used
   */
  public ObjectLister(Vertx vertx, S3AsyncClient s3) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.s3 = s3;
  }

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
        return List.of(
            new ListedObject(
                root.toUri().toString(), root.getFileName().toString(), Files.size(root)));
      }
      List<ListedObject> objects = new ArrayList<>();
      try (Stream<Path> paths = Files.walk(root)) {
        paths
            .filter(path -> isParquet(root.relativize(path).toString().replace('\\', '/')))
            .filter(Files::isRegularFile)
            .sorted(Comparator.comparing(Path::toString))
            .forEach(path -> objects.add(localObject(root, path)));
      }
      return objects;
    } catch (IOException | UncheckedIOException e) {
      throw new BuzzException(
          ErrorCode.UNAVAILABLE, "listing " + root.toUri() + ": " + e.getMessage(), e);
    }
  }

  private static ListedObject localObject(Path root, Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      String relative = root.relativize(path).toString().replace('\\', '/');
      return new ListedObject(path.toUri().toString(), relative, attributes.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Future<List<ListedObject>> listS3(TableLocation.S3 location) {
    if (s3 == null) {
      return Future.failedFuture(
          new BuzzException(
              ErrorCode.UNAVAILABLE, "no S3 client is configured to list " + location.uri()));
    }
    String key = location.key();
    String prefix =
        key.isEmpty() || key.endsWith("/") || key.endsWith(".parquet") ? key : key + "/";
    List<ListedObject> objects = new ArrayList<>();
    Promise<List<ListedObject>> done = Promise.promise();
    listPage(location, prefix, key, null, objects, done);
    return done.future()
        .compose(
            found -> {
              if (found.isEmpty() && key.endsWith(".parquet")) {
                return Future.failedFuture(
                    BuzzException.notFound(location.uri() + " does not exist"));
              }
              found.sort(Comparator.comparing(ListedObject::uri));
              return Future.succeededFuture(found);
            });
  }

  private void listPage(
      TableLocation.S3 location,
      String prefix,
      String key,
      String token,
      List<ListedObject> objects,
      Promise<List<ListedObject>> done) {
    ListObjectsV2Request request =
        ListObjectsV2Request.builder()
            .bucket(location.bucket())
            .prefix(prefix)
            .continuationToken(token)
            .build();
    Future.fromCompletionStage(s3.listObjectsV2(request), vertx.getOrCreateContext())
        .onFailure(failure -> done.fail(s3Failure(location, failure)))
        .onSuccess(
            (ListObjectsV2Response page) -> {
              for (S3Object object : page.contents()) {
                String relative =
                    key.endsWith(".parquet")
                        ? object.key().substring(object.key().lastIndexOf('/') + 1)
                        : object.key().substring(prefix.length());
                boolean exact = key.endsWith(".parquet") && object.key().equals(key);
                if (exact || (!key.endsWith(".parquet") && isParquet(relative))) {
                  objects.add(
                      new ListedObject(
                          "s3://" + location.bucket() + "/" + object.key(),
                          relative,
                          object.size()));
                }
              }
              if (Boolean.TRUE.equals(page.isTruncated())) {
                listPage(location, prefix, key, page.nextContinuationToken(), objects, done);
              } else {
                done.complete(objects);
              }
            });
  }

  private static BuzzException s3Failure(TableLocation.S3 location, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof NoSuchBucketException) {
      return BuzzException.notFound(
          "listing " + location.uri() + ": bucket '" + location.bucket() + "' does not exist");
    }
    return new BuzzException(
        ErrorCode.UNAVAILABLE, "listing " + location.uri() + ": " + cause.getMessage(), cause);
  }

  /** A Parquet object whose path below the root has no hidden or metadata segment. */
  private static boolean isParquet(String relativePath) {
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
