package dev.keel.connectors.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows as an aligned text table; long values are cut at 40 characters. */
final class TextTable {
  private TextTable() {}

  private static final int MAX = 40;

  static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> r : rows) {
        widths[c] = Math.max(widths[c], Math.min(MAX, r.get(c).length()));
      }
    }
    line(out, header, widths);
    StringBuilder rule = new StringBuilder();
    for (int w : widths) {
      rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(w));
    }
    out.println(rule);
    for (List<String> r : rows) {
      line(out, r, widths);
    }
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      String v = cells.get(c).replace('\n', ' ');
      if (v.length() > MAX) {
        v = v.substring(0, MAX - 1) + "…";
      }
      sb.append(c == 0 ? "" : " | ").append(v).append(" ".repeat(widths[c] - v.length()));
    }
    out.println(sb.toString().stripTrailing());
  }
}
