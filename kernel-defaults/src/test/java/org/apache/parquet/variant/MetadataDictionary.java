package org.apache.parquet.variant;

import java.nio.ByteBuffer;

/**
 * Reaches parquet-variant's package-private dictionary reader, so that the variant oracle checks
 * every name of a metadata dictionary as Keel does, not only the names a value uses.
 */
public final class MetadataDictionary {
  private MetadataDictionary() {}

  /**
   * Reads every name of the dictionary.
   *
   * @throws RuntimeException whatever parquet-variant throws for a dictionary it cannot read
   */
  public static void readAll(byte[] metadata) {
    VariantUtil.getMetadataMap(ByteBuffer.wrap(metadata));
  }
}
