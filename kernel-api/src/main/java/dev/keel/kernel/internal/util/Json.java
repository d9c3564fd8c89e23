package dev.keel.kernel.internal.util;

import dev.keel.kernel.types.FieldMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for the kernel's own needs (schema strings, field metadata, small
 * log structures). It keeps kernel-api free of runtime dependencies; bulk JSON (log files, stats of
 * many files) goes through the engine's {@code JsonHandler}.
 *
 * <p>{@link #parse} returns {@code LinkedHashMap<String, Object>} for objects (key order kept),
 * {@code ArrayList<Object>} for arrays, {@link String}, {@link Long} for integers that fit, {@link
 * Double} for other numbers, {@link Boolean} and {@code null}.
 */
public final class Json {
  private Json() {}

  /**
   * Thrown for malformed JSON; the message gives the offset. Callers wrap it into a
   * KernelException.
   */
  public static final class JsonSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonSyntaxException(String message) {
      super(message);
    }
  }

  /** Parses one JSON value that must span the whole text (surrounding white space allowed). */
  public static Object parse(String text) {
    Parser p = new Parser(text);
    p.skipWhitespace();
    Object value = p.readValue();
    p.skipWhitespace();
    if (p.pos != text.length()) {
      throw p.error("unexpected trailing characters");
    }
    return value;
  }

  /**
   * Appends {@code value} (a value of the kinds {@link #parse} returns, or FieldMetadata) as
   * compact JSON.
   */
  public static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String) {
      quote(sb, (String) value);
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      sb.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        quote(sb, Double.toString(d));
      } else {
        sb.append(d);
      }
    } else if (value instanceof FieldMetadata) {
      write(sb, ((FieldMetadata) value).getEntries());
    } else if (value instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object e : (List<?>) value) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, e);
      }
      sb.append(']');
    } else if (value instanceof java.math.BigDecimal) {
      sb.append(((java.math.BigDecimal) value).toPlainString());
    } else if (value instanceof Number) {
      sb.append(value);
    } else {
      throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  /** Returns {@code value} as compact JSON. */
  public static String toJson(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  /**
   * Appends {@code s} as a JSON string literal, escaping quotes, backslashes and control
   * characters.
   */
  public static void quote(StringBuilder sb, String s) {
    quote(sb, s, false);
  }

  /**
   * Like {@link #quote(StringBuilder, String)}, with the hex digits of control-character escapes in
   * upper case when asked (as Jackson, and so Spark's variant rendering, writes them).
   */
  public static void quote(StringBuilder sb, String s, boolean upperCaseHex) {
    sb.append('"');
    int run = 0; // the start of the characters not yet appended, which need no escape
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          char hi = Character.forDigit(c >> 4, 16);
          char lo = Character.forDigit(c & 0xF, 16);
          sb.append("\\u00")
              .append(upperCaseHex ? Character.toUpperCase(hi) : hi)
              .append(upperCaseHex ? Character.toUpperCase(lo) : lo);
      }
    }
    sb.append(s, run, s.length());
    sb.append('"');
  }

  /** Deeper documents are refused, as Jackson refuses them by default. */
  static final int MAX_DEPTH = 1_000;

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    JsonSyntaxException error(String what) {
      return new JsonSyntaxException("Malformed JSON at offset " + pos + ": " + what);
    }

    void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          break;
        }
      }
    }

    /**
     * Reads one value. Containers are kept on an explicit stack rather than the thread's, so that
     * the depth a document may reach does not depend on the caller's stack size.
     */
    @SuppressWarnings("unchecked")
    Object readValue() {
      List<Object> open = new ArrayList<>(); // the containers being read, outermost first
      List<String> keys = new ArrayList<>(); // for each open object, the key being read
      while (true) {
        skipWhitespace();
        if (pos >= s.length()) {
          throw error("unexpected end of input");
        }
        Object value;
        char c = s.charAt(pos);
        if (c == '{' || c == '[') {
          if (open.size() >= MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
          }
          pos++;
          skipWhitespace();
          char close = c == '{' ? '}' : ']';
          Object container = c == '{' ? new LinkedHashMap<String, Object>() : new ArrayList<>();
          if (pos < s.length() && s.charAt(pos) == close) {
            pos++;
            value = container;
          } else {
            open.add(container);
            keys.add(c == '{' ? readKey() : null);
            continue;
          }
        } else {
          value = readScalar(c);
        }
        // Hand the value to its container; a container it completes is handed on to its own.
        while (true) {
          int top = open.size() - 1;
          if (top < 0) {
            return value;
          }
          Object parent = open.get(top);
          boolean object = parent instanceof Map;
          if (object) {
            ((Map<String, Object>) parent).put(keys.get(top), value);
          } else {
            ((List<Object>) parent).add(value);
          }
          skipWhitespace();
          if (pos >= s.length()) {
            throw error("unexpected end of input in an " + (object ? "object" : "array"));
          }
          char d = s.charAt(pos++);
          if (d == ',') {
            if (object) {
              keys.set(top, readKey());
            }
            break;
          }
          if (d != (object ? '}' : ']')) {
            pos--;
            throw error(object ? "expected ',' or '}'" : "expected ',' or ']'");
          }
          open.remove(top);
          keys.remove(top);
          value = parent;
        }
      }
    }

    /** A field name and its colon. */
    private String readKey() {
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) != '"') {
        throw error("expected a field name");
      }
      String key = readString();
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) != ':') {
        throw error("expected ':'");
      }
      pos++;
      return key;
    }

    private Object readScalar(char c) {
      switch (c) {
        case '"':
          return readString();
        case 't':
          expectWord("true");
          return Boolean.TRUE;
        case 'f':
          expectWord("false");
          return Boolean.FALSE;
        case 'n':
          expectWord("null");
          return null;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return readNumber();
          }
          throw error("unexpected character '" + c + "'");
      }
    }

    private void expectWord(String word) {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
    }

    private String readString() {
      pos++; // opening quote
      StringBuilder sb = null;
      int start = pos;
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos);
        if (c == '"') {
          String result =
              sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
          pos++;
          return result;
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(s, start, pos);
          pos++;
          if (pos >= s.length()) {
            throw error("unterminated escape");
          }
          char e = s.charAt(pos++);
          switch (e) {
            case '"':
              sb.append('"');
              break;
            case '\\':
              sb.append('\\');
              break;
            case '/':
              sb.append('/');
              break;
            case 'b':
              sb.append('\b');
              break;
            case 'f':
              sb.append('\f');
              break;
            case 'n':
              sb.append('\n');
              break;
            case 'r':
              sb.append('\r');
              break;
            case 't':
              sb.append('\t');
              break;
            case 'u':
              if (pos + 4 > s.length()) {
                throw error("truncated \\u escape");
              }
              int code = 0;
              for (int i = 0; i < 4; i++) {
                int digit = Character.digit(s.charAt(pos + i), 16);
                if (digit < 0 || s.charAt(pos + i) > 'f') { // ASCII hex digits only
                  throw error("invalid \\u escape");
                }
                code = code << 4 | digit;
              }
              sb.append((char) code);
              pos += 4;
              break;
            default:
              pos--;
              throw error("invalid escape '\\" + e + "'");
          }
          start = pos;
        } else if (c < 0x20) {
          throw error("control character in a string");
        } else {
          pos++;
        }
      }
    }

    /** A number as RFC 8259 writes it: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private Object readNumber() {
      int start = pos;
      boolean integral = true;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == '0') {
        pos++;
      } else if (digits() == 0) {
        throw error("invalid number");
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        integral = false;
        pos++;
        if (digits() == 0) {
          throw error("invalid number");
        }
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        integral = false;
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        if (digits() == 0) {
          throw error("invalid number");
        }
      }
      String text = s.substring(start, pos);
      try {
        if (integral) {
          try {
            return Long.parseLong(text);
          } catch (NumberFormatException overflow) {
            return Double.parseDouble(text);
          }
        }
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("invalid number '" + text + "'");
      }
    }

    private int digits() {
      int from = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      return pos - from;
    }
  }
}
