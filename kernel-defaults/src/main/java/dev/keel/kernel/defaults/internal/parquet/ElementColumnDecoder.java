package dev.keel.kernel.defaults.internal.parquet;

import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * A primitive column inside one repeated field (a map's key or value column), read by entries
 * rather than rows: each page's repetition and definition levels are decoded whole, the caller
 * ({@link MapColumnDecoder}) walks them to find rows, and the elements of a stretch of entries are
 * written with {@link FlatColumnDecoder}'s value writers in one call.
 */
final class ElementColumnDecoder extends FlatColumnDecoder {
  // The current page's levels, decoded whole, and the next entry's index.
  private int[] pageRep = new int[0];
  private int[] pageDef = new int[0];
  private int pageEntries;
  private int entry;
  private int entryEnd;
  private int[] elementLevels = new int[0];

  /**
   * @param column a column with one repetition level
   * @param kind how values are stored, from {@link #kindOf}
   * @param pages the column chunk's pages (owned by the caller); the dictionary page, if any, is
   *     read now
   * @param createdBy the file's writer, for the DELTA_BYTE_ARRAY pages some old writers got wrong
   */
  ElementColumnDecoder(ColumnDescriptor column, Kind kind, PageReader pages, String createdBy) {
    super(column, kind, pages, createdBy);
  }

  /** Decodes the levels of the page just loaded, and the dictionary indexes of its values. */
  private void loadEntries(int count) {
    if (pageRep.length < count) {
      pageRep = new int[count];
      pageDef = new int[count];
    }
    pages.readRepetitionLevels(pageRep, count);
    int defined = count;
    if (maxDefinition > 0) {
      pages.readDefinitionLevels(pageDef, count);
      defined = 0;
      for (int j = 0; j < count; j++) {
        if (pageDef[j] == maxDefinition) {
          defined++;
        }
      }
    } else {
      java.util.Arrays.fill(pageDef, 0, count, 0);
    }
    pages.prepareValues(defined);
    pageEntries = count;
    entry = 0;
  }

  /**
   * The number of entries left in the current page, loading the next page when none are; 0 at the
   * end of the column chunk. Entries {@code 0..n-1} ahead of the current one are then read with
   * {@link #repetitionLevel(int)} and {@link #definitionLevel(int)} and consumed with {@link
   * #writeEntries}.
   */
  int entriesInPage() {
    while (entry == pageEntries) {
      int count = pages.loadPage();
      if (count < 0) {
        return 0;
      }
      loadEntries(count);
    }
    return pageEntries - entry;
  }

  /**
   * The repetition level of the entry {@code ahead} entries after the current one, in this page.
   */
  int repetitionLevel(int ahead) {
    return pageRep[entry + ahead];
  }

  /**
   * The definition level of the entry {@code ahead} entries after the current one, in this page.
   */
  int definitionLevel(int ahead) {
    return pageDef[entry + ahead];
  }

  /** Starts a batch; elements are then written at 0, 1, 2 ... */
  void startEntries() {
    entryEnd = 0;
  }

  /**
   * Consumes the next {@code count} entries of the current page (at most {@link #entriesInPage})
   * and writes those whose definition level is at least {@code elementLevel}, the list or map
   * elements, at {@code index}, {@code index + 1} ... of {@code vector} (null where the level is
   * below the column's maximum). Entries below {@code elementLevel} stand for a null or empty list
   * or map and take no slot. Within a batch, each call continues at the index where the last one
   * stopped.
   *
   * @return the number of elements written
   * @throws ParquetDecodingException if the page's values end early
   */
  int writeEntries(FieldVector vector, int index, int count, int elementLevel) {
    if (elementLevels.length < count) {
      elementLevels = new int[Math.max(count, 1024)];
    }
    int written = 0;
    int defined = 0;
    for (int j = entry; j < entry + count; j++) {
      int level = pageDef[j];
      if (level >= elementLevel) {
        elementLevels[written++] = level;
        if (level == maxDefinition) {
          defined++;
        }
      }
    }
    entry += count;
    if (written == 0) {
      return 0;
    }
    try {
      ensureCapacity(vector, index + written);
      binaryEnd = entryEnd;
      write(vector, index, written, defined == written ? null : elementLevels, defined);
      entryEnd = binaryEnd;
      if (vector instanceof BaseVariableWidthVector) {
        ((BaseVariableWidthVector) vector).setLastSet(index + written - 1);
      }
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw malformed(e);
    }
    return written;
  }
}
