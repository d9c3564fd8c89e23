package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flat blocks hold exactly what the value-by-value conversion writes, nulls included. */
class TestFlatBlocks {
  private static final KeelTypes TYPES = new KeelTypes(new TypeOperators());

  /** A hand-written vector of boxed values (null for null). */
  private record Values(DataType type, Object[] values) implements Utf8Vector {
    @Override
    public DataType getDataType() {
      return type;
    }

    @Override
    public int getSize() {
      return values.length;
    }

    @Override
    public boolean isNullAt(int rowId) {
      return values[rowId] == null;
    }

    @Override
    public void close() {}

    @Override
    public boolean getBoolean(int rowId) {
      return (Boolean) values[rowId];
    }

    @Override
    public byte getByte(int rowId) {
      return (Byte) values[rowId];
    }

    @Override
    public short getShort(int rowId) {
      return (Short) values[rowId];
    }

    @Override
    public int getInt(int rowId) {
      return (Integer) values[rowId];
    }

    @Override
    public long getLong(int rowId) {
      return (Long) values[rowId];
    }

    @Override
    public float getFloat(int rowId) {
      return (Float) values[rowId];
    }

    @Override
    public double getDouble(int rowId) {
      return (Double) values[rowId];
    }

    @Override
    public String getString(int rowId) {
      return (String) values[rowId];
    }

    @Override
    public int utf8Length(int rowId) {
      return getString(rowId).getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void copyUtf8(int rowId, byte[] dst) {
      byte[] b = getString(rowId).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, dst, 0, b.length);
    }
  }

  private static void sameAsConverted(DataType type, Object... values) {
    Values v = new Values(type, values);
    // every other row, backwards: selections are arbitrary
    List<Integer> picked = new ArrayList<>();
    for (int i = values.length - 1; i >= 0; i -= 2) {
      picked.add(i);
    }
    picked.add(0);
    int[] rows = picked.stream().mapToInt(Integer::intValue).toArray();
    Type trino = TYPES.toTrino(type);
    Block flat = FlatBlocks.of(v, type, rows, rows.length).orElseThrow();
    BlockBuilder out = trino.createBlockBuilder(null, rows.length);
    for (int r : rows) {
      PageConverter.append(v, r, type, trino, out);
    }
    Block converted = out.build();
    assertThat(flat.getPositionCount()).isEqualTo(rows.length);
    for (int p = 0; p < rows.length; p++) {
      assertThat(trino.getObjectValue(flat, p))
          .as("%s at %d of %s", type, p, Arrays.toString(values))
          .isEqualTo(trino.getObjectValue(converted, p));
    }
  }

  @Test
  void everyFlatTypeMatchesTheConversion() {
    sameAsConverted(DataTypes.LONG, 1L, null, Long.MIN_VALUE, 7L, Long.MAX_VALUE);
    sameAsConverted(DataTypes.TIMESTAMP_NTZ, 1_700_000_000_123_456L, null, -1L);
    sameAsConverted(DataTypes.DOUBLE, 1.5, null, Double.NaN, -0.0, Double.NEGATIVE_INFINITY);
    sameAsConverted(DataTypes.INTEGER, 3, null, Integer.MIN_VALUE, 9);
    sameAsConverted(DataTypes.DATE, 19_000, null, -3);
    sameAsConverted(DataTypes.FLOAT, 1.25f, null, Float.NaN, -0.0f);
    sameAsConverted(DataTypes.SHORT, (short) 3, null, Short.MIN_VALUE);
    sameAsConverted(DataTypes.BYTE, (byte) 3, null, Byte.MIN_VALUE);
    sameAsConverted(DataTypes.BOOLEAN, true, null, false, true);
    sameAsConverted(DataTypes.STRING, "a", null, "", "é€😀", "longer text " + "x".repeat(100));
    sameAsConverted(DataTypes.LONG, 1L, 2L, 3L); // no nulls
  }

  @Test
  void otherTypesAreLeftToTheConversion() {
    assertThat(
            FlatBlocks.of(
                new Values(DataTypes.BINARY, new Object[] {null}),
                DataTypes.BINARY,
                new int[] {0},
                1))
        .isEmpty();
  }
}
