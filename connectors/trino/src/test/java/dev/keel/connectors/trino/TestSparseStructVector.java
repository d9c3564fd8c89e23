package dev.keel.connectors.trino;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import io.airlift.slice.Slices;
import io.trino.spi.block.BlockBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSparseStructVector {
  private static final StructType INNER =
      new StructType(List.of(new StructField("s", DataTypes.STRING, true)));
  private static final StructType OUTER =
      new StructType(
          List.of(new StructField("n", DataTypes.LONG, true), new StructField("in", INNER, true)));

  /**
   * Four rows: null, {n=10, in={s="a"}}, null, {n=null, in=null}; the inner struct holds one row.
   */
  private static SparseStructVector vector() {
    BlockBuilder n = BIGINT.createBlockBuilder(null, 2);
    BIGINT.writeLong(n, 10);
    n.appendNull();
    BlockBuilder s = VARCHAR.createBlockBuilder(null, 1);
    VARCHAR.writeSlice(s, Slices.utf8Slice("a"));
    SparseStructVector inner =
        new SparseStructVector(
            INNER,
            2,
            new int[] {0, -1},
            new ColumnVector[] {BlockVector.of(DataTypes.STRING, VARCHAR, s.build())});
    return new SparseStructVector(
        OUTER,
        4,
        new int[] {-1, 0, -1, 1},
        new ColumnVector[] {BlockVector.of(DataTypes.LONG, BIGINT, n.build()), inner});
  }

  @Test
  void rowsMapToTheFieldsNonNullRows() {
    SparseStructVector v = vector();
    assertThat(v.getSize()).isEqualTo(4);
    assertThat(List.of(v.isNullAt(0), v.isNullAt(1), v.isNullAt(2), v.isNullAt(3)))
        .containsExactly(true, false, true, false);
    ColumnVector n = v.getChild(0);
    assertThat(n.getSize()).isEqualTo(4);
    assertThat(List.of(n.isNullAt(0), n.isNullAt(1), n.isNullAt(2), n.isNullAt(3)))
        .containsExactly(true, false, true, true);
    assertThat(n.getLong(1)).isEqualTo(10);
  }

  @Test
  void nestedStructsComposeTheirMappings() {
    ColumnVector in = vector().getChild(1);
    assertThat(List.of(in.isNullAt(0), in.isNullAt(1), in.isNullAt(2), in.isNullAt(3)))
        .containsExactly(true, false, true, true);
    ColumnVector s = in.getChild(0);
    assertThat(List.of(s.isNullAt(0), s.isNullAt(1), s.isNullAt(2), s.isNullAt(3)))
        .containsExactly(true, false, true, true);
    assertThat(s.getString(1)).isEqualTo("a");
    byte[] utf8 = new byte[((Utf8Vector) s).utf8Length(1)];
    ((Utf8Vector) s).copyUtf8(1, utf8);
    assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo("a");
  }
}
