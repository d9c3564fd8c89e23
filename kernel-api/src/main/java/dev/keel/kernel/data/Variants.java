package dev.keel.kernel.data;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.internal.variant.VariantJson;

/**
 * Values of Delta's {@code variant} type as text. A variant vector (of {@link
 * dev.keel.kernel.types.VariantType}) has two binary children: the metadata dictionary (ordinal 0)
 * and the value (ordinal 1), in the Parquet variant binary encoding.
 */
@Evolving
public final class Variants {
  private Variants() {}

  /**
   * The JSON text of the variant at {@code row}, as Spark shows it: objects in stored (sorted) key
   * order, decimals without trailing zeros, dates as {@code yyyy-MM-dd}, timestamps as {@code
   * yyyy-MM-dd HH:mm:ss[.ffffff]+00:00} in UTC, binary as base64.
   *
   * @param variants a vector of variant type
   * @param row a non-null row of it
   * @throws MalformedDataException if the bytes are not a valid variant
   */
  public static String toJson(ColumnVector variants, int row) {
    return toJson(variants.getChild(0).getBinary(row), variants.getChild(1).getBinary(row));
  }

  /**
   * The JSON text of a variant given as its metadata and value bytes; see {@link
   * #toJson(ColumnVector, int)}.
   *
   * @throws MalformedDataException if the bytes are not a valid variant
   */
  public static String toJson(byte[] metadata, byte[] value) {
    try {
      return VariantJson.toJson(metadata, value);
    } catch (RuntimeException e) { // out-of-range offsets, unknown type ids, short buffers
      throw new MalformedDataException(
          "Cannot read a variant value: its bytes are not a valid variant encoding ("
              + e.getMessage()
              + ").",
          e);
    }
  }
}
