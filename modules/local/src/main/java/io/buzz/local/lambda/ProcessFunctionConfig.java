package io.buzz.local.lambda;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A function as the Lambda twin's process environments run it: its deployment package, handler,
 * memory, timeout and environment, and the JVM flags of the runtime.
 *
 * @param functionName as in {@code AWS_LAMBDA_FUNCTION_NAME}
 * @param code the deployment zip ({@code lib/*.jar}, as built by {@code make package})
 * @param handler {@code class::method}, e.g. {@code io.buzz.hbee.lambda.HBeeHandler::handleRequest}
 * @param memoryMb the function's memory; the heap gets 85% of it, as the managed runtime does
 * @param timeout an invocation running longer is ended like Lambda ends it: the environment is
 *     killed and the caller gets a {@code Sandbox.Timedout} function error
 * @param environment the function's environment variables
 * @param jvmFlags flags of the runtime's JVM; {@link #MANAGED_RUNTIME_FLAGS} imitates the Java 21
 *     managed runtime (tiered compilation stopped at C1, serial GC, class-data sharing)
 * @param idleTimeout how long an environment stays warm without an invocation before it is stopped
 * @param logDirectory where each environment's stdout and stderr go (its "CloudWatch log stream")
 */
public record ProcessFunctionConfig(
    String functionName,
    Path code,
    String handler,
    int memoryMb,
    Duration timeout,
    Map<String, String> environment,
    List<String> jvmFlags,
    Duration idleTimeout,
    Path logDirectory) {

  public static final List<String> MANAGED_RUNTIME_FLAGS =
      List.of(
          "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  public static final String HBEE_HANDLER = "io.buzz.hbee.lambda.HBeeHandler::handleRequest";

  public ProcessFunctionConfig {
    requireNonNull(functionName, "functionName is null");
    requireNonNull(code, "code is null");
    requireNonNull(handler, "handler is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(idleTimeout, "idleTimeout is null");
    requireNonNull(logDirectory, "logDirectory is null");
    environment = Map.copyOf(environment);
    jvmFlags = List.copyOf(jvmFlags);
    if (memoryMb < 128 || memoryMb > 10240) {
      throw new IllegalArgumentException("memoryMb must be 128 to 10240, as on Lambda");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (!handler.contains("::")) {
      throw new IllegalArgumentException("handler must be class::method, got " + handler);
    }
  }

  /** The HBee function from {@code code}, 1769 MB (one vCPU), 60 s, the managed runtime's flags. */
  public static ProcessFunctionConfig hbee(
      String functionName, Path code, Map<String, String> environment, Path logDirectory) {
    return new ProcessFunctionConfig(
        functionName,
        code,
        HBEE_HANDLER,
        1769,
        Duration.ofSeconds(60),
        environment,
        MANAGED_RUNTIME_FLAGS,
        Duration.ofMinutes(5),
        logDirectory);
  }

  public ProcessFunctionConfig withTimeout(Duration newTimeout) {
    return new ProcessFunctionConfig(
        functionName,
        code,
        handler,
        memoryMb,
        newTimeout,
        environment,
        jvmFlags,
        idleTimeout,
        logDirectory);
  }

  public ProcessFunctionConfig withMemoryMb(int mb) {
    return new ProcessFunctionConfig(
        functionName, code, handler, mb, timeout, environment, jvmFlags, idleTimeout, logDirectory);
  }

  public ProcessFunctionConfig withJvmFlags(List<String> flags) {
    return new ProcessFunctionConfig(
        functionName,
        code,
        handler,
        memoryMb,
        timeout,
        environment,
        flags,
        idleTimeout,
        logDirectory);
  }
}
