package dev.keel.connectors.cli;

import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --where} language: comparisons ({@code = != <> < <= > >=}), {@code AND}, {@code OR},
 * {@code NOT}, parentheses, {@code IS [NOT] NULL}, {@code IN (...)}, {@code LIKE 'prefix%'},
 * literals (numbers, {@code 'strings'}, {@code TRUE}/{@code FALSE}, {@code NULL}, {@code DATE
 * '...'}, {@code TIMESTAMP '...'}), and column names (dotted for nested fields, {@code `back
 * quoted`} for special characters). Literals take the type of the column they are compared with
 * where the text allows (a string compared with a date column is read as a date).
 */
final class PredicateParser {
  private final List<Lexer.Token> tokens;
  private final StructType schema;
  private int pos;

  /** Parentheses and NOTs open around the current token; bounded so no text exhausts the stack. */
  private int depth;

  static final int MAX_DEPTH = 100;

  private PredicateParser(String text, StructType schema) {
    this.tokens = Lexer.tokenize(text, "predicate");
    this.schema = schema;
  }

  static Predicate parse(String text, StructType schema) {
    PredicateParser p = new PredicateParser(text, schema);
    Expression e = p.or();
    if (p.peek().kind != Lexer.Kind.END) {
      throw p.error("expected AND, OR or the end of the predicate");
    }
    if (!(e instanceof Predicate)) {
      throw new UsageError(
          "Invalid predicate: `"
              + text
              + "` is a value, not a condition (compare it with something).");
    }
    return (Predicate) e;
  }

  private Lexer.Token peek() {
    return tokens.get(pos);
  }

  private Lexer.Token next() {
    return tokens.get(pos++);
  }

  private UsageError error(String expected) {
    Lexer.Token t = peek();
    return new UsageError(
        "Invalid predicate at position " + t.position + ": " + expected + ", found " + t + ".");
  }

  private void nest() {
    if (++depth > MAX_DEPTH) {
      throw error("at most " + MAX_DEPTH + " levels of parentheses and NOT");
    }
  }

  private void expect(String symbol) {
    if (!peek().is(symbol)) {
      throw error("expected '" + symbol + "'");
    }
    pos++;
  }

  private Expression or() {
    Expression left = and();
    while (peek().is("OR")) {
      pos++;
      left = Expressions.or(left, and());
    }
    return left;
  }

  private Expression and() {
    Expression left = not();
    while (peek().is("AND")) {
      pos++;
      left = Expressions.and(left, not());
    }
    return left;
  }

  private Expression not() {
    if (peek().is("NOT")) {
      nest();
      pos++;
      Expression e = Expressions.not(not());
      depth--;
      return e;
    }
    return comparison();
  }

  private Expression comparison() {
    Expression left = operand();
    Lexer.Token op = peek();
    if (op.is("IS")) {
      pos++;
      boolean negated = false;
      if (peek().is("NOT")) {
        pos++;
        negated = true;
      }
      if (!peek().is("NULL")) {
        throw error("expected NULL");
      }
      pos++;
      return negated ? Expressions.isNotNull(left) : Expressions.isNull(left);
    }
    boolean notIn = false;
    if (op.is("NOT") && tokens.get(pos + 1).is("IN")) {
      pos++;
      notIn = true;
    }
    if (peek().is("IN")) {
      pos++;
      expect("(");
      List<Expression> list = new ArrayList<>();
      do {
        list.add(coerce(operand(), left));
      } while (peek().is(",") && next() != null);
      expect(")");
      Predicate in = Expressions.in(left, list);
      return notIn ? Expressions.not(in) : in;
    }
    if (op.is("LIKE")) {
      pos++;
      Lexer.Token pattern = next();
      if (pattern.kind != Lexer.Kind.STRING
          || !pattern.text.endsWith("%")
          || pattern.text.indexOf('%') != pattern.text.length() - 1
          || pattern.text.contains("_")) {
        throw new UsageError(
            "Invalid predicate at position "
                + pattern.position
                + ": LIKE takes a prefix pattern 'text%' (one % at the end, no _), found "
                + pattern
                + ".");
      }
      return Expressions.startsWith(
          left, Literal.ofString(pattern.text.substring(0, pattern.text.length() - 1)));
    }
    String symbol = op.text;
    switch (op.kind == Lexer.Kind.SYMBOL ? symbol : "") {
      case "=":
        pos++;
        return Expressions.equal(left, coerce(operand(), left));
      case "!=":
      case "<>":
        pos++;
        return Expressions.notEqual(left, coerce(operand(), left));
      case "<":
        pos++;
        return Expressions.lessThan(left, coerce(operand(), left));
      case "<=":
        pos++;
        return Expressions.lessThanOrEqual(left, coerce(operand(), left));
      case ">":
        pos++;
        return Expressions.greaterThan(left, coerce(operand(), left));
      case ">=":
        pos++;
        return Expressions.greaterThanOrEqual(left, coerce(operand(), left));
      default:
        return left;
    }
  }

