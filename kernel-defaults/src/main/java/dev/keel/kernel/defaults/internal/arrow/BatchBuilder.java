package dev.keel.kernel.defaults.internal.arrow;

import dev.keel.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Allocates the vectors of one batch in a fresh child allocator, and hands them over as an
 * {@link ArrowBatch} that owns them. If the batch is abandoned (an exception while filling it),
 * {@link #close()} frees everything.
 */
public final class BatchBuilder implements AutoCloseable {
  private final StructType schema;
  private final BufferAllocator allocator;
  private final FieldVector[] vectors;
  private boolean built;

  public BatchBuilder(BufferAllocator parent, String name, StructType schema) {
    this(parent, name, schema, -1);
  }

  /**
   * @param expectedRows how many rows the batch will likely hold, so a small batch (a short
   *     commit file) does not allocate Arrow's default capacity for every vector; vectors still
   *     grow past it. -1 for Arrow's default.
   */
  public BatchBuilder(BufferAllocator parent, String name, StructType schema, int expectedRows) {
    this.schema = schema;
    this.allocator = parent.newChildAllocator(name, 0, Long.MAX_VALUE);
    this.vectors = new FieldVector[schema.length()];
    try {
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = ArrowTypes.newVector(schema.at(i).getName(), schema.at(i).getDataType(), true, allocator);
        if (expectedRows > 0) {
          vectors[i].setInitialCapacity(expectedRows);
        }
        vectors[i].allocateNew();
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** @return the vectors, one per schema field */
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
      v.setValueCount(size);
    }
    built = true;
    return new ArrowBatch(schema, list, size, allocator);
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
