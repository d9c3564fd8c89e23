package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.defaults.internal.arrow.RawBuffers;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes a map of primitive keys and values reached through structs only (a checkpoint's {@code
 * add.partitionValues}) from its key and value columns straight into an Arrow map vector, a batch
 * of rows at a time, without record assembly. The key column's levels say where each row's map
 * starts, whether it is null or empty, and (as for {@link FlatColumnDecoder}) which enclosing
 * structs are present.
 */
final class MapColumnDecoder {
  private final ElementColumnDecoder keys;
  private final ElementColumnDecoder values; // null for a map without a value column
  private final int mapLevel;
  private final String path;
  private int[] rowLevels = new int[0]; // the key column's level at the start of each row

  /**
   * @param keys the key column's decoder (one repetition level)
   * @param values the value column's decoder, or null
   * @param mapLevel the definition level at which the map is present (one more: it has an entry)
   */
  MapColumnDecoder(
      ElementColumnDecoder keys, ElementColumnDecoder values, int mapLevel, String path) {
    this.keys = keys;
    this.values = values;
    this.mapLevel = mapLevel;
    this.path = path;
  }

  /**
   * Decodes the next {@code n} rows into rows {@code 0..n-1} of {@code map}, freshly allocated, and
   * marks {@code structs[k]} defined where the definition level reaches {@code structLevels[k]} and
   * {@code claims[k]} (the others are noted in {@link #marks}, as {@link FlatColumnDecoder} does).
   * The key column's levels give the rows (validity, offsets, enclosing structs); keys and then
   * values are written a page stretch at a time. The value column's rows must hold as many entries
   * as the key column's, and agree on where the map and its structs are null.
   *
   * @throws ParquetDecodingException if the columns are malformed or end early
   */
  void read(ListVector map, StructVector[] structs, int[] structLevels, boolean[] claims, int n) {
    while (map.getValueCapacity() < n) {
      map.reAlloc();
    }
    if (rowLevels.length < n) {
      rowLevels = new int[n];
    }
    keys.marks.start(structs, structLevels, claims, n);
    StructVector entries = (StructVector) map.getDataVector();
    ArrowBuf offsets = map.getOffsetBuffer();
    int total =
        readColumn(
            keys,
            (FieldVector) entries.getChildByOrdinal(0),
            map.getValidityBuffer(),
            offsets,
            n,
            -1);
    if (values != null) {
      readColumn(values, (FieldVector) entries.getChildByOrdinal(1), null, offsets, n, total);
    }
    if (total > 0) {
      entries.setIndexDefined(total - 1); // makes room for the validity bits of every entry
      FlatColumnDecoder.setValid(entries.getValidityBuffer(), 0, total);
    }
    map.setLastSet(n - 1);
  }

  /**
   * Reads one column of the map for the {@code n} rows: the key column ({@code total} -1) also
   * writes each row's validity, offset and enclosing structs; the value column ({@code total} the
   * key column's count) is checked against the offsets and levels the keys wrote.
   *
   * @return the number of entries of the {@code n} rows
   */
  private int readColumn(
      ElementColumnDecoder column,
      FieldVector vector,
      ArrowBuf validity,
      ArrowBuf offsets,
      int n,
      int total) {
    boolean keyColumn = total < 0;
    column.startEntries();
    int entryLevel = mapLevel + 1;
    int row = 0;
    int count = 0;
    while (true) {
      int available = column.entriesInPage();
      if (available == 0) {
        if (row < n) {
          throw new ParquetDecodingException(
              "map " + path + " has fewer values than its row group has rows");
        }
        break;
      }
      int first = count;
      int j = 0;
      for (; j < available; j++) {
        int level = column.definitionLevel(j);
        if (column.repetitionLevel(j) == 0) {
          if (row == n) {
            break; // the next batch's first row
          }
          if (keyColumn) {
            keys.marks.row(row, level);
            if (level >= mapLevel) {
              RawBuffers.setBit(validity, row);
            }
            RawBuffers.setInt(offsets, (long) row * ListVector.OFFSET_WIDTH, count);
            rowLevels[row] = level;
          } else if (RawBuffers.getInt(offsets, (long) row * ListVector.OFFSET_WIDTH) != count) {
            throw differentLengths();
          } else if (Math.min(level, entryLevel) != Math.min(rowLevels[row], entryLevel)) {
            // Below the entry level, a row's level says where the map or a struct around it is
            // null: the key column's said otherwise.
            throw new ParquetDecodingException(
                "map "
                    + path
                    + " has keys and values that disagree on whether row "
                    + row
                    + " holds a map, or where the structs around it are null");
          }
          row++;
        } else if (row == 0) {
          throw new ParquetDecodingException("map " + path + " continues a row it never started");
        } else if (level < entryLevel) {
          throw new ParquetDecodingException(
              "map " + path + " continues a row with a missing entry");
        }
        if (level >= entryLevel) {
          count++;
        }
      }
      column.writeEntries(vector, first, j, entryLevel);
      if (j < available) {
        break;
      }
    }
    if (keyColumn) {
      RawBuffers.setInt(offsets, (long) n * ListVector.OFFSET_WIDTH, count);
    } else if (count != total) {
      throw differentLengths();
    }
    return count;
  }

  /** Where the key column of the last {@link #read} said the structs it does not claim are. */
  StructPresence.Marks marks() {
    return keys.marks;
  }

  private ParquetDecodingException differentLengths() {
    return new ParquetDecodingException(
        "map " + path + " has keys and values of different lengths");
  }
}
