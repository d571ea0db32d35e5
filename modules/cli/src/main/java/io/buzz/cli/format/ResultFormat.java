package io.buzz.cli.format;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The output formats of {@code buzz query --format}. Text formats write characters (UTF-8 when
 * given bytes); binary formats write bytes only, and are never written to a terminal.
 */
public enum ResultFormat {
  /** A boxed table for people; buffers the rows to size the columns. */
  TABLE(false) {
    @Override
    public ResultWriter writer(Writer out, FormatOptions options) {
      return new TableWriter(out, options.maxWidth());
    }
  },
  /** RFC 4180: header row, CRLF line ends, quotes where needed, NULL as an empty field. */
  CSV(false) {
    @Override
    public ResultWriter writer(Writer out, FormatOptions options) {
      return DelimitedWriter.csv(out);
    }
  },
  /** One line per row, values separated by tabs, NULL as nothing, no header. */
  TEXT(false) {
    @Override
    public ResultWriter writer(Writer out, FormatOptions options) {
      return DelimitedWriter.text(out);
    }
  },
  /** A JSON array with one object per row; NULL as null, numbers unquoted. */
  JSON(false) {
    @Override
    public ResultWriter writer(Writer out, FormatOptions options) {
      return new JsonWriter(out);
    }
  },
  /** The Arrow IPC stream format, a message per batch. */
  ARROW(true) {
    @Override
    public ResultWriter writer(OutputStream out, FormatOptions options) {
      return new ArrowStreamResultWriter(out);
    }
  },
  /** One Parquet file, a row group per {@code options.parquet()} rows or bytes. */
  PARQUET(true) {
    @Override
    public ResultWriter writer(OutputStream out, FormatOptions options) {
      return new ParquetResultWriter(out, options.parquet());
    }
  };

  private final boolean binary;

  ResultFormat(boolean binary) {
    this.binary = binary;
  }

  /** True for formats made of bytes for programs rather than text for people. */
  public boolean binary() {
    return binary;
  }

  /** The format's lower-case name, as {@code --format} takes it. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A writer of this format onto {@code out}, text in UTF-8. The writer flushes {@code out} when it
   * finishes and never closes it.
   */
  public ResultWriter writer(OutputStream out, FormatOptions options) {
    return writer(
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16), options);
  }

  /**
   * A writer of this text format onto {@code out}, which it flushes when it finishes.
   *
   * @throws IllegalStateException for a binary format
   */
  public ResultWriter writer(Writer out, FormatOptions options) {
    throw new IllegalStateException(optionName() + " is a binary format: it writes bytes");
  }

  /** A writer of this text format with the default options. */
  public ResultWriter writer(Writer out) {
    return writer(out, FormatOptions.DEFAULTS);
  }

  public static ResultFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + name + "'; expected one of table, csv, text, json, arrow, parquet");
    }
  }
}
