package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Evolving;

/**
 * One method per kind of {@link DataType}, for code that does something different for each type
 * (readers, writers, converters) without a chain of {@code instanceof} tests: call {@link
 * DataType#accept}. A type Keel adds later arrives as a new {@code default} method that calls
 * {@link #visitOther}, so existing visitors keep compiling and fail clearly at run time.
 *
 * @param <R> what the visitor returns
 */
@Evolving
public interface DataTypeVisitor<R> {
  R visitBoolean(BooleanType type);

  R visitByte(ByteType type);

  R visitShort(ShortType type);

  R visitInteger(IntegerType type);

  R visitLong(LongType type);

  R visitFloat(FloatType type);

  R visitDouble(DoubleType type);

  R visitDecimal(DecimalType type);

  R visitString(StringType type);

  R visitBinary(BinaryType type);

  R visitDate(DateType type);

  R visitTimestamp(TimestampType type);

  R visitTimestampNtz(TimestampNTZType type);

  R visitStruct(StructType type);

  R visitArray(ArrayType type);

  R visitMap(MapType type);

  R visitVariant(VariantType type);

  /** Void, the type of a column that is always null; by default {@link #visitOther}. */
  default R visitVoid(VoidType type) {
    return visitOther(type);
  }

  /**
   * A type this visitor has no method of its own for.
   *
   * @throws UnsupportedOperationException naming the type and the visitor, by default
   */
  default R visitOther(DataType type) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not handle the type " + type);
  }
}
