package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.internal.Errors;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema Keel writes for a Delta schema (PROTOCOL.md, "Delta Data Type to Parquet Type
 * Mappings"): decimals as INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision, timestamps as INT64
 * microseconds, 3-level lists ({@code list.element}), maps ({@code key_value.key/value}), variants
 * as {@code metadata/value} binaries. A field's {@code parquet.field.id} metadata becomes the
 * Parquet field id.
 */
final class ParquetSchemas {
  private ParquetSchemas() {}

  static MessageType toParquet(StructType schema) {
    List<Type> fields = new ArrayList<>();
    for (StructField f : schema.getFields()) {
      fields.add(
          toType(
              f.getName(),
              f.getDataType(),
              f.isNullable(),
              f.getMetadata().getLong(ReadPlan.FIELD_ID_KEY)));
    }
    return new MessageType("spark_schema", fields);
  }

  /** Bytes needed to store any unscaled value of the given precision in two's complement. */
  static int decimalBytes(int precision) {
    int bytes = 1;
    while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
      bytes++;
    }
    return bytes;
  }

  private static Type toType(String name, DataType t, boolean nullable, Optional<Long> id) {
    Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    Type result;
    if (t instanceof StructType) {
      List<Type> children = new ArrayList<>();
      for (StructField f : ((StructType) t).getFields()) {
        children.add(
            toType(
                f.getName(),
                f.getDataType(),
                f.isNullable(),
                f.getMetadata().getLong(ReadPlan.FIELD_ID_KEY)));
      }
      result = Types.buildGroup(rep).addFields(children.toArray(new Type[0])).named(name);
    } else if (t instanceof ArrayType) {
      ArrayType a = (ArrayType) t;
      result =
          Types.buildGroup(rep)
              .as(LogicalTypeAnnotation.listType())
              .addField(
                  Types.repeatedGroup()
                      .addField(
                          toType("element", a.getElementType(), a.containsNull(), Optional.empty()))
                      .named("list"))
              .named(name);
    } else if (t instanceof MapType) {
      MapType m = (MapType) t;
      result =
          Types.buildGroup(rep)
              .as(LogicalTypeAnnotation.mapType())
              .addField(
                  Types.repeatedGroup()
                      .addField(toType("key", m.getKeyType(), false, Optional.empty()))
                      .addField(
                          toType(
                              "value", m.getValueType(), m.isValueContainsNull(), Optional.empty()))
                      .named("key_value"))
              .named(name);
    } else if (t instanceof VariantType) {
      result =
          Types.buildGroup(rep)
              .required(PrimitiveTypeName.BINARY)
              .named("metadata")
              .required(PrimitiveTypeName.BINARY)
              .named("value")
              .named(name);
    } else {
      result = primitive(name, t, rep);
    }
    return id.isPresent() ? result.withId(Math.toIntExact(id.get())) : result;
  }

  private static Type primitive(String name, DataType t, Type.Repetition rep) {
    if (t instanceof BooleanType) {
      return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
    } else if (t instanceof ByteType) {
      return Types.primitive(PrimitiveTypeName.INT32, rep)
          .as(LogicalTypeAnnotation.intType(8, true))
          .named(name);
    } else if (t instanceof ShortType) {
      return Types.primitive(PrimitiveTypeName.INT32, rep)
          .as(LogicalTypeAnnotation.intType(16, true))
          .named(name);
    } else if (t instanceof IntegerType) {
      return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
    } else if (t instanceof LongType) {
      return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
    } else if (t instanceof FloatType) {
      return Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
    } else if (t instanceof DoubleType) {
      return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
    } else if (t instanceof DecimalType) {
      DecimalType d = (DecimalType) t;
      LogicalTypeAnnotation dec = LogicalTypeAnnotation.decimalType(d.getScale(), d.getPrecision());
      if (d.getPrecision() <= 9) {
        return Types.primitive(PrimitiveTypeName.INT32, rep).as(dec).named(name);
      }
      if (d.getPrecision() <= 18) {
        return Types.primitive(PrimitiveTypeName.INT64, rep).as(dec).named(name);
      }
      return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep)
          .length(decimalBytes(d.getPrecision()))
          .as(dec)
          .named(name);
    } else if (t instanceof StringType) {
      return Types.primitive(PrimitiveTypeName.BINARY, rep)
          .as(LogicalTypeAnnotation.stringType())
          .named(name);
    } else if (t instanceof BinaryType) {
      return Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
    } else if (t instanceof DateType) {
      return Types.primitive(PrimitiveTypeName.INT32, rep)
          .as(LogicalTypeAnnotation.dateType())
          .named(name);
    } else if (t instanceof TimestampType) {
      return Types.primitive(PrimitiveTypeName.INT64, rep)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named(name);
    } else if (t instanceof TimestampNTZType) {
      return Types.primitive(PrimitiveTypeName.INT64, rep)
          .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named(name);
    }
    throw Errors.parquetCannotWrite(name, t);
  }
}
