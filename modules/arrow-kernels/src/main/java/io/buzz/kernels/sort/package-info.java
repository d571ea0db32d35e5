/**
 * ORDER BY with OFFSET and FETCH: {@link io.buzz.kernels.sort.SortOperator} runs a full sort (keys
 * extracted to primitive arrays, radix sort on a normalised prefix, typed comparators for ties,
 * then a gather of the rows) or, with a fetch, a top-N whose memory is bounded by {@code offset +
 * fetch} rows plus a candidate buffer. Top-N states of several HBees or task attempts merge with
 * {@code absorb}.
 */
package io.buzz.kernels.sort;
