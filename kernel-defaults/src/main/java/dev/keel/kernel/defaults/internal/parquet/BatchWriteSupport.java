package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Utf8Vector;
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
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.types.VariantType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one row of a {@link ColumnarBatch} per record, reading straight from the column vectors
 * (no row objects). The record passed to {@code write} is the row position; call {@link #setBatch}
 * before writing a batch's rows.
 */
final class BatchWriteSupport extends WriteSupport<Integer> {
  private final StructType schema;
  private final MessageType parquetSchema;
  private final String[] names;
  private final TopLevel[] writers;
  private RecordConsumer consumer;
  private ColumnarBatch batch;

  /** UTF-8 bytes of the string value being written; parquet-mr copies what it keeps. */
  private byte[] utf8 = new byte[256];

  /** Writes a non-null value of a top-level column, chosen once per column instead of per value. */
  @FunctionalInterface
  private interface TopLevel {
    void write(ColumnVector v, int row);
  }

  BatchWriteSupport(StructType schema) {
    this.schema = schema;
    this.parquetSchema = ParquetSchemas.toParquet(schema);
    this.names = new String[schema.length()];
    this.writers = new TopLevel[schema.length()];
    for (int i = 0; i < schema.length(); i++) {
      names[i] = schema.at(i).getName();
      writers[i] = writerOf(schema.at(i).getDataType());
    }
  }

  private TopLevel writerOf(DataType t) {
    if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) {
      return (v, row) -> consumer.addLong(v.getLong(row));
    } else if (t instanceof DoubleType) {
      return (v, row) -> consumer.addDouble(v.getDouble(row));
    } else if (t instanceof IntegerType || t instanceof DateType) {
      return (v, row) -> consumer.addInteger(v.getInt(row));
    } else if (t instanceof StringType) {
      return this::writeString;
    }
    return (v, row) -> writeValue(v, row, t);
  }

  void setBatch(ColumnarBatch batch) {
    this.batch = batch;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(parquetSchema, Map.of("writer.model.name", "keel"));
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Integer rowId) {
    consumer.startMessage();
    int row = rowId;
    for (int i = 0; i < writers.length; i++) {
      ColumnVector v = batch.getColumnVector(i);
      if (!v.isNullAt(row)) {
        consumer.startField(names[i], i);
        writers[i].write(v, row);
        consumer.endField(names[i], i);
      }
    }
    consumer.endMessage();
  }

  private void writeValue(ColumnVector v, int row, DataType t) {
    if (t instanceof BooleanType) {
      consumer.addBoolean(v.getBoolean(row));
    } else if (t instanceof ByteType) {
      consumer.addInteger(v.getByte(row));
    } else if (t instanceof ShortType) {
      consumer.addInteger(v.getShort(row));
    } else if (t instanceof IntegerType || t instanceof DateType) {
      consumer.addInteger(v.getInt(row));
    } else if (t instanceof LongType
        || t instanceof TimestampType
        || t instanceof TimestampNTZType) {
      consumer.addLong(v.getLong(row));
    } else if (t instanceof FloatType) {
      consumer.addFloat(v.getFloat(row));
    } else if (t instanceof DoubleType) {
      consumer.addDouble(v.getDouble(row));
    } else if (t instanceof DecimalType) {
      writeDecimal(v.getDecimal(row), (DecimalType) t);
    } else if (t instanceof StringType) {
      writeString(v, row);
    } else if (t instanceof BinaryType) {
      consumer.addBinary(Binary.fromConstantByteArray(v.getBinary(row)));
    } else if (t instanceof StructType) {
      writeStruct(v, row, (StructType) t);
    } else if (t instanceof VariantType) {
      consumer.startGroup();
      for (int c = 0; c < 2; c++) {
        String name = c == 0 ? "metadata" : "value";
        consumer.startField(name, c);
        consumer.addBinary(Binary.fromConstantByteArray(v.getChild(c).getBinary(row)));
        consumer.endField(name, c);
      }
      consumer.endGroup();
    } else if (t instanceof ArrayType) {
      ArrayValue a = v.getArray(row);
      consumer.startGroup();
      if (a.getSize() > 0) {
        consumer.startField("list", 0);
        for (int j = 0; j < a.getSize(); j++) {
          consumer.startGroup();
          if (!a.getElements().isNullAt(j)) {
            consumer.startField("element", 0);
            writeValue(a.getElements(), j, ((ArrayType) t).getElementType());
            consumer.endField("element", 0);
          }
          consumer.endGroup();
        }
        consumer.endField("list", 0);
      }
      consumer.endGroup();
    } else if (t instanceof MapType) {
      MapValue m = v.getMap(row);
      MapType mt = (MapType) t;
      consumer.startGroup();
      if (m.getSize() > 0) {
        consumer.startField("key_value", 0);
        for (int j = 0; j < m.getSize(); j++) {
          consumer.startGroup();
          consumer.startField("key", 0);
          writeValue(m.getKeys(), j, mt.getKeyType());
          consumer.endField("key", 0);
          if (!m.getValues().isNullAt(j)) {
            consumer.startField("value", 1);
            writeValue(m.getValues(), j, mt.getValueType());
            consumer.endField("value", 1);
          }
          consumer.endGroup();
        }
        consumer.endField("key_value", 0);
      }
      consumer.endGroup();
    } else {
      throw new IllegalStateException("unreachable: schema conversion rejects " + t);
    }
  }

  /**
   * Writes a string from its UTF-8 bytes where the vector hands them out (no {@code String} made),
   * through a reused buffer: parquet-mr copies the values it keeps (dictionary entries, minimum and
   * maximum).
   */
  private void writeString(ColumnVector v, int row) {
    if (v instanceof Utf8Vector) {
      Utf8Vector u = (Utf8Vector) v;
      int length = u.utf8Length(row);
      if (utf8.length < length) {
        utf8 = new byte[Math.max(length, 2 * utf8.length)];
      }
      u.copyUtf8(row, utf8);
      consumer.addBinary(Binary.fromReusedByteArray(utf8, 0, length));
    } else {
      consumer.addBinary(
          Binary.fromConstantByteArray(v.getString(row).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private void writeStruct(ColumnVector v, int row, StructType st) {
    consumer.startGroup();
    for (int c = 0; c < st.length(); c++) {
      ColumnVector child = v.getChild(c);
      if (!child.isNullAt(row)) {
        consumer.startField(st.at(c).getName(), c);
        writeValue(child, row, st.at(c).getDataType());
        consumer.endField(st.at(c).getName(), c);
      }
    }
    consumer.endGroup();
  }

  private void writeDecimal(BigDecimal d, DecimalType t) {
    java.math.BigInteger unscaled =
        d.setScale(t.getScale(), java.math.RoundingMode.UNNECESSARY).unscaledValue();
    if (t.getPrecision() <= 9) {
      consumer.addInteger(unscaled.intValueExact());
    } else if (t.getPrecision() <= 18) {
      consumer.addLong(unscaled.longValueExact());
    } else {
      int len = ParquetSchemas.decimalBytes(t.getPrecision());
      byte[] raw = unscaled.toByteArray();
      byte[] fixed = new byte[len];
      Arrays.fill(fixed, 0, len - raw.length, unscaled.signum() < 0 ? (byte) -1 : 0);
      System.arraycopy(raw, 0, fixed, len - raw.length, raw.length);
      consumer.addBinary(Binary.fromConstantByteArray(fixed));
    }
  }
}
