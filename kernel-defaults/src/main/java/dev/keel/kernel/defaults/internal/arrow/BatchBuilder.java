package dev.keel.kernel.defaults.internal.arrow;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.data.NullColumnVector;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Allocates the vectors of one batch in a fresh child allocator, and hands them over as an {@link
 * ArrowBatch} that owns them. If the batch is abandoned (an exception while filling it), {@link
 * #close()} frees everything.
 */
public final class BatchBuilder implements AutoCloseable {
  private final StructType schema;
  private final BufferAllocator allocator;
  private final FieldVector[] vectors;
  private final int expectedRows;
  private final boolean lazy;
  private boolean built;

  public BatchBuilder(BufferAllocator parent, String name, StructType schema) {
    this(parent, name, schema, -1);
  }

  /**
   * @param expectedRows how many rows the batch will likely hold, so a small batch (a short commit
   *     file) does not allocate Arrow's default capacity for every vector; vectors still grow past
   *     it. -1 for Arrow's default.
   */
  public BatchBuilder(BufferAllocator parent, String name, StructType schema, int expectedRows) {
    this(parent, name, schema, expectedRows, false);
  }

  private BatchBuilder(
      BufferAllocator parent, String name, StructType schema, int expectedRows, boolean lazy) {
    this.schema = schema;
    this.allocator = parent.newChildAllocator(name, 0, Long.MAX_VALUE);
    this.vectors = new FieldVector[schema.length()];
    this.expectedRows = expectedRows;
    this.lazy = lazy;
    if (!lazy) {
      try {
        for (int i = 0; i < vectors.length; i++) {
          vector(i);
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
  }

  /**
   * A builder whose top-level vectors are made when first asked for ({@link #vector}): a column
   * that no row writes costs no Arrow memory (a small commit file's batch has dozens of vectors,
   * most of them for actions the file does not hold) and is all nulls in the batch. Its struct
   * columns are {@linkplain ShallowStructs shallow}: the writer prepares each child with {@link
   * ShallowStructs#prepare} when it first writes to it, and children never written stay unallocated
   * (null in the batch).
   */
  public static BatchBuilder lazy(
      BufferAllocator parent, String name, StructType schema, int expectedRows) {
    return new BatchBuilder(parent, name, schema, expectedRows, true);
  }

  /**
   * @return the vector of top-level column {@code i}, made and allocated now if need be
   */
  public FieldVector vector(int i) {
    if (vectors[i] == null) {
      FieldVector v =
          ArrowTypes.newVector(schema.at(i).getName(), schema.at(i).getDataType(), true, allocator);
      try {
        if (lazy) {
          ShallowStructs.prepare(v, schema.at(i).getDataType(), expectedRows);
        } else {
          if (expectedRows > 0) {
            v.setInitialCapacity(expectedRows);
          }
          v.allocateNew();
        }
      } catch (RuntimeException e) {
        v.close();
        throw e;
      }
      vectors[i] = v;
    }
    return vectors[i];
  }

  /**
   * @return the vectors, one per schema field (null for a lazy builder's columns not made yet)
   */
  public FieldVector[] vectors() {
    return vectors;
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  /** Sets the value counts and returns the batch, which now owns the vectors and the allocator. */
  public ArrowBatch build(int size) {
    List<FieldVector> list = new ArrayList<>(Arrays.asList(vectors));
    for (FieldVector v : list) {
      setValueCount(v, size);
    }
    built = true;
    return new ArrowBatch(schema, list, size, allocator);
  }

  /**
   * Like {@link #build}, for a lazy builder: columns never made are all-null vectors that hold no
   * memory; the batch is an {@link ArrowBatch} when every column was made.
   */
  public ColumnarBatch buildBatch(int size) {
    List<Integer> made = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] != null) {
        made.add(i);
      }
    }
    if (made.size() == vectors.length) {
      return build(size);
    }
    List<StructField> fields = new ArrayList<>();
    List<FieldVector> list = new ArrayList<>();
    for (int i : made) {
      fields.add(schema.at(i));
      list.add(vectors[i]);
      setValueCount(vectors[i], size);
    }
    built = true;
    ArrowBatch arrow = new ArrowBatch(new StructType(fields), list, size, allocator);
    List<ColumnVector> columns = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < vectors.length; i++) {
      columns.add(
          vectors[i] != null
              ? arrow.getColumnVector(next++)
              : new NullColumnVector(schema.at(i).getDataType(), size));
    }
    return new Batches.VectorBatch(schema, columns, size, List.of(arrow));
  }

  private void setValueCount(FieldVector v, int size) {
    if (lazy) {
      ShallowStructs.setValueCount(v, size);
    } else {
      v.setValueCount(size);
    }
  }

  @Override
  public void close() {
    if (built) {
      return;
    }
    built = true;
    for (FieldVector v : vectors) {
      if (v != null) {
        v.close();
      }
    }
    allocator.close();
  }
}
