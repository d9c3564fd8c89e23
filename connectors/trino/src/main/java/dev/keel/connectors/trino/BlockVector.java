package dev.keel.connectors.trino;

import dev.keel.kernel.data.ArrayValue;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import io.airlift.slice.Slice;
import io.trino.spi.block.Block;
import io.trino.spi.block.SqlMap;
import io.trino.spi.block.SqlRow;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.DateTimeEncoding;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.Type;
import java.math.BigDecimal;
import java.util.List;

/**
 * Trino blocks seen as one Keel column vector, so that Keel's writers take Trino's pages as they
 * are: row {@code r} is a position of one of the blocks (several pages' blocks make one vector).
 * Values are read through Trino's {@link Type}, which copes with dictionary and run-length blocks.
 * Nothing is owned: closing does nothing.
 */
abstract class BlockVector implements ColumnVector, Utf8Vector {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  final DataType keelType;
  final Type type;

  BlockVector(DataType keelType, Type type) {
    this.keelType = keelType;
    this.type = type;
  }

  /** The block holding row {@code rowId}. */
  abstract Block block(int rowId);

  /** The position of row {@code rowId} in its block. */
  abstract int position(int rowId);

  /** One block's positions as a vector of its own. */
  static BlockVector of(DataType keelType, Type type, Block block) {
    return new Range(keelType, type, block, 0);
  }

  /**
   * The block behind this vector when row {@code r} is position {@code r} of it (a top-level vector
   * of one block), so that a reader can hand it to Trino as it is.
   */
  Block wholeBlock() {
    return null;
  }

  /** The blocks of several pages, one after another. */
  static BlockVector of(DataType keelType, Type type, List<Block> blocks) {
    return new Concatenated(keelType, type, blocks);
  }

  @Override
  public DataType getDataType() {
    return keelType;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return block(rowId).isNull(position(rowId));
  }

  @Override
  public void close() {}

  @Override
  public boolean getBoolean(int rowId) {
    return type.getBoolean(block(rowId), position(rowId));
  }

  @Override
  public byte getByte(int rowId) {
    return (byte) type.getLong(block(rowId), position(rowId));
  }

  @Override
  public short getShort(int rowId) {
    return (short) type.getLong(block(rowId), position(rowId));
  }

  @Override
  public int getInt(int rowId) {
    return (int) type.getLong(block(rowId), position(rowId));
  }

  @Override
  public long getLong(int rowId) {
    Block b = block(rowId);
    int p = position(rowId);
    if (type instanceof TimestampWithTimeZoneType t) {
      if (t.isShort()) {
        return DateTimeEncoding.unpackMillisUtc(t.getLong(b, p)) * 1000;
      }
      LongTimestampWithTimeZone v = (LongTimestampWithTimeZone) t.getObject(b, p);
      return v.getEpochMillis() * 1000 + v.getPicosOfMilli() / 1_000_000;
    }
    if (type instanceof TimestampType t && !t.isShort()) {
      return ((LongTimestamp) t.getObject(b, p)).getEpochMicros();
    }
    if (type == DateType.DATE && keelType instanceof TimestampNTZType) {
      return type.getLong(b, p) * MICROS_PER_DAY; // a date widened to timestamp_ntz
    }
    return type.getLong(b, p);
  }

  @Override
  public float getFloat(int rowId) {
    return ((RealType) type).getFloat(block(rowId), position(rowId));
  }

  @Override
  public double getDouble(int rowId) {
    if (type == BigintType.BIGINT) {
      return type.getLong(block(rowId), position(rowId)); // an integer widened to double
    }
    return type.getDouble(block(rowId), position(rowId));
  }

  @Override
  public BigDecimal getDecimal(int rowId) {
    if (type == BigintType.BIGINT) { // an integer widened to decimal
      int scale = ((dev.keel.kernel.types.DecimalType) keelType).getScale();
      return BigDecimal.valueOf(type.getLong(block(rowId), position(rowId))).setScale(scale);
    }
    DecimalType d = (DecimalType) type;
    if (d.isShort()) {
      return BigDecimal.valueOf(d.getLong(block(rowId), position(rowId)), d.getScale());
    }
    Int128 v = (Int128) d.getObject(block(rowId), position(rowId));
    return new BigDecimal(v.toBigInteger(), d.getScale());
  }

  private Slice slice(int rowId) {
    return type.getSlice(block(rowId), position(rowId));
  }

  @Override
  public String getString(int rowId) {
    return slice(rowId).toStringUtf8();
  }

