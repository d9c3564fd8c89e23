package dev.keel.connectors.cli;

import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL-style column lists for {@code create --schema}: {@code id BIGINT NOT NULL, name STRING, tags
 * ARRAY<STRING>, attrs MAP<STRING, INT>, address STRUCT<city: STRING, zip: INT>, price
 * DECIMAL(10,2)}.
 */
final class TypeParser {
  private final List<Lexer.Token> tokens;
  private int pos;

  private TypeParser(String text) {
    this.tokens = Lexer.tokenize(text, "schema");
  }

  static StructType parseSchema(String text) {
    TypeParser p = new TypeParser(text);
    List<StructField> fields = new ArrayList<>();
    do {
      fields.add(p.field(false));
    } while (p.peek().is(",") && p.advance());
    if (p.peek().kind != Lexer.Kind.END) {
      throw p.error("expected ',' or the end of the schema");
    }
    try {
      return new StructType(fields);
    } catch (RuntimeException e) {
      throw new UsageError("Invalid schema: " + e.getMessage());
    }
  }

  private Lexer.Token peek() {
    return tokens.get(pos);
  }

  private boolean advance() {
    pos++;
    return true;
  }

  private UsageError error(String expected) {
    return new UsageError(
        "Invalid schema at position "
            + peek().position
            + ": "
            + expected
            + ", found "
            + peek()
            + ".");
  }

  private void expect(String symbol) {
    if (!peek().is(symbol)) {
      throw error("expected '" + symbol + "'");
    }
    pos++;
  }

  private StructField field(boolean inStruct) {
    Lexer.Token name = peek();
    if (name.kind != Lexer.Kind.IDENT && name.kind != Lexer.Kind.QUOTED_IDENT) {
      throw error("expected a column name");
    }
    pos++;
    if (inStruct && peek().is(":")) {
      pos++;
    }
    DataType type = type();
    boolean nullable = true;
    if (peek().is("NOT")) {
      pos++;
      if (!peek().is("NULL")) {
        throw error("expected NULL after NOT");
      }
      pos++;
      nullable = false;
    }
    return new StructField(name.text, type, nullable);
  }

  private DataType type() {
    Lexer.Token t = peek();
    if (t.kind != Lexer.Kind.IDENT) {
      throw error("expected a type");
    }
    pos++;
    switch (t.text.toUpperCase(Locale.ROOT)) {
      case "BOOLEAN":
        return DataTypes.BOOLEAN;
      case "TINYINT":
      case "BYTE":
        return DataTypes.BYTE;
      case "SMALLINT":
      case "SHORT":
        return DataTypes.SHORT;
      case "INT":
      case "INTEGER":
        return DataTypes.INTEGER;
      case "BIGINT":
      case "LONG":
        return DataTypes.LONG;
      case "FLOAT":
      case "REAL":
        return DataTypes.FLOAT;
      case "DOUBLE":
        return DataTypes.DOUBLE;
      case "STRING":
      case "VARCHAR":
        return DataTypes.STRING;
      case "BINARY":
        return DataTypes.BINARY;
      case "DATE":
        return DataTypes.DATE;
      case "TIMESTAMP":
        return DataTypes.TIMESTAMP;
      case "TIMESTAMP_NTZ":
        return DataTypes.TIMESTAMP_NTZ;
      case "DECIMAL":
        {
          int precision = 10;
          int scale = 0;
          if (peek().is("(")) {
            pos++;
            precision = integer();
            if (peek().is(",")) {
              pos++;
              scale = integer();
            }
            expect(")");
          }
          try {
            return DecimalType.of(precision, scale);
          } catch (RuntimeException e) {
            throw new UsageError(
                "Invalid schema at position " + t.position + ": " + e.getMessage());
          }
        }
      case "ARRAY":
        {
          expect("<");
          DataType element = type();
          expect(">");
          return new ArrayType(element, true);
        }
      case "MAP":
        {
          expect("<");
          DataType key = type();
          expect(",");
          DataType value = type();
          expect(">");
          return new MapType(key, value, true);
        }
      case "STRUCT":
        {
          expect("<");
          List<StructField> fields = new ArrayList<>();
          do {
            fields.add(field(true));
          } while (peek().is(",") && advance());
          expect(">");
          return new StructType(fields);
        }
      default:
        pos--;
        throw new UsageError(
            "Invalid schema at position "
                + t.position
                + ": unknown type '"
                + t.text
                + "'. Types: BOOLEAN, TINYINT, "
                + "SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p,s), STRING, BINARY, DATE, TIMESTAMP, TIMESTAMP_NTZ, ARRAY<T>, "
                + "MAP<K,V>, STRUCT<name: T, ...>.");
    }
  }

  private int integer() {
    Lexer.Token t = peek();
    if (t.kind != Lexer.Kind.NUMBER) {
      throw error("expected a number");
    }
    pos++;
    try {
      return Integer.parseInt(t.text);
    } catch (NumberFormatException e) {
      throw new UsageError(
          "Invalid schema at position " + t.position + ": '" + t.text + "' is not a whole number.");
    }
  }
}
