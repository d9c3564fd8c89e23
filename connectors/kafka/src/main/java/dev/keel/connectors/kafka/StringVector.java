package dev.keel.connectors.kafka;

import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A string column over messages' UTF-8 bytes (null for a null row), to hand them to the JSON parser
 * without making Strings of them.
 */
final class StringVector implements Utf8Vector {
  private final List<byte[]> values;

  StringVector(List<byte[]> values) {
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
    return new String(values.get(rowId), StandardCharsets.UTF_8);
  }

  @Override
  public int utf8Length(int rowId) {
    return values.get(rowId).length;
  }

  @Override
  public void copyUtf8(int rowId, byte[] dst) {
    System.arraycopy(values.get(rowId), 0, dst, 0, values.get(rowId).length);
  }

  @Override
  public void close() {}
}
