package io.buzz.cli.format;

import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Rows as delimited lines, streamed batch by batch: {@link #csv} (RFC 4180) or {@link #text} (tab
 * separated, no header).
 */
final class DelimitedWriter implements ResultWriter {
  private final Writer out;
  private final char separator;
  private final String lineEnd;
  private final boolean header;
  private final UnaryOperator<String> escape;

  private DelimitedWriter(
      Writer out, char separator, String lineEnd, boolean header, UnaryOperator<String> escape) {
    this.out = out;
    this.separator = separator;
    this.lineEnd = lineEnd;
    this.header = header;
    this.escape = escape;
  }

  /** RFC 4180: a header row, CRLF line ends, quotes where needed, NULL as an empty field. */
  static DelimitedWriter csv(Writer out) {
    return new DelimitedWriter(out, ',', "\r\n", true, DelimitedWriter::quote);
  }

  /**
   * Plain lines for {@code cut}, {@code grep} and the lines of an {@code EXPLAIN}: values separated
   * by a tab, LF line ends, NULL as nothing, no header, no quoting.
   */
  static DelimitedWriter text(Writer out) {
    return new DelimitedWriter(out, '\t', "\n", false, UnaryOperator.identity());
  }

  @Override
  public void start(Schema schema) throws IOException {
    if (!header) {
      return;
    }
    boolean first = true;
    for (Field field : schema.getFields()) {
      if (!first) {
        out.write(separator);
      }
      first = false;
      out.write(escape.apply(field.getName()));
    }
    out.write(lineEnd);
  }

  @Override
  public void write(VectorSchemaRoot batch) throws IOException {
    int columns = batch.getFieldVectors().size();
    for (int row = 0; row < batch.getRowCount(); row++) {
      for (int column = 0; column < columns; column++) {
        if (column > 0) {
          out.write(separator);
        }
        String value = ValueFormatter.format(batch.getVector(column), row);
        if (value != null) {
          out.write(escape.apply(value));
        }
      }
      out.write(lineEnd);
    }
  }

  @Override
  public void finish() throws IOException {
    out.flush();
  }

  /**
   * Quotes a field that contains a comma, a double quote, CR or LF, or that is empty (so an empty
   * string stays distinguishable from NULL), doubling inner quotes.
   */
  static String quote(String value) {
    boolean needsQuotes = value.isEmpty();
    for (int i = 0; i < value.length() && !needsQuotes; i++) {
      char c = value.charAt(i);
      needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!needsQuotes) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
