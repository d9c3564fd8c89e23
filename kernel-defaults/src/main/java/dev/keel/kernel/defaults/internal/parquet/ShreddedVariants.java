package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.defaults.internal.variant.VariantEncoder;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Shredded variants (Parquet VariantShredding): the group {@code metadata, value, typed_value} is
 * read as an ordinary struct, then each row's variant value is rebuilt from the shredded columns: a
 * typed primitive re-encoded, a shredded object's fields merged with the unshredded fields of
 * {@code value} (partially shredded objects), a shredded array's elements rebuilt one by one.
 */
final class ShreddedVariants {
  private ShreddedVariants() {}

  static boolean isShredded(GroupType group) {
    return group.containsField("typed_value");
  }

  /** The struct type to read a shredded variant group with. */
  static StructType readType(GroupType group, String column) {
    List<StructField> fields = new ArrayList<>();
    for (Type t : group.getFields()) {
      switch (t.getName()) {
        case "metadata":
        case "value":
          fields.add(new StructField(t.getName(), DataTypes.BINARY, true));
          break;
        case "typed_value":
          fields.add(new StructField("typed_value", typedType(t, column), true));
          break;
        default:
          break;
      }
    }
    return new StructType(fields);
  }

  private static DataType typedType(Type t, String column) {
    if (t.isPrimitive()) {
      PrimitiveType p = t.asPrimitiveType();
      LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
      if (l instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
        LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d =
            (LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) l;
        return DecimalType.of(d.getPrecision(), d.getScale());
      }
      switch (p.getPrimitiveTypeName()) {
        case BOOLEAN:
          return DataTypes.BOOLEAN;
        case INT32:
          if (l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return DataTypes.DATE;
          }
          if (l instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
            int bits = ((LogicalTypeAnnotation.IntLogicalTypeAnnotation) l).getBitWidth();
            return bits == 8 ? DataTypes.BYTE : bits == 16 ? DataTypes.SHORT : DataTypes.INTEGER;
          }
          return DataTypes.INTEGER;
        case INT64:
          if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
            return ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) l).isAdjustedToUTC()
                ? DataTypes.TIMESTAMP
                : DataTypes.TIMESTAMP_NTZ;
          }
          if (l instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
            break;
          }
          return DataTypes.LONG;
        case FLOAT:
          return DataTypes.FLOAT;
        case DOUBLE:
          return DataTypes.DOUBLE;
        case BINARY:
          return l instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
              ? DataTypes.STRING
              : DataTypes.BINARY;
        default:
          break;
      }
      throw new UnsupportedTypeException(
          "Cannot read shredded variant column `"
              + column
              + "`: values shredded as "
              + PrimitiveConverters.describe(p)
              + " are not supported yet.");
    }
    GroupType g = t.asGroupType();
    if (g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      GroupType element = g.getType(0).asGroupType().getType(0).asGroupType();
      return new ArrayType(readType(element, column), false);
    }
    List<StructField> fields = new ArrayList<>();
    for (Type f : g.getFields()) {
      fields.add(new StructField(f.getName(), readType(f.asGroupType(), column), true));
    }
    return new StructType(fields);
  }

  /** Decodes a metadata dictionary once per distinct metadata binary. */
  static final class Dictionaries {
    private byte[] last;
    private Map<String, Integer> ids;

    Map<String, Integer> of(byte[] metadata) {
      if (last == null || !Arrays.equals(last, metadata)) {
        last = metadata;
        ids = VariantEncoder.dictionaryIds(metadata);
      }
      return ids;
    }
  }

  /**
   * @param v a vector of a {@code (value, typed_value)} struct (possibly with metadata)
   * @return the encoded value at {@code row}, or null when the value is missing
   */
  static byte[] rebuild(
      ColumnVector v, int row, StructType type, byte[] metadata, Map<String, Integer> ids) {
    int valueOrdinal = type.indexOf("value");
    int typedOrdinal = type.indexOf("typed_value");
    ColumnVector value = valueOrdinal < 0 ? null : v.getChild(valueOrdinal);
    ColumnVector typed = typedOrdinal < 0 ? null : v.getChild(typedOrdinal);
    boolean hasValue = value != null && !value.isNullAt(row);
    if (typed != null && !typed.isNullAt(row)) {
      DataType t = type.at(typedOrdinal).getDataType();
      if (t instanceof StructType) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        if (hasValue) {
          Map<String, byte[]> rest = VariantEncoder.objectFields(value.getBinary(row), metadata);
          if (rest != null) {
            fields.putAll(rest);
          }
        }
        StructType st = (StructType) t;
        for (int i = 0; i < st.length(); i++) {
          byte[] f =
              rebuild(typed.getChild(i), row, (StructType) st.at(i).getDataType(), metadata, ids);
          if (f != null) {
            fields.put(st.at(i).getName(), f);
          }
        }
        return VariantEncoder.ofObject(fields, ids);
      }
      if (t instanceof ArrayType) {
        ArrayValue a = typed.getArray(row);
        List<byte[]> elements = new ArrayList<>();
        StructType et = (StructType) ((ArrayType) t).getElementType();
        for (int k = 0; k < a.getSize(); k++) {
          byte[] e = rebuild(a.getElements(), k, et, metadata, ids);
          elements.add(e == null ? VariantEncoder.nullValue() : e);
        }
        return VariantEncoder.ofArray(elements);
      }
      return primitive(typed, row, t);
    }
    return hasValue ? value.getBinary(row) : null;
  }

  private static byte[] primitive(ColumnVector v, int row, DataType t) {
    if (t instanceof BooleanType) {
      return VariantEncoder.ofBoolean(v.getBoolean(row));
    } else if (t instanceof ByteType) {
      return VariantEncoder.ofByte(v.getByte(row));
    } else if (t instanceof ShortType) {
      return VariantEncoder.ofShort(v.getShort(row));
    } else if (t instanceof IntegerType) {
      return VariantEncoder.ofInt(v.getInt(row));
    } else if (t instanceof LongType) {
      return VariantEncoder.ofLong(v.getLong(row));
    } else if (t instanceof FloatType) {
      return VariantEncoder.ofFloat(v.getFloat(row));
    } else if (t instanceof DoubleType) {
      return VariantEncoder.ofDouble(v.getDouble(row));
    } else if (t instanceof DecimalType) {
      return VariantEncoder.ofDecimal(v.getDecimal(row));
    } else if (t instanceof DateType) {
      return VariantEncoder.ofDate(v.getInt(row));
    } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
      return VariantEncoder.ofTimestampMicros(v.getLong(row), t instanceof TimestampType);
    } else if (t instanceof StringType) {
      return VariantEncoder.ofString(v.getString(row));
    } else if (t instanceof BinaryType) {
      return VariantEncoder.ofBinary(v.getBinary(row));
    }
    throw new IllegalStateException("unexpected shredded type " + t);
  }
}
