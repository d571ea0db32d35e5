/**
 * Test fixtures the modules share: an embedded S3-compatible server, DuckDB-written Parquet files,
 * waits and the blocked-thread watch. Used in test scope only.
 */
package io.buzz.testing;
