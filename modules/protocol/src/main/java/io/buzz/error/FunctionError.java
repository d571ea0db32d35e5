package io.buzz.error;

/**
 * What a Buzz Lambda function (the HBee's, the Fuse's) throws when it fails as a whole. The Lambda
 * runtime reports it as a function error whose {@code errorType} is this class and whose {@code
 * errorMessage} starts with the Buzz error code in brackets, e.g. {@code [INVALID_CONFIG] the
 * setting aws.region is required …}; callers read the code back with {@link #codeOf(String)}.
 */
public final class FunctionError extends RuntimeException {
  private static final java.util.regex.Pattern BRACKETED =
      java.util.regex.Pattern.compile("\\[([A-Z_]+)\\]\\s*");

  public FunctionError(BuzzException cause) {
    super("[" + cause.code().name() + "] " + cause.getMessage(), cause);
  }

  /**
   * The error an {@code errorMessage} of this kind stands for: its bracketed code and the rest of
   * the message; empty when the message does not start with a known code.
   */
  public static java.util.Optional<BuzzException> codeOf(String errorMessage) {
    java.util.regex.Matcher matcher = BRACKETED.matcher(errorMessage);
    if (!matcher.lookingAt()) {
      return java.util.Optional.empty();
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (code.name().equals(matcher.group(1))) {
        return java.util.Optional.of(
            new BuzzException(code, errorMessage.substring(matcher.end())));
      }
    }
    return java.util.Optional.empty();
  }
}
