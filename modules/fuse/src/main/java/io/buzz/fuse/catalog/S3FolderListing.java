package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One S3 folder listed two ways at once, the first complete answer winning, as a hedged GET:
 *
 * <ul>
 *   <li><b>flat</b>: ListObjectsV2 pages of the whole prefix, one after the other — S3 hands out a
 *       page's continuation token only with the page, so N objects cost N/1,000 round trips in a
 *       row (100,000 files: 100 round trips of 20–60 ms plus S3's own time per page);
 *   <li><b>by folder</b>: the folder's pages with the {@code /} delimiter, then each subfolder's
 *       the same way, up to {@link #IN_FLIGHT} requests at once. A Hive-partitioned table of 100
 *       partitions of 1,000 files is then a few rounds of 16 requests instead of 100 in a row.
 * </ul>
 *
 * A flat folder, or thousands of partitions of one file each, is answered by the flat listing
 * first. Once one listing has its answer the other sends no more requests, so the cost is at most
 * about twice the LIST requests ($0.005 per 1,000). Hidden and metadata folders ({@code _x}, {@code
 * .x}, such as {@code _delta_log}) are not entered: their files are never listed anyway. Both
 * listings failing fail with the flat listing's error.
 *
 * <p>Threads: every callback runs on {@code context}, so the state needs no locks.
 */
final class S3FolderListing {
  /** LIST requests the by-folder listing keeps in flight. */
  static final int IN_FLIGHT = 16;

  /** The Parquet objects below the folder, and whether there was anything at all. */
  record Folder(List<ListedObject> parquet, boolean empty) {}

  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("the other listing answered first", null, false, false);
    }
  }

  private final S3AsyncClient s3;
  private final TableLocation.S3 location;
  private final String root;
  private final int pageSize;
  private final Context context;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;
  private boolean answered;

  /**
   * @param root the folder's key prefix (empty or ending with {@code /})
   */
  S3FolderListing(
      S3AsyncClient s3, TableLocation.S3 location, String root, int pageSize, Context context) {
    this.s3 = requireNonNull(s3, "s3 is null");
    this.location = requireNonNull(location, "location is null");
    this.root = requireNonNull(root, "root is null");
    this.pageSize = pageSize;
    this.context = requireNonNull(context, "context is null");
  }

  Future<Folder> list(ObjectLister.Strategy strategy) {
    Promise<Folder> answer = Promise.promise();
    context.runOnContext(v -> start(strategy, answer));
    return answer.future();
  }

  private void start(ObjectLister.Strategy strategy, Promise<Folder> answer) {
    Future<Folder> flat =
        strategy == ObjectLister.Strategy.BY_FOLDER ? Future.failedFuture(new Stopped()) : flat();
    Future<Folder> byFolder =
        strategy == ObjectLister.Strategy.FLAT
            ? Future.failedFuture(new Stopped())
            : byFolder(root);
    for (Future<Folder> listing : List.of(flat, byFolder)) {
      listing.onSuccess(
          folder -> {
            answered = true;
            answer.tryComplete(folder);
          });
    }
    Future.join(flat, byFolder)
        .onFailure(
            failure -> {
              if (!answer.future().isComplete() && flat.failed() && byFolder.failed()) {
                answered = true;
                answer.fail(flat.cause() instanceof Stopped ? byFolder.cause() : flat.cause());
              }
            });
  }

  // --- flat ---------------------------------------------------------------------------------

  private Future<Folder> flat() {
    Promise<Folder> done = Promise.promise();
    flatPage(null, new ArrayList<>(), new boolean[] {true}, done);
    return done.future();
  }

  private void flatPage(
      String token, List<ListedObject> objects, boolean[] empty, Promise<Folder> done) {
    request(root, null, token, false)
        .onFailure(done::fail)
        .onSuccess(
            page -> {
              for (S3Object object : page.contents()) {
                empty[0] = false;
                add(object, objects);
              }
              String next = page.nextContinuationToken();
              if (Boolean.TRUE.equals(page.isTruncated()) && next != null) {
                flatPage(next, objects, empty, done);
              } else {
                done.complete(new Folder(objects, empty[0]));
              }
            });
  }

  // --- by folder ----------------------------------------------------------------------------

  private Future<Folder> byFolder(String prefix) {
    Promise<Folder> ownPages = Promise.promise();
    List<ListedObject> objects = new ArrayList<>();
    List<String> subfolders = new ArrayList<>();
    folderPage(prefix, null, objects, subfolders, ownPages);
    return ownPages
        .future()
        .compose(
            own -> {
              List<Future<Folder>> below = new ArrayList<>();
              for (String subfolder : subfolders) {
                below.add(byFolder(subfolder));
              }
              return Future.all(below)
                  .map(
                      all -> {
                        List<ListedObject> parquet = new ArrayList<>(own.parquet());
                        for (Future<Folder> folder : below) {
                          parquet.addAll(folder.result().parquet());
                        }
                        return new Folder(parquet, own.empty());
                      });
            });
  }

  private void folderPage(
      String prefix,
      String token,
      List<ListedObject> objects,
      List<String> subfolders,
      Promise<Folder> done) {
    request(prefix, "/", token, true)
        .onFailure(done::fail)
        .onSuccess(
            page -> {
              page.contents().forEach(object -> add(object, objects));
              for (CommonPrefix common : page.commonPrefixes()) {
                String name = common.prefix().substring(prefix.length());
                String segment = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                if (!PartitionPath.isHidden(segment)) {
                  subfolders.add(common.prefix());
                }
              }
              boolean empty =
                  token == null && page.contents().isEmpty() && page.commonPrefixes().isEmpty();
              String next = page.nextContinuationToken();
              if (Boolean.TRUE.equals(page.isTruncated()) && next != null) {
                folderPage(prefix, next, objects, subfolders, done);
              } else {
                done.complete(new Folder(objects, empty));
              }
            });
  }

  // --- requests -----------------------------------------------------------------------------

  /** One LIST page, unless the other listing answered; {@code limited} ones wait for a slot. */
  private Future<ListObjectsV2Response> request(
      String prefix, String delimiter, String token, boolean limited) {
    Promise<ListObjectsV2Response> page = Promise.promise();
    Runnable send =
        () -> {
          if (answered) {
            // Later, not here: failing now would run the next queued request from this one's
            // release, as deep as the queue is long.
            context.runOnContext(v -> page.fail(new Stopped()));
            return;
          }
          ListObjectsV2Request request =
              ListObjectsV2Request.builder()
                  .bucket(location.bucket())
                  .prefix(prefix)
                  .delimiter(delimiter)
                  .maxKeys(pageSize)
                  .continuationToken(token)
                  .build();
          try {
            Future.fromCompletionStage(s3.listObjectsV2(request), context).onComplete(page);
          } catch (RuntimeException e) {
            page.fail(e); // refused before any I/O: the slot is released all the same
          }
        };
    if (!limited) {
      send.run();
      return page.future();
    }
    waiting.add(send);
    next();
    return page.future().onComplete(done -> release());
  }

  private void next() {
    while (inFlight < IN_FLIGHT && !waiting.isEmpty()) {
      inFlight++;
      waiting.remove().run();
    }
  }

  private void release() {
    inFlight--;
    next();
  }

  private void add(S3Object object, List<ListedObject> objects) {
    String relative = object.key().substring(root.length());
    if (ObjectLister.isParquet(relative)) {
      objects.add(
          new ListedObject(
              "s3://" + location.bucket() + "/" + object.key(),
              relative,
              object.size(),
              ObjectLister.version(object.eTag())));
    }
  }
}
