package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Test helper: the Delta type a Parquet column naturally reads as, so any Parquet file can be read
 * whole. Returns null for shapes Delta has no type for (repeated fields outside a LIST).
 */
final class ParquetToDelta {
  private ParquetToDelta() {}

  static StructType struct(GroupType g) {
    List<StructField> fields = new ArrayList<>();
    for (Type t : g.getFields()) {
      DataType dt = type(t);
      if (dt != null) {
        fields.add(new StructField(t.getName(), dt, !t.isRepetition(Type.Repetition.REQUIRED)));
      }
    }
    return new StructType(fields);
  }

  static DataType type(Type t) {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    return nonRepeated(t);
  }

  private static DataType nonRepeated(Type t) {
    LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType());
    }
    GroupType g = t.asGroupType();
    if (l instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        && g.getFieldCount() == 1
        && g.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      Type rep = g.getType(0);
      if (rep.isPrimitive()) {
        return new ArrayType(primitive(rep.asPrimitiveType()), false);
      }
      GroupType rg = rep.asGroupType();
      if (rg.getFieldCount() > 1
          || rg.getName().equals("array")
          || rg.getName().equals(g.getName() + "_tuple")) {
        return new ArrayType(struct(rg), true);
      }
      DataType element = type(rg.getType(0));
      return element == null
          ? null
          : new ArrayType(element, !rg.getType(0).isRepetition(Type.Repetition.REQUIRED));
    }
    if ((l instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
            || l instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && g.getFieldCount() == 1) {
      GroupType kv = g.getType(0).asGroupType();
      DataType key = type(kv.getType(0));
      DataType value = kv.getFieldCount() > 1 ? type(kv.getType(1)) : DataTypes.STRING;
      return key == null || value == null ? null : new MapType(key, value, true);
    }
    return struct(g);
  }

  static DataType primitive(PrimitiveType p) {
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
          LogicalTypeAnnotation.IntLogicalTypeAnnotation i =
              (LogicalTypeAnnotation.IntLogicalTypeAnnotation) l;
          if (!i.isSigned()) {
            return DataTypes.LONG;
          }
          return i.getBitWidth() == 8
              ? DataTypes.BYTE
              : i.getBitWidth() == 16 ? DataTypes.SHORT : DataTypes.INTEGER;
        }
        return DataTypes.INTEGER;
      case INT64:
        if (l instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          return ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) l).isAdjustedToUTC()
              ? DataTypes.TIMESTAMP
              : DataTypes.TIMESTAMP_NTZ;
        }
        return DataTypes.LONG;
      case INT96:
        return DataTypes.TIMESTAMP;
      case FLOAT:
        return DataTypes.FLOAT;
      case DOUBLE:
        return DataTypes.DOUBLE;
      case BINARY:
        if (l instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || l instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || l instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return DataTypes.STRING;
        }
        return DataTypes.BINARY;
      default:
        return DataTypes.BINARY;
    }
  }
}
