package dev.keel.connectors.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Columns computed from each message before it is written ({@code --transform 'col: expression'}).
 * An expression is one of:
 *
 * <ul>
 *   <li>a field path of the message: {@code user.id} (null when absent);
 *   <li>the message's Kafka metadata: {@code kafka.partition}, {@code kafka.offset}, {@code
 *       kafka.timestamp} (epoch milliseconds), {@code kafka.topic}, {@code kafka.key} (UTF-8);
 *   <li>a literal: {@code 'text'} (with {@code ''} for a quote), a number, {@code true}, {@code
 *       false}, {@code null};
 *   <li>a function call: {@code concat(e, ...)}, {@code coalesce(e, ...)}, {@code lower(e)}, {@code
 *       upper(e)}, {@code substr(e, start, length)} (0-based), {@code string(e)}, {@code long(e)},
 *       {@code double(e)}, {@code timestamp_millis(e)} and {@code timestamp_micros(e)} (epoch
 *       numbers to ISO-8601 timestamps), {@code date(e)} (the date part of an ISO-8601 timestamp).
 * </ul>
 *
 * A transform's column is set on the message (replacing a field of that name), in the order given,
 * so a later transform sees an earlier one's column.
 */
final class Transforms {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A compiled expression. */
  private interface Expr {
    JsonNode eval(JsonNode message, ConsumerRecord<byte[], byte[]> record);
  }

  private final Map<String, Expr> columns = new LinkedHashMap<>();

