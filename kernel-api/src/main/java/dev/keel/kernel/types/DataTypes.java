package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.internal.types.SchemaJson;

/** Constants for every primitive type and parsing of type names. */
@Stable
public final class DataTypes {
  private DataTypes() {}

  /** {@code boolean}. */
  public static final BooleanType BOOLEAN = BooleanType.BOOLEAN;

  /** {@code byte}. */
  public static final ByteType BYTE = ByteType.BYTE;

  /** {@code short}. */
  public static final ShortType SHORT = ShortType.SHORT;

  /** {@code integer}. */
  public static final IntegerType INTEGER = IntegerType.INTEGER;

  /** {@code long}. */
  public static final LongType LONG = LongType.LONG;

  /** {@code float}. */
  public static final FloatType FLOAT = FloatType.FLOAT;

  /** {@code double}. */
  public static final DoubleType DOUBLE = DoubleType.DOUBLE;

  /** {@code string}. */
  public static final StringType STRING = StringType.STRING;

  /** {@code binary}. */
  public static final BinaryType BINARY = BinaryType.BINARY;

  /** {@code date}. */
  public static final DateType DATE = DateType.DATE;

  /** {@code timestamp}. */
  public static final TimestampType TIMESTAMP = TimestampType.TIMESTAMP;

  /** {@code timestamp_ntz}. */
  public static final TimestampNTZType TIMESTAMP_NTZ = TimestampNTZType.TIMESTAMP_NTZ;

  /** {@code variant}. */
  public static final VariantType VARIANT = VariantType.VARIANT;

  /** {@code void}. */
  public static final VoidType VOID = VoidType.VOID;

  /**
   * Parses a data type from its schema JSON: a primitive name in quotes ({@code "integer"}) or a
   * struct, array or map object.
   *
   * @param json the type's JSON
   * @return the type
   * @throws InvalidSchemaException if the JSON is malformed or names an unknown type
   */
  public static DataType fromJson(String json) {
    return SchemaJson.parseType(json);
  }
}