  @Override
  public int utf8Length(int rowId) {
    return slice(rowId).length();
  }

  @Override
  public void copyUtf8(int rowId, byte[] dst) {
    Slice s = slice(rowId);
    s.getBytes(0, dst, 0, s.length());
  }

  @Override
  public byte[] getBinary(int rowId) {
    return slice(rowId).getBytes();
  }

  @Override
  public ArrayValue getArray(int rowId) {
    ArrayType t = (ArrayType) type;
    Block elements = t.getObject(block(rowId), position(rowId));
    DataType elementType = ((dev.keel.kernel.types.ArrayType) keelType).getElementType();
    BlockVector vector = new Range(elementType, t.getElementType(), elements, 0);
    return new ArrayValue() {
      @Override
      public int getSize() {
        return elements.getPositionCount();
      }

      @Override
      public ColumnVector getElements() {
        return vector;
      }
    };
  }

  @Override
  public MapValue getMap(int rowId) {
    MapType t = (MapType) type;
    SqlMap map = t.getObject(block(rowId), position(rowId));
    dev.keel.kernel.types.MapType k = (dev.keel.kernel.types.MapType) keelType;
    BlockVector keys =
        new Range(k.getKeyType(), t.getKeyType(), map.getRawKeyBlock(), map.getRawOffset());
    BlockVector values =
        new Range(k.getValueType(), t.getValueType(), map.getRawValueBlock(), map.getRawOffset());
    return new MapValue() {
      @Override
      public int getSize() {
        return map.getSize();
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
  public ColumnVector getChild(int ordinal) {
    return new Field(this, ordinal);
  }

  @Override
  public int getSize() {
    throw new UnsupportedOperationException("the size of a nested vector is its parent's");
  }

  /** Positions {@code offset, offset + 1, ...} of one block. */
  private static final class Range extends BlockVector {
    private final Block block;
    private final int offset;

    Range(DataType keelType, Type type, Block block, int offset) {
      super(keelType, type);
      this.block = block;
      this.offset = offset;
    }

    @Override
    Block block(int rowId) {
      return block;
    }

    @Override
    int position(int rowId) {
      return offset + rowId;
    }

    @Override
    Block wholeBlock() {
      return offset == 0 ? block : null;
    }

    @Override
    public int getSize() {
      return block.getPositionCount() - offset;
    }
  }

  /** Several blocks one after another; looks blocks up by binary search. */
  private static final class Concatenated extends BlockVector {
    private final Block[] blocks;
    private final int[] starts;
    private final int size;

    Concatenated(DataType keelType, Type type, List<Block> blocks) {
      super(keelType, type);
      this.blocks = blocks.toArray(new Block[0]);
      this.starts = new int[this.blocks.length];
      int total = 0;
      for (int i = 0; i < this.blocks.length; i++) {
        starts[i] = total;
        total += this.blocks[i].getPositionCount();
      }
      this.size = total;
    }

    private int index(int rowId) {
      int i = java.util.Arrays.binarySearch(starts, rowId);
      if (i < 0) {
        i = -i - 2;
      }
      while (i + 1 < starts.length && starts[i + 1] == rowId) {
        i++; // skip empty blocks
      }
      return i;
    }

    @Override
    Block block(int rowId) {
      return blocks[index(rowId)];
    }

    @Override
    int position(int rowId) {
      return rowId - starts[index(rowId)];
    }

    @Override
    public int getSize() {
      return size;
    }
  }

  /** A struct's field: row {@code r} is the field of the parent's row {@code r}. */
  private static final class Field extends BlockVector {
    private final BlockVector parent;
    private final int ordinal;

    Field(BlockVector parent, int ordinal) {
      super(
          parent.keelType instanceof StructType s
              ? s.at(ordinal).getDataType()
              : BinaryType.BINARY, // a variant's metadata and value
          ((RowType) parent.type).getFields().get(ordinal).getType());
      this.parent = parent;
      this.ordinal = ordinal;
    }

    private SqlRow row(int rowId) {
      return ((RowType) parent.type).getObject(parent.block(rowId), parent.position(rowId));
    }

    @Override
    public boolean isNullAt(int rowId) {
      return parent.isNullAt(rowId) || super.isNullAt(rowId);
    }

    @Override
    Block block(int rowId) {
      return row(rowId).getRawFieldBlock(ordinal);
    }

    @Override
    int position(int rowId) {
      return row(rowId).getRawIndex();
    }

    @Override
    public int getSize() {
      return parent.getSize();
    }
  }
}
