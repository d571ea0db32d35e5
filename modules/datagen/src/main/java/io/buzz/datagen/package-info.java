/**
 * Deterministic data sets for the sample ({@code make sample}), the tests and the bench, written as
 * Parquet by DuckDB: every value is a function of the row number, so the same spec gives the same
 * files. {@link io.buzz.datagen.TaxiDataGenerator} writes the NYC-taxi-like table of a {@link
 * io.buzz.datagen.TaxiDataSpec}, Hive-partitioned by day; {@link
 * io.buzz.datagen.TaxiDeltaGenerator} writes the same trips as a Delta table with a few commits
 * (appends, deletes, a checkpoint, a deletion vector); {@link io.buzz.datagen.WideDataGenerator}
 * writes the 107-column table of {@link io.buzz.datagen.WideSql} for a {@link
 * io.buzz.datagen.WideDataSpec}. Each data set is written to a temporary sibling directory, moved
 * into place, and reused when its marker says it was generated ({@code StagedDataSet}). {@link
 * io.buzz.datagen.TaxiDataMain} is {@code bin/buzz-datagen}; the Delta log is written by the {@code
 * delta} sub-package.
 */
package io.buzz.datagen;
