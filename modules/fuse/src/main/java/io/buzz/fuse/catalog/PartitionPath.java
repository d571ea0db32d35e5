package io.buzz.fuse.catalog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hive-style partition values in a file's path relative to the table root: each directory segment
 * {@code key=value} gives the file a value for {@code key}. Values are URL-decoded the way Hive
 * escapes them; {@code __HIVE_DEFAULT_PARTITION__} stands for NULL.
 */
final class PartitionPath {
  static final String HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";

  private PartitionPath() {}

  /** True for names that table listings skip: hidden ({@code .x}) and metadata ({@code _x}). */
  static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  /**
   * The key/value pairs of {@code relativePath}'s directory segments, in path order (the last
   * segment is the file name and carries none). A NULL value is mapped to {@code null}.
   */
  static Map<String, String> parse(String relativePath) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] segments = relativePath.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      String segment = segments[i];
      int eq = segment.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = decode(segment.substring(0, eq));
      String value = decode(segment.substring(eq + 1));
      values.put(key, value.equals(HIVE_NULL) ? null : value);
    }
    return values;
  }

  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
