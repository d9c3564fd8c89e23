package dev.keel.connectors.trino;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;

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
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.types.VariantType;
import dev.keel.kernel.types.VoidType;
import io.trino.spi.StandardErrorCode;
import io.trino.spi.TrinoException;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import java.util.ArrayList;
import java.util.List;

/**
 * Keel's data types as Trino's, at full precision: {@code timestamp} is {@code timestamp(6) with
 * time zone} and {@code timestamp_ntz} is {@code timestamp(6)} (microseconds, as Delta stores
 * them), a variant is its JSON text in a {@code varchar}.
 */
final class KeelTypes {
  private final TypeOperators operators;

  KeelTypes(TypeOperators operators) {
    this.operators = operators;
  }

  /** Whether a column of this type is shown at all: Spark leaves {@code void} columns out. */
  static boolean isVisible(DataType type) {
    return !(type instanceof VoidType);
  }

  /**
   * The Trino type of a Keel primitive type (everything but variants, structs, arrays and maps), at
   * full precision; null for other types.
   */
  static Type primitive(DataType type) {
    if (type instanceof BooleanType) {
      return BOOLEAN;
    } else if (type instanceof ByteType) {
      return TINYINT;
    } else if (type instanceof ShortType) {
      return SMALLINT;
    } else if (type instanceof IntegerType) {
      return INTEGER;
    } else if (type instanceof LongType) {
      return BIGINT;
    } else if (type instanceof FloatType) {
      return REAL;
    } else if (type instanceof DoubleType) {
      return DOUBLE;
    } else if (type instanceof DecimalType d) {
      return io.trino.spi.type.DecimalType.createDecimalType(d.getPrecision(), d.getScale());
    } else if (type instanceof StringType) {
      return VARCHAR;
    } else if (type instanceof BinaryType) {
      return VARBINARY;
    } else if (type instanceof DateType) {
      return DATE;
    } else if (type instanceof TimestampType) {
      return TIMESTAMP_TZ_MICROS;
    } else if (type instanceof TimestampNTZType) {
      return TIMESTAMP_MICROS;
    }
    return null;
  }

  /** Type operators for the map types the engine's readers build. */
  static final TypeOperators TYPE_OPERATORS = new TypeOperators();

  /**
   * The Trino type whose blocks hold values of a Keel type for the kernel (see {@link
   * BlockVector}): primitives at full precision, a variant as {@code row(metadata varbinary, value
   * varbinary)}, structs with all their fields (a placeholder field for none), {@code void} as
   * {@code boolean} (always null).
   */
  static Type blockType(DataType type) {
    Type primitive = primitive(type);
    if (primitive != null) {
      return primitive;
    } else if (type instanceof VariantType) {
      return RowType.rowType(
          RowType.field("metadata", VARBINARY), RowType.field("value", VARBINARY));
    } else if (type instanceof ArrayType a) {
      return new io.trino.spi.type.ArrayType(blockType(a.getElementType()));
    } else if (type instanceof MapType m) {
      return new io.trino.spi.type.MapType(
          blockType(m.getKeyType()), blockType(m.getValueType()), TYPE_OPERATORS);
    } else if (type instanceof StructType s) {
      List<RowType.Field> fields = new ArrayList<>();
      for (StructField f : s.getFields()) {
        fields.add(RowType.field(f.getName(), blockType(f.getDataType())));
      }
      return fields.isEmpty()
          ? RowType.rowType(RowType.field("$empty", BOOLEAN))
          : RowType.from(fields);
    }
    return BOOLEAN;
  }

  /**
   * @throws TrinoException {@code NOT_SUPPORTED} for a type Trino cannot hold
   */
  Type toTrino(DataType type) {
    Type primitive = primitive(type);
    if (primitive != null) {
      return primitive;
    } else if (type instanceof VariantType) {
      return VARCHAR;
    } else if (type instanceof ArrayType a) {
      return new io.trino.spi.type.ArrayType(toTrino(a.getElementType()));
    } else if (type instanceof MapType m) {
      return new io.trino.spi.type.MapType(
          toTrino(m.getKeyType()), toTrino(m.getValueType()), operators);
    } else if (type instanceof StructType s) {
      List<RowType.Field> fields = new ArrayList<>();
      for (StructField f : s.getFields()) {
        if (isVisible(f.getDataType())) {
          fields.add(RowType.field(f.getName(), toTrino(f.getDataType())));
        }
      }
      if (fields.isEmpty()) {
        throw new TrinoException(
            StandardErrorCode.NOT_SUPPORTED,
            "Trino has no type for a struct without fields: " + type);
      }
      return RowType.from(fields);
    }
    throw new TrinoException(
        StandardErrorCode.NOT_SUPPORTED, "Keel's Trino connector cannot show the type " + type);
  }

  /**
   * The Delta type a Trino column of a new table gets: {@code varchar(n)} and {@code char(n)} are
   * strings, {@code timestamp(p)} up to microseconds is {@code timestamp_ntz}, {@code timestamp(p)
   * with time zone} is {@code timestamp}.
   *
   * @throws TrinoException {@code NOT_SUPPORTED} for a type Delta has no counterpart of
   */
  static DataType toKeel(Type type) {
    if (type.equals(BOOLEAN)) {
      return DataTypes.BOOLEAN;
    } else if (type.equals(TINYINT)) {
      return DataTypes.BYTE;
    } else if (type.equals(SMALLINT)) {
      return DataTypes.SHORT;
    } else if (type.equals(INTEGER)) {
      return DataTypes.INTEGER;
    } else if (type.equals(BIGINT)) {
      return DataTypes.LONG;
    } else if (type.equals(REAL)) {
      return DataTypes.FLOAT;
    } else if (type.equals(DOUBLE)) {
      return DataTypes.DOUBLE;
    } else if (type instanceof io.trino.spi.type.DecimalType d) {
      return DecimalType.of(d.getPrecision(), d.getScale());
    } else if (type instanceof io.trino.spi.type.VarcharType
        || type instanceof io.trino.spi.type.CharType) {
      return DataTypes.STRING;
    } else if (type.equals(VARBINARY)) {
      return DataTypes.BINARY;
    } else if (type.equals(DATE)) {
      return DataTypes.DATE;
    } else if (type instanceof io.trino.spi.type.TimestampType t && t.getPrecision() <= 6) {
      return DataTypes.TIMESTAMP_NTZ;
    } else if (type instanceof io.trino.spi.type.TimestampWithTimeZoneType t
        && t.getPrecision() <= 6) {
      return DataTypes.TIMESTAMP;
    } else if (type instanceof io.trino.spi.type.ArrayType a) {
      return new ArrayType(toKeel(a.getElementType()), true);
    } else if (type instanceof io.trino.spi.type.MapType m) {
      return new MapType(toKeel(m.getKeyType()), toKeel(m.getValueType()), true);
    } else if (type instanceof RowType r) {
      List<StructField> fields = new ArrayList<>();
      for (RowType.Field f : r.getFields()) {
        String name =
            f.getName()
                .orElseThrow(
                    () ->
                        new TrinoException(
                            StandardErrorCode.NOT_SUPPORTED,
                            "A Delta struct needs field names: " + type));
        fields.add(new StructField(name, toKeel(f.getType()), true));
      }
      return new StructType(fields);
    }
    throw new TrinoException(
        StandardErrorCode.NOT_SUPPORTED, "A Delta table cannot hold a column of type " + type);
  }
}
