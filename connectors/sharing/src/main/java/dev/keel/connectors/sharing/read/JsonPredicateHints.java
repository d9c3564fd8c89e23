package dev.keel.connectors.sharing.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expression;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The protocol's {@code jsonPredicateHints} (PROTOCOL.md, "JSON predicates for Filtering") as a
 * Keel predicate, for partition pruning and data skipping. Hints are best effort: anything this
 * cannot convert exactly (an unknown op or column, a value type that is not the column's, a value
 * that does not parse, nesting deeper than 64) makes the whole hint unused, never a narrower answer
 * than the table's. A literal is converted to the column's own type only where that is exact (an
 * {@code int} literal for a {@code long} column, say).
 */
public final class JsonPredicateHints {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DEPTH = 64;

  private JsonPredicateHints() {}

  /**
   * @param hint the hint's JSON text
   * @param schema the table's schema
   * @return the predicate, or empty if the hint cannot be used
   */
  public static Optional<Predicate> toPredicate(String hint, StructType schema) {
    try {
      return Optional.of(predicate(JSON.readTree(hint), schema, 0));
    } catch (Unusable | com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A hint this class does not convert; the hint as a whole is then not applied. */
  private static final class Unusable extends Exception {
    Unusable() {
      super(null, null, false, false);
    }
  }

  private static Predicate predicate(JsonNode node, StructType schema, int depth) throws Unusable {
    if (depth > MAX_DEPTH || node == null || !node.isObject()) {
      throw new Unusable();
    }
    String op = node.path("op").asText("");
    List<JsonNode> children = new ArrayList<>();
    node.path("children").forEach(children::add);
    switch (op) {
      case "and":
      case "or":
        {
          if (children.size() < 2) {
            throw new Unusable();
          }
          Predicate p = predicate(children.get(0), schema, depth + 1);
          for (int i = 1; i < children.size(); i++) {
            Predicate next = predicate(children.get(i), schema, depth + 1);
            p = op.equals("and") ? Expressions.and(p, next) : Expressions.or(p, next);
          }
          return p;
        }
      case "not":
        if (children.size() != 1) {
          throw new Unusable();
        }
        return Expressions.not(predicate(children.get(0), schema, depth + 1));
      case "isNull":
        if (children.size() != 1) {
          throw new Unusable();
        }
        return Expressions.isNull(column(children.get(0), schema));
      case "equal":
      case "lessThan":
      case "lessThanOrEqual":
      case "greaterThan":
      case "greaterThanOrEqual":
        return comparison(op, children, schema);
      default:
        throw new Unusable();
    }
  }

  private static Predicate comparison(String op, List<JsonNode> children, StructType schema)
      throws Unusable {
    if (children.size() != 2) {
      throw new Unusable();
    }
    JsonNode a = children.get(0);
    JsonNode b = children.get(1);
    Expression left;
    Expression right;
    if (isOp(a, "column") && isOp(b, "literal")) {
      Column c = column(a, schema);
      left = c;
      right = literal(b, typeOf(a, schema));
    } else if (isOp(a, "literal") && isOp(b, "column")) {
      Column c = column(b, schema);
      left = literal(a, typeOf(b, schema));
      right = c;
    } else {
      throw new Unusable();
    }
    return switch (op) {
      case "equal" -> Expressions.equal(left, right);
      case "lessThan" -> Expressions.lessThan(left, right);
      case "lessThanOrEqual" -> Expressions.lessThanOrEqual(left, right);
      case "greaterThan" -> Expressions.greaterThan(left, right);
      default -> Expressions.greaterThanOrEqual(left, right);
    };
  }

  private static boolean isOp(JsonNode n, String op) {
    return n.isObject() && op.equals(n.path("op").asText());
  }

  private static Column column(JsonNode n, StructType schema) throws Unusable {
    if (!isOp(n, "column")) {
      throw new Unusable();
    }
    return Expressions.column(field(n, schema).getName());
  }

  private static StructField field(JsonNode n, StructType schema) throws Unusable {
    String name = n.path("name").asText("");
    int i = schema.indexOf(name);
    if (i < 0) {
      throw new Unusable();
    }
    StructField f = schema.at(i);
    if (!declaredTypeFits(n.path("valueType").asText(""), f.getDataType())) {
      throw new Unusable();
    }
    return f;
  }

  private static DataType typeOf(JsonNode column, StructType schema) throws Unusable {
    return field(column, schema).getDataType();
  }

  /** Whether the hint's declared value type is the column's type, or widens to it exactly. */
  private static boolean declaredTypeFits(String valueType, DataType t) {
    return switch (valueType) {
      case "bool" -> t instanceof BooleanType;
      case "int" ->
          t instanceof IntegerType
              || t instanceof LongType
              || t instanceof ShortType
              || t instanceof ByteType;
      case "long" -> t instanceof LongType;
      case "string" -> t instanceof StringType;
      case "date" -> t instanceof DateType;
      case "float" -> t instanceof FloatType || t instanceof DoubleType;
      case "double" -> t instanceof DoubleType;
      default -> false;
    };
  }

  private static Literal literal(JsonNode n, DataType columnType) throws Unusable {
    if (!declaredTypeFits(n.path("valueType").asText(""), columnType)
        || !n.path("value").isTextual()) {
      throw new Unusable();
    }
    String v = n.path("value").asText();
    try {
      if (columnType instanceof BooleanType) {
        if (!v.equals("true") && !v.equals("false")) {
          throw new Unusable();
        }
        return Literal.ofBoolean(Boolean.parseBoolean(v));
      } else if (columnType instanceof ByteType) {
        return Literal.ofByte(Byte.parseByte(v));
      } else if (columnType instanceof ShortType) {
        return Literal.ofShort(Short.parseShort(v));
      } else if (columnType instanceof IntegerType) {
        return Literal.ofInt(Integer.parseInt(v));
      } else if (columnType instanceof LongType) {
        return Literal.ofLong(Long.parseLong(v));
      } else if (columnType instanceof StringType) {
        return Literal.ofString(v);
      } else if (columnType instanceof DateType) {
        return Literal.ofDate(LocalDate.parse(v));
      } else if (columnType instanceof FloatType) {
        return Literal.ofFloat(Float.parseFloat(v));
      } else if (columnType instanceof DoubleType) {
        return Literal.ofDouble(Double.parseDouble(v));
      }
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new Unusable();
    }
    throw new Unusable();
  }
}
