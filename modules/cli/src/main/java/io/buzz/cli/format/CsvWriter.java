package io.buzz.cli.format;

import java.io.IOException;
import java.io.Writer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** RFC 4180 CSV, streamed batch by batch. */
final class CsvWriter implements ResultWriter {
  private static final String CRLF = "\r\n";
  private final Writer out;

  CsvWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void start(Schema schema) throws IOException {
    boolean first = true;
    for (Field field : schema.getFields()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.write(quote(field.getName()));
    }
    out.write(CRLF);
  }

  @Override
  public void write(VectorSchemaRoot batch) throws IOException {
    int columns = batch.getFieldVectors().size();
    for (int row = 0; row < batch.getRowCount(); row++) {
      for (int column = 0; column < columns; column++) {
        if (column > 0) {
          out.write(',');
        }
        FieldVector vector = batch.getVector(column);
        String value = ValueFormatter.format(vector, row);
        if (value != null) {
          out.write(quote(value));
        }
      }
      out.write(CRLF);
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
