/**
 * The data every kernel shares. A {@link io.buzz.kernels.batch.Batch} is equally long Arrow columns
 * with their schema, the unit operators consume and produce; it owns its vectors, and handing it to
 * an operator hands over that ownership. {@link io.buzz.kernels.batch.ColumnType} names the value
 * types kernels compute with, one Arrow type and vector class each; {@link
 * io.buzz.kernels.batch.Decimal128} is the arithmetic of DECIMAL128 values held in two longs.
 *
 * <p>Rows are picked in two ways: a {@link io.buzz.kernels.batch.Selection} lists rows of one batch
 * (a filter's output, read by the next operator instead of a copy), while {@link
 * io.buzz.kernels.batch.RowRanges} lists rows of a whole Parquet row group before any batch exists
 * (a page-level filter's answer, so the reader leaves out pages). {@link
 * io.buzz.kernels.batch.DictionaryIds}, a hint a Parquet reader attaches beside a decoded column,
 * lets grouping and comparisons work once per dictionary entry instead of once per row.
 */
package io.buzz.kernels.batch;
