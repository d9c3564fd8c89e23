package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructType;

/**
 * A vector presented with another (structurally equal) type: the logical names of a column read
 * under its physical names. Children, array elements and map entries are retyped too. Closing it
 * closes the underlying vector.
 */
public final class RetypedColumnVector extends DelegatingVector {
  private final DataType type;
  private final ColumnVector[] children;

  public RetypedColumnVector(ColumnVector base, DataType type) {
    super(base);
    this.type = type;
    this.children =
        type instanceof StructType
            ? new ColumnVector[((StructType) type).length()]
            : new ColumnVector[0];
  }

  /**
   * @return {@code base} itself when the types are equal, else a retyped view
   */
  public static ColumnVector of(ColumnVector base, DataType type) {
    return base.getDataType().equals(type) ? base : new RetypedColumnVector(base, type);
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    if (!(type instanceof StructType)) {
      return base.getChild(ordinal);
    }
    if (children[ordinal] == null) {
      children[ordinal] = of(base.getChild(ordinal), ((StructType) type).at(ordinal).getDataType());
    }
    return children[ordinal];
  }

  @Override
  public ArrayValue getArray(int rowId) {
    ArrayValue a = base.getArray(rowId);
    if (!(type instanceof ArrayType)) {
      return a;
    }
    ColumnVector elements = of(a.getElements(), ((ArrayType) type).getElementType());
    return new ArrayValue() {
      @Override
      public int getSize() {
        return a.getSize();
      }

      @Override
      public ColumnVector getElements() {
        return elements;
      }
    };
  }

  @Override
  public MapValue getMap(int rowId) {
    MapValue m = base.getMap(rowId);
    if (!(type instanceof MapType)) {
      return m;
    }
    ColumnVector keys = of(m.getKeys(), ((MapType) type).getKeyType());
    ColumnVector values = of(m.getValues(), ((MapType) type).getValueType());
    return new MapValue() {
      @Override
      public int getSize() {
        return m.getSize();
      }

      @Override
      public ColumnVector getKeys() {
        return keys;
      }

      @Override
      public ColumnVector getValues() {
        return values;
      }
    };
  }
}
