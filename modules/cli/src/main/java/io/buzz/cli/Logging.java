package io.buzz.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The command line's one logging configuration: logback, configured by {@code logback.xml} in the
 * CLI's jar (warnings and errors on stderr; Buzz's own messages from INFO), or by a file given with
 * {@code BUZZ_JAVA_OPTS=-Dlogback.configurationFile=FILE}. java.util.logging and System.Logger
 * messages go there too; {@code --log-level} overrides the level of everything.
 */
final class Logging {
  static final String LEVELS = "error, warn, info, debug, trace or off";

  private Logging() {}

  /** Routes java.util.logging through SLF4J (System.Logger goes there by its service provider). */
  static void bridgeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /**
   * Sets every logger to {@code name}'s level.
   *
   * @throws IllegalArgumentException naming the option when {@code name} is not a level
   */
  static void setLevel(String name) {
    String normalized = name.strip().toUpperCase(Locale.ROOT);
    Level level = Level.toLevel(normalized, null);
    if (level == null) {
      throw new IllegalArgumentException(
          "--log-level must be one of " + LEVELS + ", got '" + name + "'");
    }
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    for (Logger logger : root.getLoggerContext().getLoggerList()) {
      if (logger != root) {
        logger.setLevel(null); // inherit the root's
      }
    }
    root.setLevel(level);
    // java.util.logging filters before the bridge sees a record: let everything through to it
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.ALL);
  }
}
