/**
 * Test fixtures the modules share: an embedded S3-compatible server, DuckDB-written Parquet files,
 * Parquet files with a page index ({@link io.buzz.testing.PageIndexedParquet}, which DuckDB does
 * not write), waits and the blocked-thread watch. Used in test scope only.
 */
package io.buzz.testing;
