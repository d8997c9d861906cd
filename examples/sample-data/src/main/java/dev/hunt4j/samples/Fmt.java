package dev.hunt4j.samples;

import java.time.LocalDate;

/** Locale- and zone-independent text formatting of values (never {@code String.format}). */
final class Fmt {
  private Fmt() {}

  /** ISO-8601 UTC with milliseconds, e.g. {@code 2026-03-02T08:15:02.123Z}. */
  static String iso(long epochMs) {
    long secs = Math.floorDiv(epochMs, 1000L);
    int milli = (int) Math.floorMod(epochMs, 1000L);
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400L));
    int sod = (int) Math.floorMod(secs, 86_400L);
    StringBuilder sb = new StringBuilder(24);
    pad(sb, d.getYear(), 4).append('-');
    pad(sb, d.getMonthValue(), 2).append('-');
    pad(sb, d.getDayOfMonth(), 2).append('T');
    pad(sb, sod / 3600, 2).append(':');
    pad(sb, sod / 60 % 60, 2).append(':');
    pad(sb, sod % 60, 2).append('.');
    pad(sb, milli, 3).append('Z');
    return sb.toString();
  }

  /** {@code yyyyMMdd} of the day containing t (for file names in command lines). */
  static String ymd(long epochMs) {
    LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(epochMs, 86_400_000L));
    StringBuilder sb = new StringBuilder(8);
    pad(sb, d.getYear(), 4);
    pad(sb, d.getMonthValue(), 2);
    pad(sb, d.getDayOfMonth(), 2);
    return sb.toString();
  }

  static StringBuilder pad(StringBuilder sb, long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  /** Lowercase hex with 0x prefix, as Windows event logs print ids. */
  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  /** Zero-padded 8-digit hex without prefix (smss arguments). */
  static String hex8(long v) {
    String s = Long.toHexString(v);
    return "00000000".substring(s.length()) + s;
  }

  /** Appends one RFC 4180 field: quoted only when it holds a comma, quote, CR or LF. */
  static void csvField(StringBuilder sb, String s) {
    boolean quote = false;
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      sb.append(s);
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  /** Appends a JSON string literal. */
  static void jsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00");
            pad2hex(sb, c);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void pad2hex(StringBuilder sb, int c) {
    sb.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
  }

  /** Appends a JSON value: numbers bare, null as null, anything else as a string. */
  static void jsonValue(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Integer || v instanceof Long) {
      sb.append(v);
    } else {
      jsonString(sb, v.toString());
    }
  }
}
