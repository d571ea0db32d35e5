package io.buzz.kernels.expr;

/**
 * The binary arithmetic operations over INT32, INT64 and FLOAT64. Both operands and the result
 * share one type. Integer overflow and integer division or modulo by zero are errors; integer
 * division truncates toward zero and modulo takes the sign of the dividend (as Java's {@code /} and
 * {@code %}); FLOAT64 follows IEEE 754 (division by zero gives an infinity or NaN).
 */
public enum ArithmeticOperation {
  ADD("+"),
  SUBTRACT("-"),
  MULTIPLY("*"),
  DIVIDE("/"),
  MODULO("%");

  private final String symbol;

  ArithmeticOperation(String symbol) {
    this.symbol = symbol;
  }

  /** The SQL operator, for messages. */
  public String symbol() {
    return symbol;
  }
}
