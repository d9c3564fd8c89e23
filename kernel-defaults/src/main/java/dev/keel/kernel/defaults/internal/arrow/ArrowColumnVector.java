package dev.keel.kernel.defaults.internal.arrow;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.internal.data.NullColumnVector;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.VariantType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * A {@link ColumnVector} over an Arrow {@link FieldVector}, without copying. Fixed-width values are
 * read straight from the data buffer. The wrapper that owns the vector closes it; wrappers of child
 * vectors (struct fields, list elements) do not.
 */
public final class ArrowColumnVector implements ColumnVector, Utf8Vector {
  private final DataType type;
  private final FieldVector vector;
  private final boolean owner;
  private final ColumnVector[] children;

  /**
   * The validity bits, read directly (one call per row instead of a dispatch on the vector's
   * class); null for a NullVector.
   */
  private final ArrowBuf validity;

  private boolean closed;

  /**
   * @param type the Delta type the vector holds
   * @param vector the Arrow vector, laid out as {@link ArrowTypes} says, fully written: the wrapper
   *     keeps its validity buffer, so the vector must not be reallocated afterwards
   * @param owner whether closing this wrapper closes the vector
   */
  public ArrowColumnVector(DataType type, FieldVector vector, boolean owner) {
    this.type = type;
    this.vector = vector;
    this.owner = owner;
    this.children = createChildren(type, vector);
    this.validity = vector instanceof NullVector ? null : vector.getValidityBuffer();
  }

  private static ColumnVector[] createChildren(DataType type, FieldVector vector) {
    if (type instanceof StructType) {
      StructType st = (StructType) type;
      StructVector sv = (StructVector) vector;
      ColumnVector[] out = new ColumnVector[st.length()];
      for (int i = 0; i < out.length; i++) {
        FieldVector child = (FieldVector) sv.getChildByOrdinal(i);
        out[i] =
            ShallowStructs.isUnwrittenChild(sv, child)
                ? new NullColumnVector(st.at(i).getDataType(), sv.getValueCount())
                : new ArrowColumnVector(st.at(i).getDataType(), child, false);
      }
      return out;
    }
    if (type instanceof VariantType) {
      StructVector sv = (StructVector) vector;
      return new ColumnVector[] {
        new ArrowColumnVector(BinaryType.BINARY, (FieldVector) sv.getChildByOrdinal(0), false),
        new ArrowColumnVector(BinaryType.BINARY, (FieldVector) sv.getChildByOrdinal(1), false)
      };
    }
    if (type instanceof ArrayType) {
      FieldVector data = ((ListVector) vector).getDataVector();
      return new ColumnVector[] {
        new ArrowColumnVector(((ArrayType) type).getElementType(), data, false)
      };
    }
    if (type instanceof MapType) {
      MapType mt = (MapType) type;
      StructVector entries = (StructVector) ((ListVector) vector).getDataVector();
      return new ColumnVector[] {
        new ArrowColumnVector(mt.getKeyType(), (FieldVector) entries.getChildByOrdinal(0), false),
        new ArrowColumnVector(mt.getValueType(), (FieldVector) entries.getChildByOrdinal(1), false)
      };
    }
    return new ColumnVector[0];
  }

  /**
   * @return the Arrow vector, shared with this wrapper (do not close it separately); a {@linkplain
   *     ShallowStructs shallow} struct is completed first
   */
  public FieldVector getArrowVector() {
    ShallowStructs.complete(vector);
    return vector;
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public int getSize() {
    return vector.getValueCount();
  }

  @Override
  public boolean isNullAt(int rowId) {
    return validity == null || (validity.getByte(rowId >>> 3) & (1 << (rowId & 7))) == 0;
  }

  @Override
  public boolean getBoolean(int rowId) {
    return ((BitVector) vector).get(rowId) != 0;
  }

  @Override
  public byte getByte(int rowId) {
    return vector.getDataBuffer().getByte(rowId);
  }

  @Override
  public short getShort(int rowId) {
    return vector.getDataBuffer().getShort((long) rowId * 2);
  }

  @Override
  public int getInt(int rowId) {
    return vector.getDataBuffer().getInt((long) rowId * 4);
  }

  @Override
  public long getLong(int rowId) {
    return vector.getDataBuffer().getLong((long) rowId * 8);
  }

  @Override
  public float getFloat(int rowId) {
    return vector.getDataBuffer().getFloat((long) rowId * 4);
  }

  @Override
  public double getDouble(int rowId) {
    return vector.getDataBuffer().getDouble((long) rowId * 8);
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    return ((DecimalVector) vector).getObject(rowId);
  }

  @Override
  public String getString(int rowId) {
    return new String(((VarCharVector) vector).get(rowId), StandardCharsets.UTF_8);
  }

  /** For a string vector: the value's byte length, from the offsets. */
  @Override
  public int utf8Length(int rowId) {
    VarCharVector v = (VarCharVector) vector;
    return v.getEndOffset(rowId) - v.getStartOffset(rowId);
  }

  /** For a string vector: copies the value's bytes straight from the data buffer. */
  @Override
  public void copyUtf8(int rowId, byte[] dst) {
    VarCharVector v = (VarCharVector) vector;
    int start = v.getStartOffset(rowId);
    v.getDataBuffer().getBytes(start, dst, 0, v.getEndOffset(rowId) - start);
  }

  @Override
  public byte[] getBinary(int rowId) {
    if (vector instanceof VarCharVector) {
      return ((VarCharVector) vector).get(rowId);
    }
    return ((VarBinaryVector) vector).get(rowId);
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    return children[ordinal];
  }

  @Override
  public ArrayValue getArray(int rowId) {
    ListVector list = (ListVector) vector;
    int start = list.getElementStartIndex(rowId);
    int size = list.getElementEndIndex(rowId) - start;
    ColumnVector elements = new SliceColumnVector(children[0], start, size);
    return new ArrayValue() {
      @Override
      public int getSize() {
        return size;
      }

      @Override
      public ColumnVector getElements() {
        return elements;
      }
    };
  }

  @Override
  public MapValue getMap(int rowId) {
    ListVector list = (ListVector) vector;
    int start = list.getElementStartIndex(rowId);
    int size = list.getElementEndIndex(rowId) - start;
    ColumnVector keys = new SliceColumnVector(children[0], start, size);
    ColumnVector values = new SliceColumnVector(children[1], start, size);
    return new MapValue() {
      @Override
      public int getSize() {
        return size;
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

  @Override
  public void close() {
    if (owner && !closed) {
      closed = true;
      vector.close();
    }
  }
}
