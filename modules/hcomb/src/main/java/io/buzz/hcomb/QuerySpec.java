package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.exec.HCombMerge;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What a query is registered with on the HComb. Immutable.
 *
 * @param taskCount tasks are numbered {@code 0 .. taskCount - 1}
 * @param merge the compiled HComb plan
 * @param memoryLimitBytes merge state (all attempts and the query's state) the query may hold
 */
record QuerySpec(String id, String token, int taskCount, HCombMerge merge, long memoryLimitBytes) {
  QuerySpec {
    requireNonNull(id, "id is null");
    requireNonNull(token, "token is null");
    requireNonNull(merge, "merge is null");
  }

  /** Compares in constant time, so response times do not leak the token. */
  boolean tokenMatches(String candidate) {
    return MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }
}
