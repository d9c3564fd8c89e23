package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.defaults.internal.arrow.RawBuffers;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one primitive column of a row group (top-level or inside structs only: no repetition)
 * from its pages straight into Arrow vectors, a batch at a time, without parquet-hadoop's per-value
 * column reader, record assembly and converters. It also marks the enclosing struct vectors it is
 * given as defined where the definition level reaches them. Pages, levels and values come from
 * {@link ColumnPages}; this class decides where each value goes (fixed-width PLAIN values are
 * copied in bulk where a stretch of rows has no nulls).
 *
 * <p>Only the (file type, Delta type) pairs of {@link #kindOf} take this path, with exactly the
 * conversions {@link PrimitiveConverters} makes for them; every other column is read by
 * parquet-hadoop.
 */
class FlatColumnDecoder {
  /** How values are stored in the Arrow vector. */
  enum Kind {
    BOOLEAN,
    INT8,
    INT16,
    INT32,
    INT64,
    FLOAT,
    DOUBLE,
    BINARY,
    DECIMAL_INT32,
    DECIMAL_INT64
  }

  /**
   * @return how this decoder stores the column, or null when the pair is left to the converters
   */
  static Kind kindOf(PrimitiveType fileType, DataType target) {
    PrimitiveTypeName p = fileType.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = fileType.getLogicalTypeAnnotation();
    if (target instanceof BooleanType) {
      return p == PrimitiveTypeName.BOOLEAN ? Kind.BOOLEAN : null;
    }
    if (target instanceof ByteType) {
      return p == PrimitiveTypeName.INT32 ? Kind.INT8 : null;
    }
    if (target instanceof ShortType) {
      return p == PrimitiveTypeName.INT32 ? Kind.INT16 : null;
    }
    if (target instanceof IntegerType) {
      return p == PrimitiveTypeName.INT32
              && !(logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation)
          ? Kind.INT32
          : null;
    }
    if (target instanceof DateType) {
      return p == PrimitiveTypeName.INT32 ? Kind.INT32 : null;
    }
    if (target instanceof LongType) {
      return p == PrimitiveTypeName.INT64 ? Kind.INT64 : null;
    }
    if (target instanceof TimestampType || target instanceof TimestampNTZType) {
      if (p != PrimitiveTypeName.INT64) {
        return null;
      }
      boolean micros =
          !(logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation)
              || ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical).getUnit()
                  == LogicalTypeAnnotation.TimeUnit.MICROS;
      return micros ? Kind.INT64 : null;
    }
    if (target instanceof FloatType) {
      return p == PrimitiveTypeName.FLOAT ? Kind.FLOAT : null;
    }
    if (target instanceof DoubleType) {
      return p == PrimitiveTypeName.DOUBLE ? Kind.DOUBLE : null;
    }
    if (target instanceof StringType || target instanceof BinaryType) {
      return p == PrimitiveTypeName.BINARY ? Kind.BINARY : null;
    }
    if (target instanceof DecimalType
        && logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
        && ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale()
            == ((DecimalType) target).getScale()) {
      if (p == PrimitiveTypeName.INT32) {
        return Kind.DECIMAL_INT32;
      }
      if (p == PrimitiveTypeName.INT64) {
        return Kind.DECIMAL_INT64;
      }
    }
    return null;
  }

  private final Kind kind;
  final ColumnPages pages;
  final int maxDefinition;

  private int pageRowsLeft;
  final StructPresence.Marks marks = new StructPresence.Marks();
  private int[] levelBuf = new int[0];

  /** A string column's data bytes written so far in the current batch. */
  int binaryEnd;

  /**
   * @param column the column: not repeated (read by rows with {@link #read}), or inside one
   *     repeated field for {@link ElementColumnDecoder}
   * @param kind how values are stored, from {@link #kindOf}
   * @param pages the column chunk's pages (owned by the caller); the dictionary page, if any, is
   *     read now
   * @param createdBy the file's writer, for the DELTA_BYTE_ARRAY pages some old writers got wrong
   */
  FlatColumnDecoder(ColumnDescriptor column, Kind kind, PageReader pages, String createdBy) {
    if (column.getMaxRepetitionLevel() > 1) {
      throw new IllegalArgumentException(
          "a column nested in more than one repeated field: " + column);
    }
    this.kind = kind;
    this.maxDefinition = column.getMaxDefinitionLevel();
    this.pages = new ColumnPages(column, kind, pages, createdBy);
  }

  /**
   * Decodes the next {@code n} rows into rows {@code 0..n-1} of {@code vector}, a freshly allocated
   * vector of the column's Arrow type whose validity bits are all clear, and marks {@code
   * structs[k]} defined at the rows whose definition level is at least {@code structLevels[k]}
   * where {@code claims[k]}; for the other structs it notes in {@link #marks} where it says they
   * are present, for {@link StructPresence} to check.
   *
   * @throws ParquetDecodingException if the pages are malformed or end early
   */
  void read(
      FieldVector vector, StructVector[] structs, int[] structLevels, boolean[] claims, int n) {
    marks.start(structs, structLevels, claims, n);
    ensureCapacity(vector, n);
    binaryEnd = 0;
    int row = 0;
    try {
      while (row < n) {
        if (pageRowsLeft == 0) {
          pageRowsLeft = pages.loadPage();
          if (pageRowsLeft < 0) {
            pageRowsLeft = 0;
            throw new ParquetDecodingException(
                "column " + pages.path() + " has fewer values than its row group has rows");
          }
          continue;
        }
        int m = Math.min(n - row, pageRowsLeft);
        readRows(vector, row, m);
        row += m;
        pageRowsLeft -= m;
      }
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw malformed(e);
    }
    if (kind == Kind.BINARY) {
      ((BaseVariableWidthVector) vector).setLastSet(n - 1);
    }
  }

  ParquetDecodingException malformed(RuntimeException e) {
    return new ParquetDecodingException(
        "column " + pages.path() + " is malformed (" + e.getMessage() + ")", e);
  }

  static void ensureCapacity(FieldVector vector, int n) {
    if (vector instanceof BaseVariableWidthVector) {
      BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
      while (v.getValueCapacity() < n) {
        v.reallocValidityAndOffsetBuffers();
      }
    } else {
      BaseFixedWidthVector v = (BaseFixedWidthVector) vector;
      while (v.getValueCapacity() < n) {
        v.reAlloc();
      }
    }
  }

  private void readRows(FieldVector vector, int start, int m) {
    if (maxDefinition > 0) {
      int level = pages.definitionRun(m);
      if (level >= 0) {
        sameLevelRows(vector, start, m, level);
        return;
      }
    }
    int defined = m;
    int[] lv = null;
    if (maxDefinition > 0) {
      if (levelBuf.length < m) {
        levelBuf = new int[Math.max(m, 1024)];
      }
      lv = levelBuf;
      pages.readDefinitionLevels(lv, m);
      defined = 0;
      for (int j = 0; j < m; j++) {
        if (lv[j] == maxDefinition) {
          defined++;
        }
      }
    }
    marks.rows(start, m, lv);
    pages.prepareValues(defined);
    write(vector, start, m, lv, defined);
  }

  /**
   * Rows {@code start..start+m-1} whose definition levels are all {@code level} (one run in the
   * page): their structs are marked in bulk, and their values are either all present (written as a
   * stretch without nulls) or all null (nothing to write but a string column's offsets).
   */
  private void sameLevelRows(FieldVector vector, int start, int m, int level) {
    marks.run(start, m, level);
    if (level == maxDefinition) {
      pages.prepareValues(m);
      write(vector, start, m, null, m);
    } else if (kind == Kind.BINARY) {
      ArrowBuf offsets = vector.getOffsetBuffer();
      for (int j = 1; j <= m; j++) {
        RawBuffers.setInt(offsets, (long) (start + j) * 4, binaryEnd);
      }
    }
  }

  /**
   * Writes the next values of rows {@code start..start+m-1}: those whose level in {@code lv} is the
   * maximum, {@code defined} of them (all when {@code lv} is null).
   */
  void write(FieldVector vector, int start, int m, int[] lv, int defined) {
    boolean all = defined == m;
    switch (kind) {
      case INT8:
      case INT16:
        small(vector, start, m, lv);
        break;
      case INT32:
      case FLOAT:
        fixed(vector, start, m, lv, all, 4);
        break;
      case INT64:
      case DOUBLE:
        fixed(vector, start, m, lv, all, 8);
        break;
      case DECIMAL_INT32:
      case DECIMAL_INT64:
        decimal((DecimalVector) vector, start, m, lv);
        break;
      case BOOLEAN:
        booleans(vector, start, m, lv);
        break;
      case BINARY:
        binary((BaseVariableWidthVector) vector, start, m, lv, defined);
        break;
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  private void fixed(FieldVector vector, int start, int m, int[] lv, boolean all, int width) {
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    if (all) {
      if (!pages.copyPlain(data, (long) start * width, m, width)) {
        for (int j = 0; j < m; j++) {
          if (width == 4) {
            RawBuffers.setInt(data, (long) (start + j) * 4, pages.nextInt());
          } else {
            RawBuffers.setLong(data, (long) (start + j) * 8, pages.nextLong());
          }
        }
      }
      setValid(validity, start, m);
      return;
    }
    for (int j = 0; j < m; j++) {
      if (lv[j] == maxDefinition) {
        if (width == 4) {
          RawBuffers.setInt(data, (long) (start + j) * 4, pages.nextInt());
        } else {
          RawBuffers.setLong(data, (long) (start + j) * 8, pages.nextLong());
        }
        RawBuffers.setBit(validity, start + j);
      }
    }
  }

  private void small(FieldVector vector, int start, int m, int[] lv) {
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    for (int j = 0; j < m; j++) {
      if (lv == null || lv[j] == maxDefinition) {
        int v = pages.nextInt();
        if (kind == Kind.INT8) {
          data.setByte(start + j, v);
        } else {
          data.setShort((long) (start + j) * 2, (short) v);
        }
        RawBuffers.setBit(validity, start + j);
      }
    }
  }

  private void decimal(DecimalVector vector, int start, int m, int[] lv) {
    for (int j = 0; j < m; j++) {
      if (lv == null || lv[j] == maxDefinition) {
        vector.set(start + j, kind == Kind.DECIMAL_INT32 ? pages.nextInt() : pages.nextLong());
      }
    }
  }

  private void booleans(FieldVector vector, int start, int m, int[] lv) {
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    for (int j = 0; j < m; j++) {
      if (lv == null || lv[j] == maxDefinition) {
        if (pages.nextBoolean()) {
          RawBuffers.setBit(data, start + j);
        }
        RawBuffers.setBit(validity, start + j);
      }
    }
  }

  private void binary(BaseVariableWidthVector vector, int start, int m, int[] lv, int defined) {
    int end = binaryEnd;
    long bytes = pages.binaryBytes(defined);
    if (bytes > 0 && end + bytes > vector.getDataBuffer().capacity()) {
      vector.reallocDataBuffer(end + bytes); // once, not doubling value by value
    }
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf offsets = vector.getOffsetBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    long capacity = data.capacity();
    for (int j = 0; j < m; j++) {
      int row = start + j;
      if (lv == null || lv[j] == maxDefinition) {
        int length = pages.nextBinary();
        while (end + (long) length > capacity) {
          vector.reallocDataBuffer();
          data = vector.getDataBuffer();
          capacity = data.capacity();
        }
        pages.copyBinary(data, end);
        end += length;
        if (lv != null) {
          RawBuffers.setBit(validity, row);
        }
      }
      RawBuffers.setInt(offsets, (long) (row + 1) * 4, end);
    }
    if (lv == null) {
      setValid(validity, start, m);
    }
    binaryEnd = end;
  }

  /** Sets validity bits {@code start..start+m-1}, whole bytes at once where it can. */
  static void setValid(ArrowBuf validity, int start, int m) {
    int i = start;
    int end = start + m;
    while (i < end && (i & 7) != 0) {
      RawBuffers.setBit(validity, i++);
    }
    int bytes = (end - i) >>> 3;
    if (bytes > 0) {
      validity.setOne((long) (i >>> 3), (long) bytes);
      i += bytes << 3;
    }
    while (i < end) {
      RawBuffers.setBit(validity, i++);
    }
  }
}
