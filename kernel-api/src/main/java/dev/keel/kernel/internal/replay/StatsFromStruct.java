package dev.keel.kernel.internal.replay;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a checkpoint's {@code add.stats_parsed} struct as the equivalent {@code stats} JSON, so
 * files of checkpoints written with struct statistics only are skipped like any other.
 */
final class StatsFromStruct {
  private StatsFromStruct() {}

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  static String toJson(ColumnVector stats, int row, StructType type) {
    StringBuilder sb = new StringBuilder();
    struct(sb, stats, row, type);
    return sb.toString();
  }

  private static void struct(StringBuilder sb, ColumnVector v, int row, StructType type) {
    sb.append('{');
    boolean first = true;
    for (int i = 0; i < type.length(); i++) {
      ColumnVector child = v.getChild(i);
      if (child.isNullAt(row)) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      Json.quote(sb, type.at(i).getName());
      sb.append(':');
      value(sb, child, row, type.at(i).getDataType());
    }
    sb.append('}');
  }

  private static void value(StringBuilder sb, ColumnVector v, int row, DataType t) {
    if (t instanceof StructType) {
      struct(sb, v, row, (StructType) t);
    } else if (t instanceof StringType) {
      Json.quote(sb, v.getString(row));
    } else if (t instanceof DateType) {
      Json.quote(sb, LocalDate.ofEpochDay(v.getInt(row)).toString());
    } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      long micros = v.getLong(row);
      LocalDateTime ldt =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L),
              (int) Math.floorMod(micros, 1_000_000L) * 1000,
              ZoneOffset.UTC);
      Json.quote(sb, MICROS.format(ldt) + (t instanceof TimestampType ? "Z" : ""));
    } else if (t instanceof DecimalType) {
      sb.append(v.getDecimal(row).toPlainString());
    } else if (t instanceof DoubleType || t instanceof FloatType) {
      double d = t instanceof FloatType ? v.getFloat(row) : v.getDouble(row);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        Json.quote(sb, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
      } else {
        sb.append(t instanceof FloatType ? Float.toString((float) d) : Double.toString(d));
      }
    } else if (t instanceof BooleanType) {
      sb.append(v.getBoolean(row));
    } else {
      sb.append(dev.keel.kernel.internal.scan.StatsValues.integral(v, row, t));
    }
  }
}
