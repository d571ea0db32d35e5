package io.buzz.plan.json;

import io.buzz.error.BuzzException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The instants a query may name (a Delta catalog's {@code timestamp}): ISO-8601 with an offset
 * ({@code 2026-01-01T10:00:00Z}, {@code 2026-01-01T11:00:00+01:00}), or without one, taken as UTC
 * ({@code 2026-01-01T10:00:00}, {@code 2026-01-01 10:00:00.5}, {@code 2026-01-01} for midnight).
 */
final class Timestamps {
  private Timestamps() {}

  /**
   * @param path the JSON path, for the message
   * @throws BuzzException BAD_QUERY naming the path and the accepted forms
   */
  static Instant parse(String text, String path) {
    String value = text.strip();
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      String iso =
          value.length() > 10 && value.charAt(10) == ' ' ? value.replaceFirst(" ", "T") : value;
      if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw BuzzException.badQuery(
          path
              + " '"
              + text
              + "' is not a timestamp; use ISO-8601 such as 2026-01-01T10:00:00Z,"
              + " 2026-01-01 10:00:00 (UTC) or 2026-01-01 (midnight UTC)");
    }
  }
}
