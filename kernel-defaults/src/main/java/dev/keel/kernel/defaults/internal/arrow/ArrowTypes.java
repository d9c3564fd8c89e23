package dev.keel.kernel.defaults.internal.arrow;

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
import dev.keel.kernel.types.VoidType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The mapping from Delta types to Arrow fields. Dates are {@code Date(DAY)}, timestamps {@code
 * Timestamp(MICROSECOND, "UTC")}, timestamp_ntz {@code Timestamp(MICROSECOND)}, decimals 128-bit
 * {@code Decimal}, maps Arrow maps of {@code entries<key, value>}, variants a struct of binary
 * {@code metadata} and {@code value}, void the Arrow {@code Null} type.
 */
public final class ArrowTypes {
  private ArrowTypes() {}

  public static Field toField(String name, DataType type, boolean nullable) {
    if (type instanceof StructType) {
      List<Field> children = new ArrayList<>();
      for (StructField f : ((StructType) type).getFields()) {
        children.add(toField(f.getName(), f.getDataType(), f.isNullable()));
      }
      return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
    }
    if (type instanceof ArrayType) {
      ArrayType a = (ArrayType) type;
      return new Field(
          name,
          new FieldType(nullable, ArrowType.List.INSTANCE, null),
          List.of(toField("element", a.getElementType(), a.containsNull())));
    }
    if (type instanceof MapType) {
      MapType m = (MapType) type;
      Field entries =
          new Field(
              "entries",
              new FieldType(false, ArrowType.Struct.INSTANCE, null),
              List.of(
                  toField("key", m.getKeyType(), false),
                  toField("value", m.getValueType(), m.isValueContainsNull())));
      return new Field(
          name, new FieldType(nullable, new ArrowType.Map(false), null), List.of(entries));
    }
    if (type instanceof VariantType) {
      return new Field(
          name,
          new FieldType(nullable, ArrowType.Struct.INSTANCE, null),
          List.of(
              toField("metadata", BinaryType.BINARY, false),
              toField("value", BinaryType.BINARY, false)));
    }
    return new Field(name, new FieldType(nullable, primitive(type), null), null);
  }

  public static FieldVector newVector(
      String name, DataType type, boolean nullable, BufferAllocator allocator) {
    return toField(name, type, nullable).createVector(allocator);
  }

  private static ArrowType primitive(DataType type) {
    if (type instanceof BooleanType) {
      return ArrowType.Bool.INSTANCE;
    } else if (type instanceof ByteType) {
      return new ArrowType.Int(8, true);
    } else if (type instanceof ShortType) {
      return new ArrowType.Int(16, true);
    } else if (type instanceof IntegerType) {
      return new ArrowType.Int(32, true);
    } else if (type instanceof LongType) {
      return new ArrowType.Int(64, true);
    } else if (type instanceof FloatType) {
      return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    } else if (type instanceof DoubleType) {
      return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    } else if (type instanceof DecimalType) {
      DecimalType d = (DecimalType) type;
      return new ArrowType.Decimal(d.getPrecision(), d.getScale(), 128);
    } else if (type instanceof StringType) {
      return ArrowType.Utf8.INSTANCE;
    } else if (type instanceof BinaryType) {
      return ArrowType.Binary.INSTANCE;
    } else if (type instanceof DateType) {
      return new ArrowType.Date(DateUnit.DAY);
    } else if (type instanceof TimestampType) {
      return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    } else if (type instanceof TimestampNTZType) {
      return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
    } else if (type instanceof VoidType) {
      return ArrowType.Null.INSTANCE;
    }
    throw Errors.arrowCannotRepresent(type);
  }
}
