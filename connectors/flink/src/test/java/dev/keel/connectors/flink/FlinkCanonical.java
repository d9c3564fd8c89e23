package dev.keel.connectors.flink;

import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.types.VariantType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;

/**
 * Flink's {@link RowData} in the corpus's canonical row format (cases/README.md), driven by the
 * table's Keel schema: the test's independent reading of what the source produced.
 */
final class FlinkCanonical {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private FlinkCanonical() {}

  /** A row of the visible columns of {@code schema}. */
  static String row(RowData row, StructType schema) {
    Map<String, String> fields = new TreeMap<>();
    int i = 0;
    for (StructField f : schema.getFields()) {
      DataType t = f.getDataType();
      if (RowDataConverter.isVisible(t)) {
        Object v =
            RowData.createFieldGetter(RowDataConverter.logicalType(t, true), i++)
                .getFieldOrNull(row);
        fields.put(f.getName(), value(v, t));
      }
    }
    return CanonicalJson.object(fields);
  }

  /** A value of Flink's internal data structures, as the canonical text of a Keel type. */
  private static String value(Object v, DataType t) {
    if (v == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    if (t instanceof BooleanType
        || t instanceof ByteType
        || t instanceof ShortType
        || t instanceof IntegerType
        || t instanceof LongType) {
      sb.append(v);
    } else if (t instanceof FloatType) {
      sb.append(CanonicalJson.number((Float) v, true));
    } else if (t instanceof DoubleType) {
      sb.append(CanonicalJson.number((Double) v, false));
    } else if (t instanceof DecimalType d) {
      CanonicalJson.string(
          sb, ((DecimalData) v).toBigDecimal().setScale(d.getScale()).toPlainString());
    } else if (t instanceof StringType || t instanceof VariantType) {
      // a variant is produced as its JSON text; canonically a string holding it
      CanonicalJson.string(sb, v.toString());
    } else if (t instanceof BinaryType) {
      CanonicalJson.string(sb, Base64.getEncoder().encodeToString((byte[]) v));
    } else if (t instanceof DateType) {
      CanonicalJson.string(sb, LocalDate.ofEpochDay((Integer) v).toString());
    } else if (t instanceof TimestampType) {
      CanonicalJson.string(sb, MICROS.format(((TimestampData) v).toLocalDateTime()) + "Z");
    } else if (t instanceof TimestampNTZType) {
      CanonicalJson.string(sb, MICROS.format(((TimestampData) v).toLocalDateTime()));
    } else if (t instanceof ArrayType a) {
      ArrayData array = (ArrayData) v;
      ArrayData.ElementGetter get =
          ArrayData.createElementGetter(RowDataConverter.logicalType(a.getElementType(), true));
      List<String> elements = new ArrayList<>();
      for (int e = 0; e < array.size(); e++) {
        elements.add(value(get.getElementOrNull(array, e), a.getElementType()));
      }
      sb.append('[').append(String.join(",", elements)).append(']');
    } else if (t instanceof MapType m) {
      MapData map = (MapData) v;
      ArrayData.ElementGetter key =
          ArrayData.createElementGetter(RowDataConverter.logicalType(m.getKeyType(), true));
      ArrayData.ElementGetter val =
          ArrayData.createElementGetter(RowDataConverter.logicalType(m.getValueType(), true));
      List<String> pairs = new ArrayList<>();
      for (int e = 0; e < map.size(); e++) {
        pairs.add(
            "["
                + value(key.getElementOrNull(map.keyArray(), e), m.getKeyType())
                + ","
                + value(val.getElementOrNull(map.valueArray(), e), m.getValueType())
                + "]");
      }
      pairs.sort(String::compareTo);
      sb.append('[').append(String.join(",", pairs)).append(']');
    } else if (t instanceof StructType s) {
      sb.append(row((RowData) v, s));
    } else {
      throw new IllegalArgumentException("No canonical form for " + t);
    }
    return sb.toString();
  }
}
