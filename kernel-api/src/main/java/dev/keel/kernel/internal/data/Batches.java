package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.internal.util.Iterators;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** Implementations behind {@link ColumnarBatch}'s default methods. */
public final class Batches {
  private Batches() {}

  public static ColumnarBatch withNewColumn(
      ColumnarBatch batch, int ordinal, StructField field, ColumnVector vector) {
    if (ordinal < 0 || ordinal > batch.getSchema().length()) {
      throw new IndexOutOfBoundsException(
          "cannot insert a column at "
              + ordinal
              + " into a batch of "
              + batch.getSchema().length()
              + " columns");
    }
    if (vector.getSize() < batch.getSize()) {
      throw new IllegalArgumentException(
          "column `"
              + field.getName()
              + "` has "
              + vector.getSize()
              + " slots but the batch has "
              + batch.getSize()
              + " rows");
    }
    List<StructField> fields = new ArrayList<>(batch.getSchema().getFields());
    List<ColumnVector> vectors = vectorsOf(batch);
    fields.add(ordinal, field);
    vectors.add(ordinal, vector);
    return new VectorBatch(
        new StructType(fields), vectors, batch.getSize(), List.of(vector, batch));
  }

  public static ColumnarBatch withDeletedColumnAt(ColumnarBatch batch, int ordinal) {
    List<StructField> fields = new ArrayList<>(batch.getSchema().getFields());
    List<ColumnVector> vectors = vectorsOf(batch);
    fields.remove(ordinal);
    vectors.remove(ordinal);
    return new VectorBatch(new StructType(fields), vectors, batch.getSize(), List.of(batch));
  }

  private static List<ColumnVector> vectorsOf(ColumnarBatch batch) {
    List<ColumnVector> vectors = new ArrayList<>();
    for (int i = 0; i < batch.getSchema().length(); i++) {
      vectors.add(batch.getColumnVector(i));
    }
    return vectors;
  }

  public static ColumnarBatch view(ColumnarBatch batch, int[] columns, int[] rows) {
    List<StructField> fields = new ArrayList<>();
    List<ColumnVector> vectors = new ArrayList<>();
    for (int c : columns) {
      fields.add(batch.getSchema().at(c));
      vectors.add(RowMappedVector.of(batch.getColumnVector(c), rows.clone()));
    }
    for (int r : rows) {
      if (r < 0 || r >= batch.getSize()) {
        throw new IndexOutOfBoundsException(
            "row " + r + " of a batch of " + batch.getSize() + " rows");
      }
    }
    return new VectorBatch(new StructType(fields), vectors, rows.length, List.of());
  }

  /** Row views over the rows of {@code batch} selected by {@code selection} (all rows if null). */
  public static CloseableIterator<Row> rows(ColumnarBatch batch, ColumnVector selection) {
    return new CloseableIterator<>() {
      private int next = advance(0);

      private int advance(int from) {
        int i = from;
        while (i < batch.getSize()
            && selection != null
            && (selection.isNullAt(i) || !selection.getBoolean(i))) {
          i++;
        }
        return i;
      }

      @Override
      public boolean hasNext() {
        return next < batch.getSize();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = new BatchRow(batch, next);
        next = advance(next + 1);
        return row;
      }

      @Override
      public void close() {}
    };
  }

  /**
   * A batch assembled from vectors it does not own itself; closing it closes {@code owned} (the
   * vectors it added and the batches it was derived from, which close their own vectors).
   */
  public static final class VectorBatch implements ColumnarBatch {
    private final StructType schema;
    private final List<ColumnVector> vectors;
    private final int size;
    private final List<? extends AutoCloseable> owned;
    private boolean closed;

    /**
     * @param owned what closing this batch closes, each exactly once
     */
    public VectorBatch(
        StructType schema,
        List<ColumnVector> vectors,
        int size,
        List<? extends AutoCloseable> owned) {
      this.schema = schema;
      this.vectors = List.copyOf(vectors);
      this.size = size;
      this.owned = owned;
    }

    @Override
    public StructType getSchema() {
      return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
      return vectors.get(ordinal);
    }

    @Override
    public int getSize() {
      return size;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      Iterators.closeAll(owned);
    }
  }
}
