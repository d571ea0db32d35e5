/**
 * Delta Lake catalogs ({@code "type": "DeltaLake"}): Delta Kernel reads the table's {@code
 * _delta_log} in the Fuse, at the latest version or one chosen by version or timestamp, and the
 * table becomes plain files with typed partition values for the HBees. Kernel, parquet-mr and
 * Hadoop's client classes stay in the Fuse; HBees and HCombs never load them.
 */
package io.buzz.fuse.catalog.delta;
