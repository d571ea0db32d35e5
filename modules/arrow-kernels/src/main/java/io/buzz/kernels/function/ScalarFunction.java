package io.buzz.kernels.function;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.Expression;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One scalar function, described once: how plans name it, how SQL calls it, which operand types it
 * takes and what it returns, and the kernel that computes it. NULL in any operand gives NULL
 * (strict), so a call is nullable exactly when an operand is.
 *
 * @param name the wire name plans carry, lower case ({@code "lower"})
 * @param sqlNames the names SQL may call it by, upper case; the first is the one messages use; none
 *     for a function only the planner writes (date_add, of {@code x + INTERVAL ...})
 * @param signatures the operand types it accepts, each with its result type; the planner casts
 *     operands to the first signature of the call's arity whose operands they can become
 * @param bind makes the kernel for operands that match one of the signatures exactly
 * @param description one line for docs and error messages
 */
public record ScalarFunction(
    String name,
    List<String> sqlNames,
    List<Signature> signatures,
    Function<List<Expression>, Expression> bind,
    String description) {

  /** Operand types and the result type of one form of a function. */
  public record Signature(List<ColumnType> operands, ColumnType result) {
    public Signature {
      operands = List.copyOf(operands);
      requireNonNull(result, "result is null");
    }

    @Override
    public String toString() {
      return operands + " -> " + result;
    }
  }

  public ScalarFunction {
    requireNonNull(name, "name is null");
    sqlNames = List.copyOf(sqlNames);
    signatures = List.copyOf(signatures);
    requireNonNull(bind, "bind is null");
    requireNonNull(description, "description is null");
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException(name + " needs a signature");
    }
  }

  /** How messages name the function: its first SQL name, or its wire name. */
  public String displayName() {
    return sqlNames.isEmpty() ? name : sqlNames.get(0);
  }

  /** The signature whose operands are exactly {@code operands}, if any. */
  public Optional<Signature> exactly(List<ColumnType> operands) {
    return signatures.stream().filter(s -> s.operands().equals(operands)).findFirst();
  }

  /** The first signature taking {@code arity} operands, if any. */
  public Optional<Signature> forArity(int arity) {
    return signatures.stream().filter(s -> s.operands().size() == arity).findFirst();
  }

  /** How SQL writes its forms, for messages: {@code LOWER(UTF8)}. */
  public String forms() {
    StringBuilder text = new StringBuilder();
    for (Signature signature : signatures) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(displayName()).append('(');
      for (int i = 0; i < signature.operands().size(); i++) {
        text.append(i == 0 ? "" : ", ").append(signature.operands().get(i));
      }
      text.append(')');
    }
    return text.toString();
  }
}
