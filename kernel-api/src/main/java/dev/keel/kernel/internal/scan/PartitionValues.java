package dev.keel.kernel.internal.scan;

import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.util.ValueParsers;
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
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Typed partition values from the strings of {@code add.partitionValues} (PROTOCOL.md, "Partition
 * Value Serialization"). A null or empty string is null, and so is Hive's {@code
 * __HIVE_DEFAULT_PARTITION__}. Timestamps without a zone ({@code yyyy-MM-dd HH:mm:ss[.S]}) are read
 * as UTC, the same instant Delta Kernel Java and Spark in a UTC session give; ISO-8601 values with
 * a zone are exact.
 */
public final class PartitionValues {
  private PartitionValues() {}

  /** Hive's name for a null partition, which some writers put in the log instead of null. */
  public static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  public static Literal parse(String column, String raw, DataType type) {
    return parse(column, raw, type, null);
  }

  /**
   * @param dataFile the file whose partition value it is, for the message of a value that does not
   *     parse; null when not known
   */
  public static Literal parse(String column, String raw, DataType type, String dataFile) {
    // The protocol: an empty string is null. Some writers also log Hive's null directory name.
    if (raw == null || raw.isEmpty() || raw.equals(HIVE_DEFAULT_PARTITION)) {
      return Literal.ofNull(type);
    }
    try {
      if (type instanceof StringType) {
        return Literal.ofString(raw);
      } else if (type instanceof BooleanType) {
        if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("not true or false");
        }
        return Literal.ofBoolean(Boolean.parseBoolean(raw));
      } else if (type instanceof ByteType) {
        return Literal.ofByte(Byte.parseByte(raw.trim()));
      } else if (type instanceof ShortType) {
        return Literal.ofShort(Short.parseShort(raw.trim()));
      } else if (type instanceof IntegerType) {
        return Literal.ofInt(Integer.parseInt(raw.trim()));
      } else if (type instanceof LongType) {
        return Literal.ofLong(Long.parseLong(raw.trim()));
      } else if (type instanceof FloatType) {
        return Literal.ofFloat((float) ValueParsers.parseDouble(raw));
      } else if (type instanceof DoubleType) {
        return Literal.ofDouble(ValueParsers.parseDouble(raw));
      } else if (type instanceof DecimalType) {
        DecimalType d = (DecimalType) type;
        return Literal.ofDecimal(new BigDecimal(raw.trim()), d.getPrecision(), d.getScale());
      } else if (type instanceof DateType) {
        return Literal.ofDate(
            ValueParsers.parseDate(raw.length() > 10 ? raw.substring(0, 10) : raw));
      } else if (type instanceof TimestampType) {
        return Literal.ofTimestamp(ValueParsers.parseTimestamp(raw));
      } else if (type instanceof TimestampNTZType) {
        return Literal.ofTimestampNtz(ValueParsers.parseTimestampNtz(raw));
      } else if (type instanceof BinaryType) {
        return Literal.ofBinary(raw.getBytes(StandardCharsets.ISO_8859_1));
      }
      throw new IllegalArgumentException(
          "partition columns of type " + type + " are not supported");
    } catch (RuntimeException e) {
      throw Errors.invalidPartitionValue(column, raw, type, e, dataFile);
    }
  }
}
