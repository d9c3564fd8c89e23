package dev.keel.connectors.trino;

import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static io.trino.spi.type.VarbinaryType.VARBINARY;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Variants;
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
import io.airlift.slice.Slices;
import io.trino.spi.block.ArrayBlockBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.MapBlockBuilder;
import io.trino.spi.block.RowBlockBuilder;
import io.trino.spi.type.Int128;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Copies values of Keel's column vectors into Trino block builders, one value at a time through the
 * public {@link ColumnVector} API, so that it works with any engine's vectors. The Trino type is
 * either the type a column is shown as ({@link KeelTypes#toTrino}: variants as JSON text, void
 * struct fields left out) or the type values are stored as ({@link KeelTypes#blockType}).
 */
final class PageConverter {
  private PageConverter() {}

  /** Appends the value at {@code row} of {@code v} (of Keel type {@code type}) to {@code out}. */
  static void append(ColumnVector v, int row, DataType type, Type trino, BlockBuilder out) {
    if (v.isNullAt(row)) {
      out.appendNull();
      return;
    }
    if (type instanceof BooleanType) {
      trino.writeBoolean(out, v.getBoolean(row));
    } else if (type instanceof ByteType) {
      trino.writeLong(out, v.getByte(row));
    } else if (type instanceof ShortType) {
      trino.writeLong(out, v.getShort(row));
    } else if (type instanceof IntegerType || type instanceof DateType) {
      trino.writeLong(out, v.getInt(row));
    } else if (type instanceof LongType || type instanceof TimestampNTZType) {
      trino.writeLong(out, v.getLong(row));
    } else if (type instanceof FloatType) {
      trino.writeLong(out, Float.floatToRawIntBits(v.getFloat(row)));
    } else if (type instanceof DoubleType) {
      trino.writeDouble(out, v.getDouble(row));
    } else if (type instanceof DecimalType d) {
      BigDecimal value = v.getDecimal(row).setScale(d.getScale(), RoundingMode.UNNECESSARY);
      if (d.getPrecision() <= 18) {
        trino.writeLong(out, value.unscaledValue().longValueExact());
      } else {
        trino.writeObject(out, Int128.valueOf(value.unscaledValue()));
      }
    } else if (type instanceof StringType) {
      trino.writeSlice(out, Slices.utf8Slice(v.getString(row)));
    } else if (type instanceof VariantType && trino instanceof RowType) {
      // stored form (KeelTypes.blockType): metadata and value binaries
      ((RowBlockBuilder) out)
          .buildEntry(
              fields -> {
                for (int i = 0; i < 2; i++) {
                  VARBINARY.writeSlice(
                      fields.get(i), Slices.wrappedBuffer(v.getChild(i).getBinary(row)));
                }
              });
    } else if (type instanceof VariantType) {
      trino.writeSlice(out, Slices.utf8Slice(Variants.toJson(v, row)));
    } else if (type instanceof BinaryType) {
      trino.writeSlice(out, Slices.wrappedBuffer(v.getBinary(row)));
    } else if (type instanceof TimestampType) {
      long micros = v.getLong(row);
      trino.writeObject(
          out,
          LongTimestampWithTimeZone.fromEpochMillisAndFraction(
              Math.floorDiv(micros, 1000), Math.floorMod(micros, 1000) * 1_000_000, UTC_KEY));
    } else if (type instanceof ArrayType a) {
      ArrayValue array = v.getArray(row);
      Type element = ((io.trino.spi.type.ArrayType) trino).getElementType();
      ((ArrayBlockBuilder) out)
          .buildEntry(
              elements -> {
                for (int i = 0; i < array.getSize(); i++) {
                  append(array.getElements(), i, a.getElementType(), element, elements);
                }
              });
    } else if (type instanceof MapType m) {
      MapValue map = v.getMap(row);
      io.trino.spi.type.MapType t = (io.trino.spi.type.MapType) trino;
      ((MapBlockBuilder) out)
          .buildEntry(
              (keys, values) -> {
                for (int i = 0; i < map.getSize(); i++) {
                  append(map.getKeys(), i, m.getKeyType(), t.getKeyType(), keys);
                  append(map.getValues(), i, m.getValueType(), t.getValueType(), values);
                }
              });
    } else if (type instanceof StructType s) {
      List<Type> fieldTypes = trino.getTypeParameters();
      ((RowBlockBuilder) out)
          .buildEntry(
              fields -> {
                // a shown type leaves void fields out; a stored type (blockType) has them all
                boolean all = fieldTypes.size() == s.length();
                int visible = 0;
                for (int i = 0; i < s.length(); i++) {
                  DataType ft = s.at(i).getDataType();
                  if (all || KeelTypes.isVisible(ft)) {
                    append(v.getChild(i), row, ft, fieldTypes.get(visible), fields.get(visible));
                    visible++;
                  }
                }
              });
    } else {
      throw new IllegalStateException("No Trino conversion for " + type);
    }
  }
}
