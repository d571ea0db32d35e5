package io.buzz.plan.model;

/**
 * The resources the reduce stage may use.
 *
 * @param zones how many HCombs share the reduce; only 1 is supported so far (see {@link
 *     QueryValidator})
 */
public record Capacity(int zones) {
  /** The capacity of a query whose JSON has no {@code capacity}: one HComb. */
  public static final Capacity DEFAULT = new Capacity(1);
}
