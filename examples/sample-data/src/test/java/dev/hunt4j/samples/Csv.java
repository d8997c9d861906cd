package dev.hunt4j.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
final class Csv {
  final List<String> header;
  final List<Map<String, String>> rows;

  private Csv(List<String> header, List<Map<String, String>> rows) {
    this.header = header;
    this.rows = rows;
  }

  static Csv read(Path file) throws IOException {
    List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      if (r.size() != header.size()) {
        throw new IllegalStateException(file.getFileName() + " record " + i + " has " + r.size()
            + " fields, header has " + header.size() + ": " + r);
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int k = 0; k < header.size(); k++) {
        m.put(header.get(k), r.get(k));
      }
      rows.add(m);
    }
    return new Csv(header, rows);
  }

  /** Records of a whole RFC 4180 text; requires CRLF record ends (bare LF only inside quotes). */
  static List<List<String>> parse(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = text.length();
    boolean quoted = false;
    boolean fieldStarted = false;
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        field.append(c);
        i++;
        continue;
      }
      if (c == '"') {
        if (field.length() > 0) {
          throw new IllegalStateException("quote inside unquoted field at " + i);
        }
        quoted = true;
        fieldStarted = true;
        i++;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
        i++;
      } else if (c == '\r') {
        if (i + 1 >= n || text.charAt(i + 1) != '\n') {
          throw new IllegalStateException("bare CR at " + i);
        }
        record.add(field.toString());
        field.setLength(0);
        out.add(record);
        record = new ArrayList<>();
        fieldStarted = false;
        i += 2;
      } else if (c == '\n') {
        throw new IllegalStateException("bare LF outside quotes at " + i);
      } else {
        field.append(c);
        fieldStarted = true;
        i++;
      }
    }
    if (quoted) {
      throw new IllegalStateException("unterminated quote");
    }
    if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
      throw new IllegalStateException("last record not terminated by CRLF");
    }
    return out;
  }
}
