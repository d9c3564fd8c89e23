package dev.keel.kernel.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.testing.FakeVectors;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestFilteredColumnarBatch {
  private static List<Long> ids(CloseableIterator<Row> rows) {
    List<Long> out = new ArrayList<>();
    try (rows) {
      rows.forEachRemaining(r -> out.add(r.isNullAt(0) ? null : r.getLong(0)));
    }
    return out;
  }

  @Test
  void selectionVectorPicksRowsAndNullMeansNotSelected() {
    FakeVectors.Batch batch = FakeVectors.longs("id", 1L, 2L, null, 4L);
    FakeVectors.ListVector selection = FakeVectors.booleans(true, false, true, null);
    try (FilteredColumnarBatch filtered =
        new FilteredColumnarBatch(batch, Optional.of(selection))) {
      assertThat(ids(filtered.getRows())).containsExactly(1L, null);
      assertThat(filtered.getSelectedCount()).isEqualTo(2);
      assertThat(filtered.isSelected(3)).isFalse();
    }
    assertThat(batch.closes).isEqualTo(1);
    assertThat(selection.closes).isEqualTo(1);
    try (FilteredColumnarBatch all =
        new FilteredColumnarBatch(FakeVectors.longs("id", 5L, 6L), Optional.empty())) {
      assertThat(ids(all.getRows())).containsExactly(5L, 6L);
      assertThat(all.getSelectedCount()).isEqualTo(2);
    }
  }

  @Test
  void rejectsASelectionShorterThanTheBatch() {
    assertThatThrownBy(
            () ->
                new FilteredColumnarBatch(
                    FakeVectors.longs("id", 1L, 2L), Optional.of(FakeVectors.booleans(true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("selection vector has 1 slots but the batch has 2 rows");
  }

  @Test
  void derivedBatchesShareVectorsAndCloseTheOriginalOnce() {
    FakeVectors.Batch batch = FakeVectors.longs("id", 1L, 2L);
    FakeVectors.ListVector names =
        new FakeVectors.ListVector(DataTypes.STRING, Arrays.asList("a", "b"));
    ColumnarBatch wider =
        batch.withNewColumn(0, new StructField("name", DataTypes.STRING, true), names);
    assertThat(wider.getSchema().fieldNames()).containsExactly("name", "id");
    assertThat(wider.getColumnVector(0).getString(1)).isEqualTo("b");
    ColumnarBatch narrower = wider.withDeletedColumnAt(1);
    assertThat(narrower.getSchema().fieldNames()).containsExactly("name");
    narrower.close();
    narrower.close();
    assertThat(batch.closes).as("original closed once through the chain").isEqualTo(1);
    assertThat(names.closes).isEqualTo(1);
    assertThatThrownBy(
            () ->
                batch.withNewColumn(
                    0,
                    new StructField("x", DataTypes.STRING, true),
                    new FakeVectors.ListVector(DataTypes.STRING, List.of("only one"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column `x` has 1 slots but the batch has 2 rows");
  }

  @Test
  void viewsSelectColumnsAndRowsWithoutOwningThem() {
    FakeVectors.Batch batch = FakeVectors.longs("id", 10L, 20L, 30L);
    ColumnarBatch view = batch.view(new int[] {0}, new int[] {2, 0});
    assertThat(view.getSize()).isEqualTo(2);
    assertThat(view.getColumnVector(0).getLong(0)).isEqualTo(30L);
    assertThat(view.getColumnVector(0).getLong(1)).isEqualTo(10L);
    view.close();
    assertThat(batch.closes).isZero();
    assertThatThrownBy(() -> batch.view(new int[] {0}, new int[] {3}))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("row 3 of a batch of 3 rows");
  }
}
