package dev.hunt4j.samples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rows of one output file, collected out of time order (each host and story step is generated on
 * its own) and sorted by time, then insertion order, before writing, so ties are stable.
 */
final class Table {
  /** One row; the first column (TimeGenerated) is {@link #time}, the rest are {@link #values}. */
  record Row(long time, long seq, Object[] values) {}

  private static final Comparator<Row> ORDER =
      Comparator.comparingLong(Row::time).thenComparingLong(Row::seq);

  final String file;
  final String[] columns;
  private final List<Row> rows = new ArrayList<>();
  private long seq;

  Table(String file, String... columns) {
    this.file = file;
    this.columns = columns;
  }

  /** Adds a row; rows outside the window are dropped (pre-window boots leave only their pids). */
  void add(long time, Object... values) {
    if (values.length != columns.length - 1) {
      throw new IllegalArgumentException(
          file + ": expected " + (columns.length - 1) + " values, got " + values.length);
    }
    if (time < T.START || time >= T.END) {
      return;
    }
    rows.add(new Row(time, seq++, values));
  }

  int size() {
    return rows.size();
  }

  List<Row> sorted() {
    rows.sort(ORDER);
    return rows;
  }

  /** RFC 4180: header line, CRLF line ends, quotes only where needed. */
  byte[] toCsv() {
    StringBuilder sb = new StringBuilder(rows.size() * 160 + 256);
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Fmt.csvField(sb, columns[i]);
    }
    sb.append("\r\n");
    for (Row r : sorted()) {
      sb.append(Fmt.iso(r.time()));
      for (Object v : r.values()) {
        sb.append(',');
        Fmt.csvField(sb, v == null ? "" : v.toString());
      }
      sb.append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One JSON object per line (LF), keys in column order. */
  byte[] toJsonLines() {
    StringBuilder sb = new StringBuilder(rows.size() * 220 + 256);
    for (Row r : sorted()) {
      sb.append('{');
      Fmt.jsonString(sb, columns[0]);
      sb.append(':');
      Fmt.jsonString(sb, Fmt.iso(r.time()));
      Object[] v = r.values();
      for (int i = 0; i < v.length; i++) {
        sb.append(',');
        Fmt.jsonString(sb, columns[i + 1]);
        sb.append(':');
        Fmt.jsonValue(sb, v[i]);
      }
      sb.append("}\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