  private Expression operand() {
    Lexer.Token t = peek();
    if (t.is("(")) {
      nest();
      pos++;
      Expression e = or();
      expect(")");
      depth--;
      return e;
    }
    if (t.kind == Lexer.Kind.STRING) {
      pos++;
      return Literal.ofString(t.text);
    }
    if (t.kind == Lexer.Kind.NUMBER || t.is("-")) {
      boolean negative = t.is("-");
      if (negative) {
        pos++;
        if (peek().kind != Lexer.Kind.NUMBER) {
          throw error("expected a number after '-'");
        }
      }
      Lexer.Token n = next();
      return number((negative ? "-" : "") + n.text, n.position);
    }
    if (t.is("TRUE") || t.is("FALSE")) {
      pos++;
      return Literal.ofBoolean(t.is("TRUE"));
    }
    if (t.is("NULL")) {
      pos++;
      return Literal.ofNull(DataTypes.STRING);
    }
    if ((t.is("DATE") || t.is("TIMESTAMP")) && tokens.get(pos + 1).kind == Lexer.Kind.STRING) {
      pos++;
      Lexer.Token s = next();
      return t.is("DATE") ? date(s) : timestamp(s, DataTypes.TIMESTAMP);
    }
    if (t.kind == Lexer.Kind.IDENT || t.kind == Lexer.Kind.QUOTED_IDENT) {
      return column();
    }
    throw error("expected a column, a literal or '('");
  }

  private Column column() {
    List<String> names = new ArrayList<>();
    Lexer.Token first = next();
    names.add(first.text);
    while (peek().is(".")) {
      pos++;
      Lexer.Token n = next();
      if (n.kind != Lexer.Kind.IDENT && n.kind != Lexer.Kind.QUOTED_IDENT) {
        pos--;
        throw error("expected a field name after '.'");
      }
      names.add(n.text);
    }
    if (typeOf(names) == null) {
      throw new UsageError(
          "Invalid predicate at position "
              + first.position
              + ": no column "
              + String.join(".", names)
              + ". Columns: "
              + schema.fieldNames()
              + ".");
    }
    return new Column(names);
  }

  private DataType typeOf(List<String> names) {
    DataType t = schema;
    for (String n : names) {
      if (!(t instanceof StructType) || ((StructType) t).indexOf(n) < 0) {
        return null;
      }
      t = ((StructType) t).at(((StructType) t).indexOf(n)).getDataType();
    }
    return t;
  }

  private static Literal number(String text, int position) {
    try {
      if (text.contains("e") || text.contains("E")) {
        return Literal.ofDouble(Double.parseDouble(text));
      }
      if (text.contains(".")) {
        BigDecimal d = new BigDecimal(text);
        return Literal.ofDecimal(d, Math.max(d.precision(), d.scale()), Math.max(d.scale(), 0));
      }
      return Literal.ofLong(Long.parseLong(text));
    } catch (RuntimeException e) {
      throw new UsageError(
          "Invalid predicate at position " + position + ": '" + text + "' is not a number.");
    }
  }

  private static Literal date(Lexer.Token s) {
    try {
      return Literal.ofDate(LocalDate.parse(s.text));
    } catch (RuntimeException e) {
      throw new UsageError(
          "Invalid predicate at position "
              + s.position
              + ": '"
              + s.text
              + "' is not a date (yyyy-MM-dd).");
    }
  }

  private static Literal timestamp(Lexer.Token s, DataType type) {
    try {
      String text = s.text.trim().replace(' ', 'T');
      long micros;
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        java.time.Instant i = OffsetDateTime.parse(text).toInstant();
        micros = i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
      } else {
        java.time.Instant i =
            (text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text))
                .toInstant(ZoneOffset.UTC);
        micros = i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
      }
      return type instanceof TimestampNTZType
          ? Literal.ofTimestampNtz(micros)
          : Literal.ofTimestamp(micros);
    } catch (RuntimeException e) {
      throw new UsageError(
          "Invalid predicate at position "
              + s.position
              + ": '"
              + s.text
              + "' is not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff], UTC unless a zone is given).");
    }
  }

  /**
   * Gives a literal compared with a column the column's type where the literal's text allows it.
   */
  private Expression coerce(Expression value, Expression other) {
    if (!(value instanceof Literal) || !(other instanceof Column)) {
      return value;
    }
    Literal lit = (Literal) value;
    DataType target = typeOf(((Column) other).getNames());
    if (lit.isNull()) {
      return Literal.ofNull(target);
    }
    Object v = lit.getValue().get();
    if (v instanceof String && target instanceof DateType) {
      return date(new Lexer.Token(Lexer.Kind.STRING, (String) v, tokens.get(pos - 1).position));
    }
    if (v instanceof String
        && (target instanceof TimestampType || target instanceof TimestampNTZType)) {
      return timestamp(
          new Lexer.Token(Lexer.Kind.STRING, (String) v, tokens.get(pos - 1).position), target);
    }
    if (lit.getDataType() instanceof TimestampType && target instanceof TimestampNTZType) {
      return Literal.ofTimestampNtz((Long) v);
    }
    if (v instanceof BigDecimal && target instanceof DecimalType) {
      return lit;
    }
    return lit;
  }
}
