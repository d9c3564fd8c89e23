package dev.keel.connectors.cli;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 quoting and splitting. */
final class Csv {
  private Csv() {}

  static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /** Splits one CSV record; quoted fields may contain commas and doubled quotes. */
  static List<String> split(String line, int lineNumber, String file) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new UsageError(file + ":" + lineNumber + ": unterminated quoted field.");
    }
    out.add(cur.toString());
    return out;
  }
}
