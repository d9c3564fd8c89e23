package dev.keel.kernel.defaults.internal.parquet;

import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/** Record-assembly converters for structs, lists and maps, writing into Arrow nested vectors. */
final class GroupConverters {
  private GroupConverters() {}

  /** The root of one record: children write at the batch's current row. */
  static final class Root extends GroupConverter {
    Converter[] children = new Converter[0];
    int row;

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {
      row++;
    }
  }

  /**
   * A struct (or a variant's metadata/value pair): marks the slot defined when the group is
   * present.
   */
  static final class Struct extends GroupConverter {
    final VectorRef ref;
    final Slot slot;
    Converter[] children = new Converter[0];
    Runnable onEnd;

    Struct(VectorRef ref, Slot slot) {
      this.ref = ref;
      this.slot = slot;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      ((StructVector) ref.v).setIndexDefined(slot.get());
    }

    @Override
    public void end() {
      if (onEnd != null) {
        onEnd.run();
      }
    }
  }

  /**
   * A list or map: {@code start} opens the value at the slot, elements are counted, {@code end}
   * closes it. {@link #elementSlot} is where the current element goes.
   */
  static final class Repeated extends GroupConverter {
    final VectorRef ref;
    final Slot slot;
    Converter child;
    int offset;
    int count;
    final Slot elementSlot = () -> offset + count;

    Repeated(VectorRef ref, Slot slot) {
      this.ref = ref;
      this.slot = slot;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return child;
    }

    @Override
    public void start() {
      offset = ((ListVector) ref.v).startNewValue(slot.get());
      count = 0;
    }

    @Override
    public void end() {
      ((ListVector) ref.v).endValue(slot.get(), count);
    }

    void elementDone() {
      count++;
    }
  }

  /**
   * The repeated middle group of a 3-level list or a map's key_value: one call of end() per
   * element.
   */
  static final class Element extends GroupConverter {
    private final Repeated list;
    private final VectorRef entries; // maps only: the entries struct, defined per element
    Converter[] children = new Converter[0];

    Element(Repeated list, VectorRef entries) {
      this.list = list;
      this.entries = entries;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      if (entries != null) {
        ((StructVector) entries.v).setIndexDefined(list.elementSlot.get());
      }
    }

    @Override
    public void end() {
      list.elementDone();
    }
  }

  /** A repeated primitive used as a 2-level list: every value is one element. */
  static final class CountingPrimitive extends PrimitiveConverter {
    private final PrimitiveConverter delegate;
    private final Repeated list;

    CountingPrimitive(PrimitiveConverter delegate, Repeated list) {
      this.delegate = delegate;
      this.list = list;
    }

    @Override
    public void addBinary(Binary value) {
      delegate.addBinary(value);
      list.elementDone();
    }

    @Override
    public void addBoolean(boolean value) {
      delegate.addBoolean(value);
      list.elementDone();
    }

    @Override
    public void addDouble(double value) {
      delegate.addDouble(value);
      list.elementDone();
    }

    @Override
    public void addFloat(float value) {
      delegate.addFloat(value);
      list.elementDone();
    }

    @Override
    public void addInt(int value) {
      delegate.addInt(value);
      list.elementDone();
    }

    @Override
    public void addLong(long value) {
      delegate.addLong(value);
      list.elementDone();
    }
  }
}