  /**
   * @param specs {@code column: expression} each
   * @throws IllegalArgumentException naming the spec and the position of what does not parse
   */
  Transforms(List<String> specs) {
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "Invalid transform `" + spec + "`: write it as `column: expression`.");
      }
      Parser p = new Parser(spec, colon + 1);
      Expr e = p.expression();
      p.skipSpace();
      if (p.pos < spec.length()) {
        throw p.error("unexpected `" + spec.substring(p.pos) + "`");
      }
      columns.put(spec.substring(0, colon).trim(), e);
    }
  }

  boolean isEmpty() {
    return columns.isEmpty();
  }

  /**
   * @return the message with the transforms' columns set, as JSON
   * @throws IOException if the message is not a JSON object
   */
  byte[] apply(byte[] json, ConsumerRecord<byte[], byte[]> record) throws IOException {
    JsonNode tree = MAPPER.readTree(json);
    if (!(tree instanceof ObjectNode)) {
      throw new IOException("the message is not a JSON object");
    }
    ObjectNode message = (ObjectNode) tree;
    for (Map.Entry<String, Expr> c : columns.entrySet()) {
      message.set(c.getKey(), c.getValue().eval(message, record));
    }
    return MAPPER.writeValueAsBytes(message);
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.isTextual() ? n.textValue() : n.toString();
  }

  private static JsonNode call(
      String name, List<Expr> args, JsonNode m, ConsumerRecord<byte[], byte[]> r) {
    List<JsonNode> v = new ArrayList<>();
    for (Expr a : args) {
      v.add(a.eval(m, r));
    }
    switch (name) {
      case "concat":
        StringBuilder sb = new StringBuilder();
        for (JsonNode n : v) {
          if (text(n) == null) {
            return NullNode.instance;
          }
          sb.append(text(n));
        }
        return NODES.textNode(sb.toString());
      case "coalesce":
        for (JsonNode n : v) {
          if (n != null && !n.isNull()) {
            return n;
          }
        }
        return NullNode.instance;
      default:
        break;
    }
    JsonNode x = v.get(0);
    if (x == null || x.isNull()) {
      return NullNode.instance;
    }
    switch (name) {
      case "lower":
        return NODES.textNode(text(x).toLowerCase(Locale.ROOT));
      case "upper":
        return NODES.textNode(text(x).toUpperCase(Locale.ROOT));
      case "substr":
        String s = text(x);
        int start = Math.min(s.length(), Math.max(0, v.get(1).asInt()));
        int end = Math.min(s.length(), start + Math.max(0, v.get(2).asInt()));
        return NODES.textNode(s.substring(start, end));
      case "string":
        return NODES.textNode(text(x));
      case "long":
        return NODES.numberNode(x.isNumber() ? x.asLong() : Long.parseLong(text(x).trim()));
      case "double":
        return NODES.numberNode(x.isNumber() ? x.asDouble() : Double.parseDouble(text(x).trim()));
      case "timestamp_millis":
        return NODES.textNode(Instant.ofEpochMilli(x.asLong()).toString());
      case "timestamp_micros":
        long micros = x.asLong();
        return NODES.textNode(
            Instant.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000)
                .toString());
      case "date":
        String t = text(x);
        return NODES.textNode(t.length() >= 10 ? t.substring(0, 10) : t);
      default:
        throw new IllegalStateException(name);
    }
  }

  /** Arity of each function: exact, or -1 for one or more. */
  private static final Map<String, Integer> FUNCTIONS =
      Map.ofEntries(
          Map.entry("concat", -1),
          Map.entry("coalesce", -1),
          Map.entry("lower", 1),
          Map.entry("upper", 1),
          Map.entry("substr", 3),
          Map.entry("string", 1),
          Map.entry("long", 1),
          Map.entry("double", 1),
          Map.entry("timestamp_millis", 1),
          Map.entry("timestamp_micros", 1),
          Map.entry("date", 1));

  /** A recursive-descent parser of one expression. */
  private static final class Parser {
    final String text;
    int pos;

    Parser(String text, int pos) {
      this.text = text;
      this.pos = pos;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "Invalid transform `" + text + "` at character " + (pos + 1) + ": " + what + ".");
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    Expr expression() {
      skipSpace();
      if (pos >= text.length()) {
        throw error("an expression is missing");
      }
      char c = text.charAt(pos);
      if (c == '\'') {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
          if (pos >= text.length()) {
            throw error("a quote is not closed");
          }
          char d = text.charAt(pos++);
          if (d == '\'') {
            if (pos < text.length() && text.charAt(pos) == '\'') {
              sb.append('\'');
              pos++;
            } else {
              break;
            }
          } else {
            sb.append(d);
          }
        }
        JsonNode value = NODES.textNode(sb.toString());
        return (m, r) -> value;
      }
      if (c == '-' || Character.isDigit(c)) {
        int start = pos;
        pos++;
        while (pos < text.length()
            && (Character.isDigit(text.charAt(pos)) || ".eE+-".indexOf(text.charAt(pos)) >= 0)) {
          pos++;
        }
        String number = text.substring(start, pos);
        JsonNode value;
        try {
          value =
              number.matches("-?\\d+")
                  ? NODES.numberNode(Long.parseLong(number))
                  : NODES.numberNode(Double.parseDouble(number));
        } catch (NumberFormatException e) {
          pos = start;
          throw error("`" + number + "` is not a number");
        }
        return (m, r) -> value;
      }
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || "_.".indexOf(text.charAt(pos)) >= 0)) {
        pos++;
      }
      String name = text.substring(start, pos);
      if (name.isEmpty()) {
        throw error("unexpected `" + c + "`");
      }
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '(') {
        Integer arity = FUNCTIONS.get(name);
        if (arity == null) {
          pos = start;
          throw error(
              "no function `"
                  + name
                  + "`; functions: "
                  + new java.util.TreeSet<>(FUNCTIONS.keySet()));
        }
        pos++;
        List<Expr> args = new ArrayList<>();
        skipSpace();
        while (pos < text.length() && text.charAt(pos) != ')') {
          args.add(expression());
          skipSpace();
          if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
          }
        }
        if (pos >= text.length()) {
          throw error("`" + name + "(` is not closed");
        }
        pos++;
        if (arity >= 0 ? args.size() != arity : args.isEmpty()) {
          pos = start;
          throw error(
              "`" + name + "` takes " + (arity >= 0 ? arity : "one or more") + " argument(s)");
        }
        return (m, r) -> call(name, args, m, r);
      }
      switch (name) {
        case "true":
          return (m, r) -> NODES.booleanNode(true);
        case "false":
          return (m, r) -> NODES.booleanNode(false);
        case "null":
          return (m, r) -> NullNode.instance;
        case "kafka.partition":
          return (m, r) -> NODES.numberNode(r.partition());
        case "kafka.offset":
          return (m, r) -> NODES.numberNode(r.offset());
        case "kafka.timestamp":
          return (m, r) -> NODES.numberNode(r.timestamp());
        case "kafka.topic":
          return (m, r) -> NODES.textNode(r.topic());
        case "kafka.key":
          return (m, r) ->
              r.key() == null
                  ? NullNode.instance
                  : NODES.textNode(new String(r.key(), StandardCharsets.UTF_8));
        default:
          String[] path = name.split("\\.");
          return (m, r) -> {
            JsonNode n = m;
            for (String step : path) {
              n = n == null ? null : n.get(step);
            }
            return n == null ? NullNode.instance : n;
          };
      }
    }
  }
}
