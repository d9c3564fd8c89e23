package dev.keel.kernel.internal.scan;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.internal.data.GenericRow;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON form of a scan file row: an object of {@link ScanFile#SCHEMA}'s fields, nulls left out. */
public final class ScanFileCodec {
  private ScanFileCodec() {}

  public static String toJson(Row row) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, row, ScanFile.SCHEMA);
    return sb.toString();
  }

  /**
   * Writes what {@code Json.toJson(toMap(row, schema))} writes, without the map: an engine ships
   * one of these per data file when it plans a scan.
   */
  private static void write(StringBuilder sb, Row row, StructType schema) {
    sb.append('{');
    boolean first = true;
    for (int i = 0; i < schema.length(); i++) {
      if (row.isNullAt(i)) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      Json.quote(sb, schema.at(i).getName());
      sb.append(':');
      DataType t = schema.at(i).getDataType();
      if (t instanceof StringType) {
        Json.quote(sb, row.getString(i));
      } else if (t instanceof LongType) {
        sb.append(row.getLong(i));
      } else if (t instanceof IntegerType) {
        sb.append(row.getInt(i));
      } else if (t instanceof BooleanType) {
        sb.append(row.getBoolean(i));
      } else if (t instanceof MapType) {
        // as a map would hold them: the last value of a repeated key, at the key's first place
        Map<String, String> map = new LinkedHashMap<>();
        MapValue mv = row.getMap(i);
        for (int j = 0; j < mv.getSize(); j++) {
          map.put(
              mv.getKeys().getString(j),
              mv.getValues().isNullAt(j) ? null : mv.getValues().getString(j));
        }
        sb.append('{');
        boolean firstEntry = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
          if (!firstEntry) {
            sb.append(',');
          }
          firstEntry = false;
          Json.quote(sb, e.getKey());
          sb.append(':');
          if (e.getValue() == null) {
            sb.append("null");
          } else {
            Json.quote(sb, e.getValue());
          }
        }
        sb.append('}');
      } else {
        write(sb, row.getStruct(i), (StructType) t);
      }
    }
    sb.append('}');
  }

  /**
   * @param row a row of {@code schema}, whose leaves are strings, longs, integers, booleans, string
   *     maps or structs of those (the shape of file actions)
   * @return the row's non-null fields by name, ready for {@link Json#toJson}
   */
  public static Map<String, Object> toMap(Row row, StructType schema) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < schema.length(); i++) {
      if (row.isNullAt(i)) {
        continue;
      }
      DataType t = schema.at(i).getDataType();
      Object v;
      if (t instanceof StringType) {
        v = row.getString(i);
      } else if (t instanceof LongType) {
        v = row.getLong(i);
      } else if (t instanceof IntegerType) {
        v = (long) row.getInt(i);
      } else if (t instanceof BooleanType) {
        v = row.getBoolean(i);
      } else if (t instanceof MapType) {
        Map<String, Object> map = new LinkedHashMap<>();
        MapValue mv = row.getMap(i);
        for (int j = 0; j < mv.getSize(); j++) {
          map.put(
              mv.getKeys().getString(j),
              mv.getValues().isNullAt(j) ? null : mv.getValues().getString(j));
        }
        v = map;
      } else {
        v = toMap(row.getStruct(i), (StructType) t);
      }
      m.put(schema.at(i).getName(), v);
    }
    return m;
  }

  /**
   * A copy of a scan file row on the heap, independent of the batch it came from (which may then be
   * closed), without going through JSON text.
   */
  public static Row detach(Row row) {
    return fromMap(toMap(row, ScanFile.SCHEMA), ScanFile.SCHEMA);
  }

  /**
   * A scan file row from a parsed file action ({@code add}, {@code remove} or {@code cdc}): the
   * fields of {@link ScanFile#SCHEMA} it has, the others null.
   */
  public static Row fromAction(Map<String, Object> action) {
    return fromMap(action, ScanFile.SCHEMA);
  }

  @SuppressWarnings("unchecked")
  public static Row fromJson(String json) {
    try {
      return fromMap((Map<String, Object>) Json.parse(json), ScanFile.SCHEMA);
    } catch (RuntimeException e) {
      throw new KernelException(
          "Cannot read a scan file from `"
              + (json.length() > 100 ? json.substring(0, 100) + "..." : json)
              + "`: it was not written by ScanFile.toJson ("
              + e
              + ").",
          e);
    }
  }

  /** Whether a parsed JSON value has the shape of a scan file field of type {@code t}. */
  private static boolean fits(Object v, DataType t) {
    if (t instanceof StringType) {
      return v instanceof String;
    } else if (t instanceof LongType || t instanceof IntegerType) {
      return v instanceof Long;
    } else if (t instanceof BooleanType) {
      return v instanceof Boolean;
    }
    return v instanceof Map; // structs and string maps
  }

  @SuppressWarnings("unchecked")
  private static Row fromMap(Map<String, Object> m, StructType schema) {
    Object[] values = new Object[schema.length()];
    for (int i = 0; i < schema.length(); i++) {
      Object v = m.get(schema.at(i).getName());
      DataType t = schema.at(i).getDataType();
      if (v != null && !fits(v, t)) {
        throw new IllegalArgumentException(
            "field `"
                + schema.at(i).getName()
                + "` is "
                + Json.toJson(v)
                + ", not a "
                + t.toString().toLowerCase(java.util.Locale.ROOT));
      }
      if (v instanceof Map && t instanceof StructType) {
        v = fromMap((Map<String, Object>) v, (StructType) t);
      } else if (v instanceof Map) {
        Map<String, String> strings = new LinkedHashMap<>();
        ((Map<String, Object>) v)
            .forEach((k, x) -> strings.put(k, x == null ? null : String.valueOf(x)));
        v = strings;
      }
      values[i] = v;
    }
    return new GenericRow(schema, values);
  }
}
