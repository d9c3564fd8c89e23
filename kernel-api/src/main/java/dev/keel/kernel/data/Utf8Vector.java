package dev.keel.kernel.data;

import dev.keel.kernel.annotations.Evolving;

/**
 * An optional fast path for string vectors: hands out a value's UTF-8 bytes without making a {@code
 * String}. The log replay keys millions of file paths and needs only their bytes, so an engine
 * whose string vectors hold UTF-8 (Arrow, Trino's {@code Slice}s, Flink's {@code BinaryStringData})
 * makes listings cheaper by implementing this on the vectors its {@link
 * dev.keel.kernel.engine.JsonHandler} and {@link dev.keel.kernel.engine.ParquetHandler} return. The
 * kernel checks for it with {@code instanceof} and otherwise calls {@link ColumnVector#getString};
 * both must agree on every value. The default engine's Arrow vectors implement it.
 */
@Evolving
public interface Utf8Vector extends ColumnVector {
  /**
   * @param rowId a row whose value is not null
   * @return the byte length of the value's UTF-8 encoding
   */
  int utf8Length(int rowId);

  /**
   * Copies the UTF-8 bytes of a value into {@code dst}, from index 0.
   *
   * @param rowId a row whose value is not null
   * @param dst an array of at least {@link #utf8Length} bytes
   */
  void copyUtf8(int rowId, byte[] dst);
}
