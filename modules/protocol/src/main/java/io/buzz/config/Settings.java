package io.buzz.config;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Named settings read from layered sources — a properties file, then environment variables, then
 * explicit overrides, each later source winning — with typed getters whose errors name the setting
 * and where its value came from ({@link ErrorCode#INVALID_CONFIG}).
 *
 * <p>A setting has one canonical name in lower-case dotted form ({@code buzz.aws.region}); its
 * environment variable is the same name upper-cased with dots as underscores ({@code
 * BUZZ_AWS_REGION}). Immutable.
 */
public final class Settings {
  private record Value(String text, String source) {}

  private final Map<String, Value> values;

  private Settings(Map<String, Value> values) {
    this.values = values;
  }

  public static Settings empty() {
    return new Settings(Map.of());
  }

  /**
   * The environment variable that carries {@code name}: {@code buzz.aws.region → BUZZ_AWS_REGION}.
   */
  public static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** These settings, then {@code file}'s properties on top; a missing file is an error. */
  public Settings withFile(Path file) {
    requireNonNull(file, "file is null");
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw invalid("configuration file " + file + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      throw invalid("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, Value> merged = new LinkedHashMap<>(values);
    for (String key : properties.stringPropertyNames()) {
      merged.put(key.trim(), new Value(properties.getProperty(key).trim(), file.toString()));
    }
    return new Settings(merged);
  }

  /**
   * These settings with every environment variable that carries one of {@code names} on top.
   *
   * @param environment usually {@link System#getenv()}
   */
  public Settings withEnvironment(Map<String, String> environment, List<String> names) {
    Map<String, Value> merged = new LinkedHashMap<>(values);
    for (String name : names) {
      String variable = environmentName(name);
      String text = environment.get(variable);
      if (text != null && !text.isBlank()) {
        merged.put(name, new Value(text.trim(), "environment variable " + variable));
      }
    }
    return new Settings(merged);
  }

  /** These settings with {@code name} set to {@code text} from {@code source} (e.g. a flag). */
  public Settings with(String name, String text, String source) {
    Map<String, Value> merged = new LinkedHashMap<>(values);
    merged.put(requireNonNull(name, "name is null"), new Value(text, source));
    return new Settings(merged);
  }

  /** Names set in these settings that are not in {@code known}: likely typos, worth an error. */
  public List<String> unknown(List<String> known) {
    List<String> unknown = new ArrayList<>();
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        unknown.add(name + " (" + values.get(name).source() + ")");
      }
    }
    return unknown;
  }

  public Optional<String> optional(String name) {
    Value value = values.get(name);
    return value == null || value.text().isEmpty() ? Optional.empty() : Optional.of(value.text());
  }

  /** A required setting; its absence is an error naming it and its environment variable. */
  public String required(String name) {
    return optional(name)
        .orElseThrow(
            () ->
                invalid(
                    "the setting "
                        + name
                        + " is required (set it in the configuration file or as "
                        + environmentName(name)
                        + ")"));
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** A comma-separated list; empty when unset. */
  public List<String> list(String name) {
    List<String> items = new ArrayList<>();
    for (String item : optional(name).orElse("").split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw wrong(name, "is not a whole number");
    }
    if (value < min || value > max) {
      throw wrong(name, "must be between " + min + " and " + max);
    }
    return value;
  }

  public double decimal(String name, double defaultValue) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      double value = Double.parseDouble(text.get());
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw wrong(name, "must be a non-negative number");
      }
      return value;
    } catch (NumberFormatException e) {
      throw wrong(name, "is not a number");
    }
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    return switch (text.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw wrong(name, "must be true or false");
    };
  }

  /** A duration as ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}. */
  public Duration duration(String name, Duration defaultValue) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    String t = text.get().toLowerCase(Locale.ROOT);
    try {
      Duration value;
      if (t.startsWith("pt") || t.startsWith("p")) {
        value = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        value = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      } else if (t.endsWith("s")) {
        value = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else if (t.endsWith("m")) {
        value = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else {
        throw wrong(name, "needs a unit, e.g. 500ms, 30s, 5m or PT30S");
      }
      if (value.isNegative() || value.isZero()) {
        throw wrong(name, "must be positive");
      }
      return value;
    } catch (NumberFormatException | DateTimeParseException e) {
      throw wrong(name, "is not a duration (e.g. 500ms, 30s, 5m or PT30S)");
    }
  }

  /** An absolute http(s) URI, e.g. an endpoint override. */
  public Optional<URI> endpoint(String name) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw wrong(name, "must be an http:// or https:// URL with a host");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw wrong(name, "is not a URL: " + e.getMessage());
    }
  }

  /** An error about setting {@code name}, naming where its value came from. */
  public BuzzException wrong(String name, String problem) {
    Value value = values.get(name);
    String where = value == null ? "" : " (" + value.source() + ")";
    String shown = value == null ? "" : " '" + value.text() + "'";
    return invalid("the setting " + name + shown + where + " " + problem);
  }

  private static BuzzException invalid(String message) {
    return new BuzzException(ErrorCode.INVALID_CONFIG, message);
  }
}
