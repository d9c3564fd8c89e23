package dev.keel.kernel.defaults.internal.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/** Converters that drop every value: for columns read only to learn whether their group is null. */
final class IgnoringConverters {
  private IgnoringConverters() {}

  static Converter of(Type type) {
    if (type.isPrimitive()) {
      return new PrimitiveConverter() {
        @Override
        public void addBinary(org.apache.parquet.io.api.Binary value) {}

        @Override
        public void addBoolean(boolean value) {}

        @Override
        public void addDouble(double value) {}

        @Override
        public void addFloat(float value) {}

        @Override
        public void addInt(int value) {}

        @Override
        public void addLong(long value) {}
      };
    }
    GroupType g = type.asGroupType();
    Converter[] children = new Converter[g.getFieldCount()];
    for (int i = 0; i < children.length; i++) {
      children[i] = of(g.getType(i));
    }
    return new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return children[fieldIndex];
      }

      @Override
      public void start() {}

      @Override
      public void end() {}
    };
  }
}
