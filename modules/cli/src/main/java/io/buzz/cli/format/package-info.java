/**
 * The output formats of {@code buzz query}: {@link io.buzz.cli.format.ResultFormat} names them and
 * makes their {@link io.buzz.cli.format.ResultWriter}s, which take the result's schema, then its
 * batches as they arrive, then finish. Text formats ({@code TableWriter}, {@code DelimitedWriter},
 * {@code JsonWriter}) render values with {@code ValueFormatter}; binary ones stream bytes: the
 * Arrow IPC stream ({@code ArrowStreamResultWriter}) and Parquet ({@code ParquetResultWriter} over
 * the {@code parquet} sub-package's writer). Where the bytes go (standard output, a file) is the
 * caller's.
 */
package io.buzz.cli.format;
