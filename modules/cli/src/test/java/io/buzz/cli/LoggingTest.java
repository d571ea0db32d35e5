package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One logging configuration: logback, for SLF4J, System.Logger and java.util.logging alike. */
class LoggingTest {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

  @BeforeEach
  void listen() {
    seen.start();
    root.addAppender(seen);
  }

  @AfterEach
  void restoreTheShippedConfiguration() throws Exception {
    root.detachAppender(seen);
    LoggerContext context = root.getLoggerContext();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  private boolean logged(String message) {
    return seen.list.stream().anyMatch(e -> e.getFormattedMessage().equals(message));
  }

  @Test
  void theShippedConfigurationKeepsOthersQuietAndBuzzFromInfo() {
    System.getLogger("io.buzz.cli.Example").log(System.Logger.Level.INFO, "buzz info");
    System.getLogger("org.example.Library").log(System.Logger.Level.INFO, "library info");
    System.getLogger("org.example.Library").log(System.Logger.Level.WARNING, "library warning");
    assertThat(logged("buzz info")).isTrue();
    assertThat(logged("library info")).isFalse();
    assertThat(logged("library warning")).isTrue();
  }

  @Test
  void javaUtilLoggingGoesThroughTheSameConfiguration() {
    Logging.bridgeJavaUtilLogging();
    java.util.logging.Logger.getLogger("org.example.Jul").warning("jul warning");
    java.util.logging.Logger.getLogger("org.example.Jul").info("jul info");
    assertThat(logged("jul warning")).isTrue();
    assertThat(logged("jul info")).isFalse();
  }

  @Test
  void logLevelSetsEveryLogger() {
    CliRun run = CliRun.of("--log-level", "debug", "query", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(((Logger) LoggerFactory.getLogger("io.buzz")).getEffectiveLevel())
        .isEqualTo(Level.DEBUG);
    System.getLogger("org.example.Library").log(System.Logger.Level.DEBUG, "library debug");
    assertThat(logged("library debug")).isTrue();

    CliRun quiet = CliRun.of("query", "--log-level", "error", "--help");
    assertThat(quiet.exitCode()).isZero();
    System.getLogger("io.buzz.cli.Example").log(System.Logger.Level.WARNING, "buzz warning");
    assertThat(logged("buzz warning")).isFalse();
  }

  @Test
  void anUnknownLevelIsAClearErrorNamingTheOption() {
    CliRun run = CliRun.of("--log-level", "loud", "query", "x.json");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--log-level").contains("loud").contains("error, warn");
  }
}
