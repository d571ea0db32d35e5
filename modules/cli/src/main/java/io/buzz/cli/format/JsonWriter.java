package io.buzz.cli.format;

import io.buzz.kernels.batch.ColumnType;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** A JSON array of row objects, streamed batch by batch. */
final class JsonWriter implements ResultWriter {
  private final Writer out;
  private List<String> names;
  private boolean[] unquoted;
  private boolean firstRow = true;

  JsonWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void start(Schema schema) throws IOException {
    names = schema.getFields().stream().map(Field::getName).map(JsonWriter::string).toList();
    unquoted = new boolean[names.size()];
    for (int i = 0; i < unquoted.length; i++) {
      ColumnType type = ColumnType.of(schema.getFields().get(i).getType());
      unquoted[i] = type.isNumeric() || type == ColumnType.BOOL;
    }
    out.write('[');
  }

  @Override
  public void write(VectorSchemaRoot batch) throws IOException {
    List<FieldVector> vectors = batch.getFieldVectors();
    for (int row = 0; row < batch.getRowCount(); row++) {
      out.write(firstRow ? "\n  {" : ",\n  {");
      firstRow = false;
      for (int column = 0; column < vectors.size(); column++) {
        if (column > 0) {
          out.write(", ");
        }
        out.write(names.get(column));
        out.write(": ");
        FieldVector vector = vectors.get(column);
        String value = ValueFormatter.format(vector, row);
        if (value == null) {
          out.write("null");
        } else if (unquoted[column] && isJsonLiteral(value)) {
          out.write(value);
        } else {
          out.write(string(value));
        }
      }
      out.write('}');
    }
  }

  @Override
  public void finish() throws IOException {
    out.write(firstRow ? "]\n" : "\n]\n");
    out.flush();
  }

  /** NaN and infinities have no JSON number form; they are written as strings. */
  private static boolean isJsonLiteral(String value) {
    return !value.equals("nan") && !value.equals("inf") && !value.equals("-inf");
  }

  static String string(String value) {
    StringBuilder text = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.append('"').toString();
  }
}
