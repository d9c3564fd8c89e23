package dev.keel.kernel.internal.txn;

import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Serializes partition values (PROTOCOL.md, "Partition Value Serialization") and escapes them for
 * directory names.
 */
final class PartitionValueWriter {
  private PartitionValueWriter() {}

  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter NTZ =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  /**
   * @return the log's string for the value, null for a null value
   */
  static String serialize(Literal value) {
    if (value.isNull()) {
      return null;
    }
    Object v = value.getValue().get();
    if (value.getDataType() instanceof DateType) {
      return LocalDate.ofEpochDay((Integer) v).toString();
    }
    if (value.getDataType() instanceof TimestampType
        || value.getDataType() instanceof TimestampNTZType) {
      long micros = (Long) v;
      LocalDateTime t =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L),
              (int) Math.floorMod(micros, 1_000_000L) * 1000,
              ZoneOffset.UTC);
      return value.getDataType() instanceof TimestampType ? MICROS.format(t) + "Z" : NTZ.format(t);
    }
    if (value.getDataType() instanceof DecimalType) {
      return ((BigDecimal) v).toPlainString();
    }
    if (value.getDataType() instanceof BinaryType) {
      return new String((byte[]) v, StandardCharsets.ISO_8859_1);
    }
    return String.valueOf(v);
  }

  /**
   * Hive's escaping of directory names: control characters, quote, hash, percent, apostrophe, star,
   * slash, colon, equals, question mark, backslash, braces, brackets and caret become %XX.
   */
  static String escapePathName(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
        sb.append('%').append(String.format("%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
