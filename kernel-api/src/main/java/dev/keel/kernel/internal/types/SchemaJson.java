package dev.keel.kernel.internal.types;

import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.FieldMetadata;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.PrimitiveType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and writes the Delta schema JSON (PROTOCOL.md, "Schema Serialization Format"). */
public final class SchemaJson {
  private SchemaJson() {}

  private static final Pattern DECIMAL =
      Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
  private static final List<PrimitiveType> PRIMITIVES =
      List.of(
          DataTypes.BOOLEAN,
          DataTypes.BYTE,
          DataTypes.SHORT,
          DataTypes.INTEGER,
          DataTypes.LONG,
          DataTypes.FLOAT,
          DataTypes.DOUBLE,
          DataTypes.STRING,
          DataTypes.BINARY,
          DataTypes.DATE,
          DataTypes.TIMESTAMP,
          DataTypes.TIMESTAMP_NTZ,
          DataTypes.VARIANT,
          DataTypes.VOID);

  /** The type names Keel understands, for error messages. */
  public static final String SUPPORTED_TYPES =
      "boolean, byte, short, integer, long, float, double, decimal(p,s), string, binary, date, "
          + "timestamp, timestamp_ntz, variant, void, struct, array, map";

  public static StructType parseStruct(String json) {
    DataType type = parseType(json);
    if (!(type instanceof StructType)) {
      throw Errors.invalidSchemaJson(
          "expected a struct type at the top level but found `"
              + type
              + "`. A table schema is a JSON object with \"type\":\"struct\".",
          null);
    }
    return (StructType) type;
  }

  public static DataType parseType(String json) {
    if (json == null) {
      throw Errors.invalidSchemaJson("the schema string is missing (null).", null);
    }
    Object tree;
    try {
      tree = Json.parse(json);
    } catch (Json.JsonSyntaxException e) {
      throw Errors.invalidSchemaJson(e.getMessage() + ". Schema: " + abbreviate(json), e);
    }
    return toType(tree, "<root>");
  }

  private static DataType toType(Object node, String path) {
    if (node instanceof String) {
      return primitive((String) node, path);
    }
    if (!(node instanceof Map)) {
      throw invalid(path, "a type must be a type name or an object, found " + Json.toJson(node));
    }
    Map<?, ?> obj = (Map<?, ?>) node;
    Object kind = obj.get("type");
    if (!(kind instanceof String)) {
      throw invalid(path, "a nested type needs a string \"type\" field, found " + Json.toJson(obj));
    }
    switch ((String) kind) {
      case "struct":
        return toStruct(obj, path);
      case "array":
        return new ArrayType(
            toType(required(obj, "elementType", path), path + ".element"),
            bool(obj, "containsNull", path, true));
      case "map":
        return new MapType(
            toType(required(obj, "keyType", path), path + ".key"),
            toType(required(obj, "valueType", path), path + ".value"),
            bool(obj, "valueContainsNull", path, true));
      default:
        // Some writers nest primitive names as {"type": "integer"}; treat those as primitives.
        if (obj.size() == 1) {
          return primitive((String) kind, path);
        }
        throw invalid(path, "unknown nested type \"" + kind + "\"");
    }
  }

  private static StructType toStruct(Map<?, ?> obj, String path) {
    Object fieldsNode = required(obj, "fields", path);
    if (!(fieldsNode instanceof List)) {
      throw invalid(path, "\"fields\" must be an array");
    }
    List<StructField> fields = new ArrayList<>();
    for (Object f : (List<?>) fieldsNode) {
      if (!(f instanceof Map)) {
        throw invalid(path, "a struct field must be an object, found " + Json.toJson(f));
      }
      Map<?, ?> field = (Map<?, ?>) f;
      Object name = field.get("name");
      if (!(name instanceof String)) {
        throw invalid(path, "a struct field needs a string \"name\", found " + Json.toJson(field));
      }
      String fieldPath = "<root>".equals(path) ? (String) name : path + "." + name;
      DataType type = toType(required(field, "type", fieldPath), fieldPath);
      boolean nullable = bool(field, "nullable", fieldPath, true);
      Object metadata = field.get("metadata");
      FieldMetadata md = metadata == null ? FieldMetadata.empty() : toMetadata(metadata, fieldPath);
      fields.add(new StructField((String) name, type, nullable, md));
    }
    return new StructType(fields);
  }

  private static FieldMetadata toMetadata(Object node, String path) {
    if (!(node instanceof Map)) {
      throw invalid(path, "\"metadata\" must be an object");
    }
    FieldMetadata.Builder b = FieldMetadata.builder();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
      b.put((String) e.getKey(), toMetadataValue(e.getValue(), path));
    }
    return b.build();
  }

  private static Object toMetadataValue(Object v, String path) {
    if (v instanceof Map) {
      return toMetadata(v, path);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(toMetadataValue(e, path));
      }
      return out;
    }
    return v;
  }

  private static DataType primitive(String name, String path) {
    for (PrimitiveType t : PRIMITIVES) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    if ("decimal".equals(name)) {
      return DecimalType.of(10, 0);
    }
    Matcher m = DECIMAL.matcher(name);
    if (m.matches()) {
      int precision;
      int scale;
      try {
        precision = Integer.parseInt(m.group(1));
        scale = Integer.parseInt(m.group(2));
      } catch (NumberFormatException e) {
        throw invalid(path, "decimal precision or scale out of range in `" + name + "`");
      }
      return DecimalType.of(precision, scale);
    }
    throw Errors.unknownType(name, path, SUPPORTED_TYPES);
  }

  private static Object required(Map<?, ?> obj, String key, String path) {
    if (!obj.containsKey(key)) {
      throw invalid(path, "missing field \"" + key + "\" in " + abbreviate(Json.toJson(obj)));
    }
    return obj.get(key);
  }

  private static boolean bool(Map<?, ?> obj, String key, String path, boolean dflt) {
    Object v = obj.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean)) {
      throw invalid(path, "\"" + key + "\" must be true or false, found " + Json.toJson(v));
    }
    return (Boolean) v;
  }

  private static InvalidSchemaException invalid(String path, String what) {
    return Errors.invalidSchemaAt(path, what);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  // ---- writing ----

  public static String toJson(DataType type) {
    StringBuilder sb = new StringBuilder();
    write(sb, type);
    return sb.toString();
  }

  private static void write(StringBuilder sb, DataType type) {
    if (type instanceof StructType) {
      sb.append("{\"type\":\"struct\",\"fields\":[");
      boolean first = true;
      for (StructField f : ((StructType) type).getFields()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append("{\"name\":");
        Json.quote(sb, f.getName());
        sb.append(",\"type\":");
        write(sb, f.getDataType());
        sb.append(",\"nullable\":").append(f.isNullable()).append(",\"metadata\":");
        Json.write(sb, f.getMetadata());
        sb.append('}');
      }
      sb.append("]}");
    } else if (type instanceof ArrayType) {
      ArrayType a = (ArrayType) type;
      sb.append("{\"type\":\"array\",\"elementType\":");
      write(sb, a.getElementType());
      sb.append(",\"containsNull\":").append(a.containsNull()).append('}');
    } else if (type instanceof MapType) {
      MapType m = (MapType) type;
      sb.append("{\"type\":\"map\",\"keyType\":");
      write(sb, m.getKeyType());
      sb.append(",\"valueType\":");
      write(sb, m.getValueType());
      sb.append(",\"valueContainsNull\":").append(m.isValueContainsNull()).append('}');
    } else {
      Json.quote(sb, type.toString());
    }
  }
}
