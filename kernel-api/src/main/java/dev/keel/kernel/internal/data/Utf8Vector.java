package dev.keel.kernel.internal.data;

import dev.keel.kernel.data.ColumnVector;

/**
 * A string vector that can hand out a value's UTF-8 bytes without making a {@code String}: the
 * log replay keys millions of file paths and needs only their bytes. Optional: the kernel checks
 * for it with {@code instanceof} and otherwise uses {@link ColumnVector#getString}. Implemented by
 * the default engine's Arrow vectors.
 */
public interface Utf8Vector extends ColumnVector {
  /** @return the byte length of the UTF-8 value at {@code rowId}, which must not be null */
  int utf8Length(int rowId);

  /** Copies the UTF-8 bytes of the value at {@code rowId} (not null) into {@code dst} from index 0; {@code dst} must hold {@link #utf8Length}. */
  void copyUtf8(int rowId, byte[] dst);
}
