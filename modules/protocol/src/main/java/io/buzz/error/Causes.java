package io.buzz.error;

import java.util.ArrayList;
import java.util.List;

/** A failure's chain of causes, walked safely. */
public final class Causes {
  /** Causes deeper than this are not walked (cycles, pathological chains). */
  static final int MAX_DEPTH = 32;

  private Causes() {}

  /** {@code failure} and its causes, outermost first: at most {@value #MAX_DEPTH}, none twice. */
  public static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure;
        t != null && chain.size() < MAX_DEPTH && !chain.contains(t);
        t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
