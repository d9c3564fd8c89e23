package dev.keel.kernel.defaults.internal.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestShallowStructs {
  private static final StructType INNER =
      new StructType(
          List.of(
              new StructField("a", DataTypes.STRING, true),
              new StructField("b", DataTypes.LONG, true)));
  private static final StructType OUTER =
      new StructType(
          List.of(
              new StructField("path", DataTypes.STRING, true),
              new StructField("size", DataTypes.LONG, true),
              new StructField("tags", new MapType(DataTypes.STRING, DataTypes.STRING, true), true),
              new StructField("inner", INNER, true),
              new StructField("unused", INNER, true)));

  private final BufferAllocator root = new RootAllocator();

  @AfterEach
  void closeRoot() {
    root.close(); // fails on a leak
  }

  /**
   * Rows 0 and 2 have a path, row 2 an inner.b; row 1 is a null struct; rows 3 to 9 are never
   * written.
   */
  private StructVector written() {
    StructVector v = (StructVector) ArrowTypes.newVector("add", OUTER, true, root);
    ShallowStructs.prepare(v, OUTER, 2);
    assertThat(ShallowStructs.allocated(v)).isFalse();
    VarCharVector path = (VarCharVector) v.getChildByOrdinal(0);
    ShallowStructs.prepare(path, DataTypes.STRING, 2);
    assertThat(ShallowStructs.allocated(path)).isTrue();
    StructVector inner = (StructVector) v.getChildByOrdinal(3);
    ShallowStructs.prepare(inner, INNER, 2);
    BigIntVector b = (BigIntVector) inner.getChildByOrdinal(1);
    ShallowStructs.prepare(b, DataTypes.LONG, 2);

    v.setIndexDefined(0);
    path.setSafe(0, "p0".getBytes(StandardCharsets.UTF_8));
    v.setNull(1);
    v.setIndexDefined(2);
    path.setSafe(2, "p2".getBytes(StandardCharsets.UTF_8));
    inner.setIndexDefined(2);
    b.setSafe(2, 42);
    ShallowStructs.setValueCount(v, 10);
    return v;
  }

  @Test
  void unwrittenChildrenStayUnallocatedAndReadAsNulls() {
    StructVector v = written();
    try (ArrowColumnVector c = new ArrowColumnVector(OUTER, v, true)) {
      assertThat(ShallowStructs.allocated(v.getChildByOrdinal(1))).isFalse(); // size
      assertThat(ShallowStructs.allocated(v.getChildByOrdinal(2))).isFalse(); // tags
      assertThat(ShallowStructs.allocated(v.getChildByOrdinal(4))).isFalse(); // unused
      StructVector inner = (StructVector) v.getChildByOrdinal(3);
      assertThat(ShallowStructs.allocated(inner.getChildByOrdinal(0))).isFalse(); // inner.a
      assertThat(v.getValueCount()).isEqualTo(10);
      assertThat(inner.getValueCount()).isEqualTo(10);

      assertThat(c.getSize()).isEqualTo(10);
      assertThat(c.isNullAt(0)).isFalse();
      assertThat(c.isNullAt(1)).isTrue();
      assertThat(c.isNullAt(2)).isFalse();
      for (int row = 3; row < 10; row++) {
        assertThat(c.isNullAt(row)).as("row %d", row).isTrue();
      }
      assertThat(c.getChild(0).getString(0)).isEqualTo("p0");
      assertThat(c.getChild(0).getString(2)).isEqualTo("p2");
      ColumnVector innerColumn = c.getChild(3);
      assertThat(innerColumn.isNullAt(0)).isTrue();
      assertThat(innerColumn.isNullAt(2)).isFalse();
      assertThat(innerColumn.getChild(1).getLong(2)).isEqualTo(42);
      for (int row = 0; row < 10; row++) {
        assertThat(c.getChild(1).isNullAt(row)).isTrue();
        assertThat(c.getChild(2).isNullAt(row)).isTrue();
        assertThat(c.getChild(4).isNullAt(row)).isTrue();
        assertThat(innerColumn.getChild(0).isNullAt(row)).isTrue();
      }
      assertThat(c.getChild(4).getDataType()).isEqualTo(INNER);
      assertThat(c.getChild(4).getChild(0).getSize()).isEqualTo(10);
    }
  }

  @Test
  void completingGivesARegularArrowVectorWithTheSameValues() {
    StructVector v = written();
    try (ArrowColumnVector c = new ArrowColumnVector(OUTER, v, true)) {
      FieldVector exported = c.getArrowVector();
      assertThat(exported).isSameAs(v);
      StructVector inner = (StructVector) v.getChildByOrdinal(3);
      StructVector unused = (StructVector) v.getChildByOrdinal(4);
      for (FieldVector child :
          List.of(
              (FieldVector) v.getChildByOrdinal(1),
              (FieldVector) v.getChildByOrdinal(2),
              unused,
              (FieldVector) unused.getChildByOrdinal(0),
              (FieldVector) inner.getChildByOrdinal(0))) {
        assertThat(ShallowStructs.allocated(child)).as(child.getName()).isTrue();
        assertThat(child.getValueCount()).as(child.getName()).isEqualTo(10);
        for (int row = 0; row < 10; row++) {
          assertThat(child.isNull(row)).as("%s row %d", child.getName(), row).isTrue();
        }
      }
      assertThat(((ListVector) v.getChildByOrdinal(2)).getDataVector().getValueCount()).isZero();
      assertThat(v.isNull(1)).isTrue();
      assertThat(v.isNull(9)).isTrue();
      assertThat(((VarCharVector) v.getChildByOrdinal(0)).getObject(2).toString()).isEqualTo("p2");
      assertThat(((BigIntVector) inner.getChildByOrdinal(1)).get(2)).isEqualTo(42);
      // the wrapper's view is unchanged
      assertThat(c.getChild(1).isNullAt(0)).isTrue();
      assertThat(c.getChild(0).getString(0)).isEqualTo("p0");
    }
  }

  @Test
  void aFullyAllocatedStructIsCountedAsArrowCountsIt() {
    StructVector v = (StructVector) ArrowTypes.newVector("add", OUTER, true, root);
    try (v) {
      v.allocateNew();
      v.setIndexDefined(0);
      ((VarCharVector) v.getChildByOrdinal(0)).setSafe(0, "x".getBytes(StandardCharsets.UTF_8));
      ShallowStructs.setValueCount(v, 3);
      for (FieldVector child : v.getChildrenFromFields()) {
        assertThat(child.getValueCount()).as(child.getName()).isEqualTo(3);
      }
      ShallowStructs.complete(v); // nothing left to complete
      assertThat(v.getValueCount()).isEqualTo(3);
      assertThat(v.isNull(0)).isFalse();
      assertThat(v.isNull(2)).isTrue();
    }
  }
}
