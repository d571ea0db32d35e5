package io.buzz.kernels.aggregate;

/**
 * One group's mergeable sketch (an approximate aggregate's state): it folds values in, merges
 * another sketch's encoding, and encodes itself as a VARBINARY partial state. Mutators return the
 * change in bytes held, so {@link SketchAccumulator} keeps its memory figure without walking every
 * group.
 */
interface GroupSketch {
  /**
   * Folds the encoded sketch {@code bytes[from, to)} into this one.
   *
   * @return the change in {@link #memoryBytes()}
   * @throws io.buzz.kernels.KernelException INTERNAL when the encoding is malformed
   */
  long merge(byte[] bytes, int from, int to);

  /** The size of {@link #encode}'s output. */
  int encodedSize();

  /** Writes the encoding to {@code out[at, at + encodedSize())}. */
  void encode(byte[] out, int at);

  /** Bytes held, approximately (object headers included). */
  long memoryBytes();
}
