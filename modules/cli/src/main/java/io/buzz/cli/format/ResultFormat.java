package io.buzz.cli.format;

import java.io.Writer;
import java.util.Locale;

/** The output formats of {@code buzz query --format}. */
public enum ResultFormat {
  /** A boxed table for people; buffers the rows to size the columns. */
  TABLE {
    @Override
    public ResultWriter writer(Writer out) {
      return new TableWriter(out);
    }
  },
  /** RFC 4180: header row, CRLF line ends, quotes where needed, NULL as an empty field. */
  CSV {
    @Override
    public ResultWriter writer(Writer out) {
      return new CsvWriter(out);
    }
  },
  /** A JSON array with one object per row; NULL as null, numbers unquoted. */
  JSON {
    @Override
    public ResultWriter writer(Writer out) {
      return new JsonWriter(out);
    }
  };

  public abstract ResultWriter writer(Writer out);

  public static ResultFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + name + "'; expected one of table, csv, json");
    }
  }
}
