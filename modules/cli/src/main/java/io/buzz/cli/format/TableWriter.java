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
 * shows as {@code NULL}, line breaks and tabs as spaces. A value longer than its column is cut and
 * ends in {@code …}: no cell is wider than {@link #MAX_CELL} characters, and when the table would
 * be wider than {@code maxWidth} the widest columns shrink first, down to {@link #MIN_COLUMN}
 * characters (a table with too many columns for the width stays wider). Widths count UTF-16 chars,
 * so wide (East Asian) characters may push a line past the width.
 */
final class TableWriter implements ResultWriter {
  /** The most characters of a value a cell shows, whatever the width. */
  static final int MAX_CELL = 60;

  /** The narrowest a column is shrunk to (narrower columns stay as they are). */
  static final int MIN_COLUMN = 4;

  private static final String ELLIPSIS = "…";

  private final Writer out;
  private final int maxWidth;
  private final List<String[]> rows = new ArrayList<>();
  private List<String> names;
  private boolean[] numeric;

  /**
   * @param maxWidth the most characters a line of the table may take; 0 for no limit
   */
  TableWriter(Writer out, int maxWidth) {
    this.out = out;
    this.maxWidth = maxWidth;
  }

  @Override
  public void start(Schema schema) {
    names = schema.getFields().stream().map(Field::getName).map(TableWriter::flat).toList();
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
        values[column] = value == null ? "NULL" : cut(flat(value), MAX_CELL);
      }
      rows.add(values);
    }
  }

  @Override
  public void finish() throws IOException {
    int columns = names.size();
    int[] widths = new int[columns];
    for (int column = 0; column < columns; column++) {
      widths[column] = Math.max(1, Math.min(MAX_CELL, names.get(column).length()));
    }
    for (String[] row : rows) {
      for (int column = 0; column < columns; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    if (maxWidth > 0) {
      fit(widths, maxWidth);
    }
    String rule = rule(widths);
    out.write(rule);
    writeRow(names.toArray(String[]::new), widths, false);
    out.write(rule);
    for (String[] row : rows) {
      writeRow(row, widths, true);
    }
    out.write(rule);
    out.write(rows.size() + (rows.size() == 1 ? " row" : " rows") + "\n");
    out.flush();
  }

  /**
   * Shrinks the widest columns until a line ({@code | a | b |}: three characters per column and
   * one) takes at most {@code maxWidth}: every column wider than a cap is cut to the cap, the cap
   * being the largest that fits, and what is left over widens the cut columns by one from the left.
   */
  static void fit(int[] widths, int maxWidth) {
    int budget = maxWidth - 3 * widths.length - 1;
    int widest = 0;
    for (int width : widths) {
      widest = Math.max(widest, width);
    }
    int cap = widest;
    while (cap > MIN_COLUMN && capped(widths, cap) > budget) {
      cap--;
    }
    int left = budget - capped(widths, cap);
    for (int column = 0; column < widths.length; column++) {
      if (widths[column] > cap) {
        widths[column] = cap + (left > 0 ? 1 : 0);
        left--;
      }
    }
  }

  private static int capped(int[] widths, int cap) {
    int sum = 0;
    for (int width : widths) {
      sum += Math.min(width, cap);
    }
    return sum;
  }

  private void writeRow(String[] values, int[] widths, boolean alignNumbers) throws IOException {
    StringBuilder line = new StringBuilder("|");
    for (int column = 0; column < values.length; column++) {
      String value = cut(values[column], widths[column]);
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

  private static String flat(String value) {
    return value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  /** {@code value}, or its first {@code width - 1} chars and an ellipsis (no half a surrogate). */
  static String cut(String value, int width) {
    if (value.length() <= width) {
      return value;
    }
    int end = width - 1;
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + ELLIPSIS;
  }
}
