package dev.keel.connectors.kafka;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import java.util.List;

/** A string column over Java strings (null for a null row), to hand messages to the JSON parser. */
final class StringVector implements ColumnVector {
  private final List<String> values;

  StringVector(List<String> values) {
    this.values = values;
  }

  @Override
  public DataType getDataType() {
    return DataTypes.STRING;
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
  public String getString(int rowId) {
    return values.get(rowId);
  }

  @Override
  public void close() {}
}
