package dev.keel.kernel.testing;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written in-memory vectors and batches for kernel tests; they count how often they are
 * closed.
 */
public final class FakeVectors {
  private FakeVectors() {}

  /** A vector over boxed values ({@code null} for null); supports the getters of simple types. */
  public static final class ListVector implements ColumnVector {
    private final DataType type;
    private final List<?> values;
    public int closes;

    public ListVector(DataType type, List<?> values) {
      this.type = type;
      this.values = values;
    }

    @Override
    public DataType getDataType() {
      return type;
    }

    @Override
    public int getSize() {
      return values.size();
    }

    @Override
    public boolean isNullAt(int rowId) {
      return values.get(rowId) == null;
    }

    @Override
    public boolean getBoolean(int rowId) {
      return (Boolean) values.get(rowId);
    }

    @Override
    public int getInt(int rowId) {
      return (Integer) values.get(rowId);
    }

    @Override
    public long getLong(int rowId) {
      return (Long) values.get(rowId);
    }

    @Override
    public String getString(int rowId) {
      return (String) values.get(rowId);
    }

    @Override
    public void close() {
      closes++;
    }
  }

  /** A batch of {@link ListVector}s. */
  public static final class Batch implements ColumnarBatch {
    private final StructType schema;
    private final List<ListVector> vectors;
    public int closes;

    public Batch(StructType schema, List<ListVector> vectors) {
      this.schema = schema;
      this.vectors = vectors;
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
      return vectors.get(0).getSize();
    }

    @Override
    public void close() {
      closes++;
      vectors.forEach(ListVector::close);
    }
  }

  /**
   * @return a one-column batch of longs named {@code name}
   */
  public static Batch longs(String name, Long... values) {
    List<ListVector> vs = new ArrayList<>();
    vs.add(new ListVector(DataTypes.LONG, java.util.Arrays.asList(values)));
    return new Batch(new StructType(List.of(new StructField(name, DataTypes.LONG, true))), vs);
  }

  /**
   * @return a boolean vector
   */
  public static ListVector booleans(Boolean... values) {
    return new ListVector(DataTypes.BOOLEAN, java.util.Arrays.asList(values));
  }
}
