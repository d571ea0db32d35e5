package io.buzz.cli.format;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A boxed text table. Rows are buffered as strings to size the columns; numbers align right, NULL
 * shows as {@code NULL}, long values are cut at {@link #MAX_WIDTH} characters.
 */
final class TableWriter implements ResultWriter {
  static final int MAX_WIDTH = 60;
  private final Writer out;
  private final List<String[]> rows = new ArrayList<>();
  private List<String> names;
  private boolean[] numeric;

  TableWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void start(Schema schema) {
    names = schema.getFields().stream().map(Field::getName).toList();
    numeric = new boolean[names.size()];
  }

  @Override
  public void write(VectorSchemaRoot batch) {
    int columns = names.size();
    for (int column = 0; column < columns; column++) {
      numeric[column] = ValueFormatter.isNumeric(batch.getVector(column));
    }
    for (int row = 0; row < batch.getRowCount(); row++) {
      String[] values = new String[columns];
      for (int column = 0; column < columns; column++) {
        String value = ValueFormatter.format(batch.getVector(column), row);
        values[column] = value == null ? "NULL" : cut(value);
      }
      rows.add(values);
    }
  }

  @Override
  public void finish() throws IOException {
    int columns = names.size();
    int[] widths = new int[columns];
    for (int column = 0; column < columns; column++) {
      widths[column] = Math.max(1, cut(names.get(column)).length());
    }
    for (String[] row : rows) {
      for (int column = 0; column < columns; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    String rule = rule(widths);
    out.write(rule);
    writeRow(names.stream().map(TableWriter::cut).toArray(String[]::new), widths, false);
    out.write(rule);
    for (String[] row : rows) {
      writeRow(row, widths, true);
    }
    out.write(rule);
    out.write(rows.size() + (rows.size() == 1 ? " row" : " rows") + "\n");
    out.flush();
  }

  private void writeRow(String[] values, int[] widths, boolean alignNumbers) throws IOException {
    StringBuilder line = new StringBuilder("|");
    for (int column = 0; column < values.length; column++) {
      String value = values[column];
      int padding = widths[column] - value.length();
      line.append(' ');
      if (alignNumbers && numeric[column]) {
        line.append(" ".repeat(padding)).append(value);
      } else {
        line.append(value).append(" ".repeat(padding));
      }
      line.append(" |");
    }
    out.write(line.append('\n').toString());
  }

  private static String rule(int[] widths) {
    StringBuilder line = new StringBuilder("+");
    for (int width : widths) {
      line.append("-".repeat(width + 2)).append('+');
    }
    return line.append('\n').toString();
  }

  private static String cut(String value) {
    String flat = value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return flat.length() <= MAX_WIDTH ? flat : flat.substring(0, MAX_WIDTH - 1) + "…";
  }
}
