package dev.keel.kernel.defaults.internal.parquet;

import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes a map of primitive keys and values reached through structs only (a checkpoint's
 * {@code add.partitionValues}) from its key and value columns straight into an Arrow map vector,
 * a batch of rows at a time, without record assembly. The key column's levels say where each row's
 * map starts, whether it is null or empty, and (as for {@link FlatColumnDecoder}) which enclosing
 * structs are present.
 */
final class MapColumnDecoder {
  private final FlatColumnDecoder keys;
  private final FlatColumnDecoder values; // null for a map without a value column
  private final int mapLevel;
  private final String path;

  /**
   * @param keys the key column's decoder (one repetition level)
   * @param values the value column's decoder, or null
   * @param mapLevel the definition level at which the map is present (one more: it has an entry)
   */
  MapColumnDecoder(FlatColumnDecoder keys, FlatColumnDecoder values, int mapLevel, String path) {
    this.keys = keys;
    this.values = values;
    this.mapLevel = mapLevel;
    this.path = path;
  }

  /**
   * Decodes the next {@code n} rows into rows {@code 0..n-1} of {@code map}, freshly allocated,
   * and marks {@code structs[k]} defined where the definition level reaches {@code structLevels[k]}.
   *
   * @throws ParquetDecodingException if the columns are malformed or end early
   */
  void read(ListVector map, StructVector[] structs, int[] structLevels, int n) {
    while (map.getValueCapacity() < n) {
      map.reAlloc();
    }
    StructVector entries = (StructVector) map.getDataVector();
    FieldVector keyVector = (FieldVector) entries.getChildByOrdinal(0);
    FieldVector valueVector = values == null ? null : (FieldVector) entries.getChildByOrdinal(1);
    keys.startEntries();
    if (values != null) {
      values.startEntries();
    }
    int entry = 0;
    int entryLevel = mapLevel + 1;
    for (int row = 0; row < n; row++) {
      if (!keys.hasEntry() || (values != null && !values.hasEntry())) {
        throw new ParquetDecodingException("map " + path + " has fewer values than its row group has rows");
      }
      if (keys.repetitionLevel() != 0) {
        throw new ParquetDecodingException("map " + path + " continues a row it never started");
      }
      int level = keys.definitionLevel();
      for (int k = 0; k < structs.length; k++) {
        if (level >= structLevels[k]) {
          structs[k].setIndexDefined(row);
        }
      }
      if (level < entryLevel) {
        keys.skipEntry();
        if (values != null) {
          values.skipEntry();
        }
        if (level >= mapLevel) {
          BitVectorHelper.setBit(map.getValidityBuffer(), row); // an empty map
        }
      } else {
        BitVectorHelper.setBit(map.getValidityBuffer(), row);
        do {
          if (values != null && values.repetitionLevel() != keys.repetitionLevel()) {
            throw new ParquetDecodingException("map " + path + " has keys and values of different lengths");
          }
          entries.setIndexDefined(entry);
          keys.writeEntry(keyVector, entry);
          if (values != null) {
            values.writeEntry(valueVector, entry);
          }
          entry++;
        } while (keys.hasEntry() && keys.repetitionLevel() != 0 && (values == null || values.hasEntry()));
      }
      map.getOffsetBuffer().setInt((long) (row + 1) * ListVector.OFFSET_WIDTH, entry);
    }
    map.setLastSet(n - 1);
  }
}
