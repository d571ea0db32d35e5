/**
 * Where a query's table comes from. {@link io.buzz.fuse.catalog.Catalogs} makes the {@link
 * io.buzz.fuse.catalog.Catalog} a query's catalog entry describes — a {@link
 * io.buzz.fuse.catalog.StaticCatalog} for Parquet files under a local folder or an S3 prefix, or a
 * Delta table ({@code delta} sub-package) — and {@code Catalog.load()}, run once per query so that
 * new files are seen without a refresh, gives a {@link io.buzz.fuse.catalog.Table}: its schema, its
 * partition keys and its {@link io.buzz.fuse.catalog.TableFile}s (URI, size, version, partition
 * values; for Delta also deletion vectors and {@link io.buzz.fuse.catalog.FileStats}).
 *
 * <p>{@link io.buzz.fuse.catalog.TableLocation} parses a catalog {@code uri}; {@link
 * io.buzz.fuse.catalog.ObjectLister} lists the {@code *.parquet} objects below it without blocking
 * the event loop (a local walk on a worker thread, or S3 listed flat and by folder at once, {@code
 * S3FolderListing}); Hive-style {@code key=value} path segments become partition values ({@code
 * PartitionPath}). A static table's other columns come from the footer of its first file in path
 * order.
 */
package io.buzz.fuse.catalog;
