package io.buzz.kernels.expr;

/**
 * The six comparisons. Each carries a 3-bit mask of the orderings it accepts (bit 0: less, bit 1:
 * equal, bit 2: greater), so a kernel turns a three-way comparison {@code c} in {-1, 0, 1} into the
 * result with {@code (mask >>> (c + 1)) & 1}, without branching on the operation per row.
 */
public enum ComparisonOperation {
  EQUAL("=", 0b010),
  NOT_EQUAL("<>", 0b101),
  LESS_THAN("<", 0b001),
  LESS_THAN_OR_EQUAL("<=", 0b011),
  GREATER_THAN(">", 0b100),
  GREATER_THAN_OR_EQUAL(">=", 0b110);

  private final String symbol;
  private final int mask;

  ComparisonOperation(String symbol, int mask) {
    this.symbol = symbol;
    this.mask = mask;
  }

  public String symbol() {
    return symbol;
  }

  /** The accepted orderings: bit 0 less, bit 1 equal, bit 2 greater. */
  public int mask() {
    return mask;
  }
}
