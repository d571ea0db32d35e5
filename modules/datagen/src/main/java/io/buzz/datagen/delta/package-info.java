/**
 * Delta Lake tables written without Spark, for the sample's Delta table ({@code
 * io.buzz.datagen.TaxiDeltaGenerator}) and the tests. {@link io.buzz.datagen.delta.DeltaLogWriter}
 * writes the transaction log by hand as the protocol lays it out (protocol, metadata, add, remove
 * and commitInfo actions; one JSON file per commit, its timestamp as the file's modification time);
 * {@link io.buzz.datagen.delta.DeltaStats} computes an add action's per-file statistics with
 * DuckDB; {@link io.buzz.datagen.delta.DeletionVectorWriter} writes deletion vectors inline or in a
 * file beside the data; {@link io.buzz.datagen.delta.DeltaCheckpoints} writes checkpoints with
 * Delta Kernel's own writer. Data files are written by DuckDB beside the log. The Fuse reads these
 * tables in {@code io.buzz.fuse.catalog.delta}.
 */
package io.buzz.datagen.delta;
