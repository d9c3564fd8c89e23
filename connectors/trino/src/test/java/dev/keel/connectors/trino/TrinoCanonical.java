package dev.keel.connectors.trino;

import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import io.trino.spi.type.SqlDate;
import io.trino.spi.type.SqlDecimal;
import io.trino.spi.type.SqlTimestamp;
import io.trino.spi.type.SqlTimestampWithTimeZone;
import io.trino.spi.type.SqlVarbinary;
import io.trino.testing.MaterializedRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trino's query results in the corpus's canonical row format (cases/README.md), driven by the
 * table's Keel schema (Trino's results carry neither original column names nor struct field names).
 */
final class TrinoCanonical {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private TrinoCanonical() {}

  /** A {@code SELECT *} row of a table whose visible columns are those of {@code schema}. */
  static String row(MaterializedRow row, StructType schema) {
    Map<String, String> fields = new TreeMap<>();
    int i = 0;
    for (StructField f : schema.getFields()) {
      if (KeelTypes.isVisible(f.getDataType())) {
        fields.put(f.getName(), value(row.getField(i++), f.getDataType()));
      }
    }
    return CanonicalJson.object(fields);
  }

  static String value(Object v, DataType t) {
    if (v == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    if (t instanceof DecimalType d) {
      BigDecimal bd = v instanceof SqlDecimal s ? s.toBigDecimal() : (BigDecimal) v;
      CanonicalJson.string(sb, bd.setScale(d.getScale()).toPlainString());
    } else if (v instanceof Boolean
        || v instanceof Byte
        || v instanceof Short
        || v instanceof Integer
        || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Float || v instanceof Double) {
      sb.append(CanonicalJson.number(((Number) v).doubleValue(), t instanceof FloatType));
    } else if (v instanceof String s) {
      CanonicalJson.string(sb, s);
    } else if (t instanceof BinaryType) {
      byte[] bytes = v instanceof SqlVarbinary b ? b.getBytes() : (byte[]) v;
      CanonicalJson.string(sb, Base64.getEncoder().encodeToString(bytes));
    } else if (v instanceof LocalDate || v instanceof SqlDate) {
      CanonicalJson.string(
          sb, v instanceof SqlDate d ? LocalDate.ofEpochDay(d.getDays()).toString() : v.toString());
    } else if (t instanceof TimestampType) {
      Instant instant =
          v instanceof ZonedDateTime z
              ? z.toInstant()
              : ((SqlTimestampWithTimeZone) v).toZonedDateTime().toInstant();
      CanonicalJson.string(sb, MICROS.format(instant.atOffset(ZoneOffset.UTC)) + "Z");
    } else if (t instanceof TimestampNTZType) {
      LocalDateTime local = v instanceof LocalDateTime l ? l : ((SqlTimestamp) v).toLocalDateTime();
      CanonicalJson.string(sb, MICROS.format(local));
    } else if (t instanceof ArrayType a) {
      List<String> elements = new ArrayList<>();
      for (Object e : (List<?>) v) {
        elements.add(value(e, a.getElementType()));
      }
      sb.append('[').append(String.join(",", elements)).append(']');
    } else if (t instanceof MapType m) {
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        pairs.add(
            "["
                + value(e.getKey(), m.getKeyType())
                + ","
                + value(e.getValue(), m.getValueType())
                + "]");
      }
      pairs.sort(String::compareTo);
      sb.append('[').append(String.join(",", pairs)).append(']');
    } else if (t instanceof StructType s) {
      List<?> values = v instanceof MaterializedRow r ? r.getFields() : (List<?>) v;
      Map<String, String> fields = new TreeMap<>();
      int i = 0;
      for (StructField f : s.getFields()) {
        if (KeelTypes.isVisible(f.getDataType())) {
          fields.put(f.getName(), value(values.get(i++), f.getDataType()));
        }
      }
      sb.append(CanonicalJson.object(fields));
    } else {
      throw new IllegalArgumentException("No canonical form for " + v.getClass() + " of " + t);
    }
    return sb.toString();
  }
}
