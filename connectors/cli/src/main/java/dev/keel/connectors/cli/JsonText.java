package dev.keel.connectors.cli;

import dev.keel.kernel.defaults.canonical.CanonicalJson;
import java.util.List;
import java.util.Map;

/** Compact JSON for the CLI's machine-readable output. */
final class JsonText {
  private JsonText() {}

  static String of(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      CanonicalJson.string(sb, (String) v);
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(first ? "" : ",");
        first = false;
        CanonicalJson.string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object e : (List<?>) v) {
        sb.append(first ? "" : ",");
        first = false;
        write(sb, e);
      }
      sb.append(']');
    } else {
      sb.append(v);
    }
  }
}
