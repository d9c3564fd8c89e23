package dev.keel.connectors.kafka;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Avro messages (binary encoded with one known writer schema, no container and no registry header)
 * as JSON text the table's JSON parser reads: logical timestamps and dates as ISO-8601 strings,
 * decimals as numbers, bytes and fixed as base64 strings, records and maps as objects.
 */
final class AvroMessages {
  private final Schema schema;
  private final GenericDatumReader<Object> reader;

  /**
   * @param schemaJson the writer schema, as an {@code .avsc} file holds it
   * @throws IllegalArgumentException if it is not a valid Avro schema
   */
  AvroMessages(String schemaJson) {
    try {
      this.schema = new Schema.Parser().parse(schemaJson);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not a valid Avro schema: " + e.getMessage(), e);
    }
    this.reader = new GenericDatumReader<>(schema);
  }

  /**
   * @return the message as JSON, UTF-8
   * @throws IOException if the bytes are not one record of the schema (too few, or some left over)
   */
  byte[] toJson(byte[] message) throws IOException {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(message, null);
    Object value;
    try {
      value = reader.read(null, decoder);
    } catch (RuntimeException e) {
      throw new IOException(
          "not a record of the Avro schema " + schema.getFullName() + ": " + e, e);
    }
    if (!decoder.isEnd()) {
      throw new IOException(
          "not a record of the Avro schema "
              + schema.getFullName()
              + ": bytes are left over after the record");
    }
    StringBuilder sb = new StringBuilder();
    write(sb, value, schema);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder sb, Object v, Schema s) {
    if (v == null) {
      sb.append("null");
      return;
    }
    if (s.getType() == Schema.Type.UNION) {
      s = s.getTypes().get(GenericData.get().resolveUnion(s, v));
    }
    LogicalType logical = s.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMillis) {
      quote(sb, Instant.ofEpochMilli((Long) v).toString());
    } else if (logical instanceof LogicalTypes.TimestampMicros) {
      long micros = (Long) v;
      quote(
          sb,
          Instant.ofEpochSecond(
                  Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000)
              .toString());
    } else if (logical instanceof LogicalTypes.LocalTimestampMillis) {
      quote(
          sb, Instant.ofEpochMilli((Long) v).atOffset(ZoneOffset.UTC).toLocalDateTime().toString());
    } else if (logical instanceof LogicalTypes.LocalTimestampMicros) {
      long micros = (Long) v;
      quote(
          sb,
          Instant.ofEpochSecond(
                  Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000)
              .atOffset(ZoneOffset.UTC)
              .toLocalDateTime()
              .toString());
    } else if (logical instanceof LogicalTypes.Date) {
      quote(sb, LocalDate.ofEpochDay((Integer) v).toString());
    } else if (logical instanceof LogicalTypes.Decimal) {
      byte[] unscaled =
          v instanceof ByteBuffer ? bytes((ByteBuffer) v) : ((GenericFixed) v).bytes();
      sb.append(
          new BigDecimal(new BigInteger(unscaled), ((LogicalTypes.Decimal) logical).getScale())
              .toPlainString());
    } else if (v instanceof GenericRecord) {
      GenericRecord r = (GenericRecord) v;
      sb.append('{');
      boolean first = true;
      for (Schema.Field f : r.getSchema().getFields()) {
        sb.append(first ? "" : ",");
        first = false;
        quote(sb, f.name());
        sb.append(':');
        write(sb, r.get(f.pos()), f.schema());
      }
      sb.append('}');
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(first ? "" : ",");
        first = false;
        quote(sb, e.getKey().toString());
        sb.append(':');
        write(sb, e.getValue(), s.getValueType());
      }
      sb.append('}');
    } else if (v instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object o : (List<?>) v) {
        sb.append(first ? "" : ",");
        first = false;
        write(sb, o, s.getElementType());
      }
      sb.append(']');
    } else if (v instanceof ByteBuffer) {
      quote(sb, Base64.getEncoder().encodeToString(bytes((ByteBuffer) v)));
    } else if (v instanceof GenericFixed) {
      quote(sb, Base64.getEncoder().encodeToString(((GenericFixed) v).bytes()));
    } else if (v instanceof Float || v instanceof Double) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        quote(sb, Double.toString(d));
      } else {
        sb.append(v);
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      quote(sb, v.toString()); // strings (Utf8) and enum symbols
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
