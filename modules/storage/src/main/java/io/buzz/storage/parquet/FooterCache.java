package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.buzz.storage.io.ByteSource;
import io.vertx.core.Future;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed Parquet footers kept across queries, so a warm process opens a file it has seen without
 * reading or parsing its footer again. Entries are keyed by object identity — URI, size and the
 * version the listing saw (an S3 ETag or a local modification time) — so another version of a file
 * is another entry, never a stale hit; a file without a known version is never cached. Bounded by
 * the bytes each reader keeps (its footer's size, a measure of the parsed metadata, and the tail
 * bytes kept for the page index), least recently used first out.
 *
 * <p>Thread-safe; open from any thread.
 */
public final class FooterCache {
  private record Key(String uri, long length, String version) {}

  private final long capacityBytes;
  private final LinkedHashMap<Key, ParquetFileReader> entries =
      new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;

  /**
   * @param capacityBytes the most footer bytes kept; 0 disables the cache
   */
  public FooterCache(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes must not be negative: " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
  }

  /**
   * A reader of {@code source}: from the cache when the same version of the file was opened before,
   * else opened (footer read and parsed) and remembered.
   *
   * @param length the object's size as listed; a file of another size is not cached
   * @param version the object's version as listed; empty means unknown, and nothing is cached
   */
  public Future<ParquetFileReader> open(ByteSource source, long length, String version) {
    return open(source, length, version, false);
  }

  /**
   * The same, for a reader that goes on to scan the file: when it is not cached and is small, its
   * first read takes the whole file ({@link ParquetFileReader#openListed}).
   */
  public Future<ParquetFileReader> openToScan(ByteSource source, long length, String version) {
    return open(source, length, version, true);
  }

  private Future<ParquetFileReader> open(
      ByteSource source, long length, String version, boolean scan) {
    requireNonNull(source, "source is null");
    requireNonNull(version, "version is null");
    if (capacityBytes == 0 || version.isEmpty() || length <= 0) {
      return ParquetFileReader.openListed(source, scan ? length : 0);
    }
    Key key = new Key(source.uri(), length, version);
    ParquetFileReader cached;
    synchronized (this) {
      cached = entries.get(key);
      if (cached != null) {
        hits++;
      } else {
        misses++;
      }
    }
    if (cached != null) {
      return Future.succeededFuture(cached.withSource(source));
    }
    return ParquetFileReader.openListed(source, scan ? length : 0)
        .onSuccess(
            reader -> {
              if (reader.fileLength() == length) {
                put(key, reader.forCache());
              }
            });
  }

  private synchronized void put(Key key, ParquetFileReader reader) {
    long weight = reader.retainedBytes();
    if (weight > capacityBytes) {
      return;
    }
    ParquetFileReader previous = entries.put(key, reader);
    bytes += weight - (previous == null ? 0 : previous.retainedBytes());
    Iterator<Map.Entry<Key, ParquetFileReader>> eldest = entries.entrySet().iterator();
    while (bytes > capacityBytes && eldest.hasNext()) {
      Map.Entry<Key, ParquetFileReader> entry = eldest.next();
      bytes -= entry.getValue().retainedBytes();
      eldest.remove();
    }
  }

  /** Opens answered from the cache. */
  public synchronized long hits() {
    return hits;
  }

  /** Opens that had to read the footer (cacheable ones only). */
  public synchronized long misses() {
    return misses;
  }

  /** Footer bytes held. */
  public synchronized long bytes() {
    return bytes;
  }
}
