package dev.stalewatch.ctl.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table in the layout of the original {@code jobctl stale}: two leading spaces, a
 * header, a dashes line as long as each header word, columns at least their minimum width and
 * wider when a value is longer. The last column is never padded.
 */
public final class Table {

  /** A column: header, minimum width, right-aligned or not, and spaces before it. */
  public record Column(String header, int minWidth, boolean right, int gap) {

    public static Column left(String header, int minWidth) {
      return new Column(header, minWidth, false, 1);
    }

    public static Column right(String header, int minWidth) {
      return new Column(header, minWidth, true, 1);
    }

    public Column gap(int spaces) {
      return new Column(header, minWidth, right, spaces);
    }
  }

  private static final String INDENT = "  ";

  private final List<Column> columns;
  private final List<String[]> rows = new ArrayList<>();

  public Table(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  public Table(Column... columns) {
    this(List.of(columns));
  }

  public Table row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
    }
    String[] row = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      row[i] = values[i] == null ? "" : String.valueOf(values[i]);
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public List<String> lines() {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.max(columns.get(i).minWidth(), columns.get(i).header().length());
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    String[] headers = new String[columns.size()];
    String[] dashes = new String[columns.size()];
    for (int i = 0; i < headers.length; i++) {
      headers[i] = columns.get(i).header();
      dashes[i] = "-".repeat(headers[i].length());
    }
    lines.add(line(headers, widths));
    lines.add(line(dashes, widths));
    for (String[] row : rows) {
      lines.add(line(row, widths));
    }
    return lines;
  }

  private String line(String[] cells, int[] widths) {
    StringBuilder b = new StringBuilder(INDENT);
    for (int i = 0; i < cells.length; i++) {
      Column column = columns.get(i);
      if (i > 0) {
        b.append(" ".repeat(column.gap()));
      }
      boolean last = i == cells.length - 1;
      String cell = cells[i];
      // headers and dashes align like their column's values, as in the original layout
      if (column.right()) {
        b.append(" ".repeat(widths[i] - cell.length())).append(cell);
      } else if (last) {
        b.append(cell);
      } else {
        b.append(cell).append(" ".repeat(widths[i] - cell.length()));
      }
    }
    return stripEnd(b.toString());
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  /** The first 8 characters of a hash, as the original showed it. */
  public static String shortHash(String hash) {
    if (hash == null) {
      return "-";
    }
    return hash.length() <= 8 ? hash : hash.substring(0, 8);
  }
}
