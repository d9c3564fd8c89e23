package dev.keel.kernel.defaults.internal.parquet;

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
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one primitive column of a row group (top-level or inside structs only: no repetition)
 * from its pages straight into Arrow vectors, a batch at a time, without parquet-hadoop's
 * per-value column reader, record assembly and converters. It also marks the enclosing struct
 * vectors it is given as defined where the definition level reaches them.
 * Definition levels and dictionary indexes go through {@link HybridRle}; PLAIN values are read
 * from the page buffer (fixed-width ones copied in bulk when a stretch of rows has no nulls); any
 * other value encoding through parquet-hadoop's own values reader for it.
 *
 * <p>Only the (file type, Delta type) pairs of {@link #kindOf} take this path, with exactly the
 * conversions {@link PrimitiveConverters} makes for them; every other column is read by
 * parquet-hadoop. Pages come decompressed from parquet-hadoop's page reader, which the caller
 * owns.
 */
final class FlatColumnDecoder {
  /** How values are stored in the Arrow vector. */
  enum Kind {
    BOOLEAN, INT8, INT16, INT32, INT64, FLOAT, DOUBLE, BINARY, DECIMAL_INT32, DECIMAL_INT64
  }

  /** @return how this decoder stores the column, or null when the pair is left to the converters */
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
      return p == PrimitiveTypeName.INT32 && !(logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation)
          ? Kind.INT32 : null;
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
      boolean micros = !(logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation)
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
    if (target instanceof DecimalType && logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
        && ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale() == ((DecimalType) target).getScale()) {
      if (p == PrimitiveTypeName.INT32) {
        return Kind.DECIMAL_INT32;
      }
      if (p == PrimitiveTypeName.INT64) {
        return Kind.DECIMAL_INT64;
      }
    }
    return null;
  }

  private final ColumnDescriptor column;
  private final Kind kind;
  private final PageReader pages;
  private final int maxDefinition;
  private final int maxRepetition;
  private final String createdBy;

  // The dictionary, decoded once per column chunk (floats and doubles as their bits).
  private boolean hasDictionary;
  private int[] dictInts;
  private long[] dictLongs;
  private byte[][] dictBinary;

  // The current page.
  private int pageRowsLeft;
  private HybridRle levels;
  private ValuesReader levelReader;
  private byte[] plain;
  private int plainPos;
  private int plainEnd;
  private long plainBit;
  private HybridRle ids;
  private ValuesReader values;

  private StructVector[] structs;
  private int[] structLevels;
  private int[] levelBuf = new int[0];
  private int[] idBuf = new int[0];
  private int idCursor;
  private int binaryEnd;

  /**
   * @param column the column: not repeated (read by rows with {@link #read}) or inside one repeated
   *     field (read by entries with {@link #hasEntry} and {@link #writeEntry})
   * @param kind how values are stored, from {@link #kindOf}
   * @param pages the column chunk's pages; the dictionary page, if any, is read now
   * @param createdBy the file's writer, for the DELTA_BYTE_ARRAY pages some old writers got wrong
   */
  FlatColumnDecoder(ColumnDescriptor column, Kind kind, PageReader pages, String createdBy) {
    if (column.getMaxRepetitionLevel() > 1) {
      throw new IllegalArgumentException("a column nested in more than one repeated field: " + column);
    }
    this.maxRepetition = column.getMaxRepetitionLevel();
    this.column = column;
    this.kind = kind;
    this.pages = pages;
    this.createdBy = createdBy;
    this.maxDefinition = column.getMaxDefinitionLevel();
    DictionaryPage page = pages.readDictionaryPage();
    if (page != null) {
      try {
        loadDictionary(page.getEncoding().initDictionary(column, page));
      } catch (IOException e) {
        throw new ParquetDecodingException("could not read the dictionary of column " + path(), e);
      }
    }
  }

  private void loadDictionary(Dictionary dictionary) {
    int size = dictionary.getMaxId() + 1;
    hasDictionary = true;
    switch (kind) {
      case INT8:
      case INT16:
      case INT32:
      case DECIMAL_INT32:
        dictInts = new int[size];
        for (int i = 0; i < size; i++) {
          dictInts[i] = dictionary.decodeToInt(i);
        }
        break;
      case FLOAT:
        dictInts = new int[size];
        for (int i = 0; i < size; i++) {
          dictInts[i] = Float.floatToRawIntBits(dictionary.decodeToFloat(i));
        }
        break;
      case INT64:
      case DECIMAL_INT64:
        dictLongs = new long[size];
        for (int i = 0; i < size; i++) {
          dictLongs[i] = dictionary.decodeToLong(i);
        }
        break;
      case DOUBLE:
        dictLongs = new long[size];
        for (int i = 0; i < size; i++) {
          dictLongs[i] = Double.doubleToRawLongBits(dictionary.decodeToDouble(i));
        }
        break;
      case BINARY:
        dictBinary = new byte[size][];
        for (int i = 0; i < size; i++) {
          dictBinary[i] = dictionary.decodeToBinary(i).getBytes();
        }
        break;
      default:
        throw new ParquetDecodingException("unexpected dictionary for " + kind + " column " + path());
    }
  }

  private String path() {
    return String.join(".", column.getPath());
  }

  /**
   * Decodes the next {@code n} rows into rows {@code 0..n-1} of {@code vector}, a freshly
   * allocated vector of the column's Arrow type whose validity bits are all clear, and marks
   * {@code structs[k]} defined at the rows whose definition level is at least
   * {@code structLevels[k]}.
   *
   * @throws ParquetDecodingException if the pages are malformed or end early
   */
  void read(FieldVector vector, StructVector[] structs, int[] structLevels, int n) {
    this.structs = structs;
    this.structLevels = structLevels;
    ensureCapacity(vector, n);
    binaryEnd = 0;
    int row = 0;
    try {
      while (row < n) {
        if (pageRowsLeft == 0) {
          nextPage();
          continue;
        }
        int m = Math.min(n - row, pageRowsLeft);
        readRows(vector, row, m);
        row += m;
        pageRowsLeft -= m;
      }
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw new ParquetDecodingException("column " + path() + " is malformed (" + e.getMessage() + ")", e);
    }
    if (kind == Kind.BINARY) {
      ((BaseVariableWidthVector) vector).setLastSet(n - 1);
    }
  }

  private static void ensureCapacity(FieldVector vector, int n) {
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

  private void nextPage() {
    if (!loadPage()) {
      throw new ParquetDecodingException("column " + path() + " has fewer values than its row group has rows");
    }
  }

  /** Loads the next page, or returns false at the end of the column chunk. */
  private boolean loadPage() {
    DataPage page = pages.readPage();
    if (page == null) {
      return false;
    }
    int count = page.getValueCount();
    levels = null;
    levelReader = null;
    HybridRle repetition = null;
    try {
      if (page instanceof DataPageV1) {
        DataPageV1 v1 = (DataPageV1) page;
        Region r = Region.of(v1.getBytes().toByteBuffer());
        int pos = r.start;
        if (maxRepetition > 0) {
          if (v1.getRlEncoding() != Encoding.RLE) {
            throw new ParquetDecodingException("column " + path() + " has " + v1.getRlEncoding() + " repetition levels");
          }
          int length = (int) HybridRle.INT_LE.get(r.bytes, pos);
          if (length < 0 || pos + 4L + length > r.end) {
            throw new ParquetDecodingException("repetition levels of column " + path() + " overrun their page");
          }
          repetition = new HybridRle(r.bytes, pos + 4, pos + 4 + length, BytesUtils.getWidthFromMaxInt(maxRepetition));
          pos += 4 + length;
        }
        if (maxDefinition > 0) {
          if (v1.getDlEncoding() == Encoding.RLE) {
            int length = (int) HybridRle.INT_LE.get(r.bytes, pos);
            if (length < 0 || pos + 4L + length > r.end) {
              throw new ParquetDecodingException("definition levels of column " + path() + " overrun their page");
            }
            levels = new HybridRle(r.bytes, pos + 4, pos + 4 + length, BytesUtils.getWidthFromMaxInt(maxDefinition));
            pos += 4 + length;
          } else {
            ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(r.bytes, pos, r.end - pos).slice());
            levelReader = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
            levelReader.initFromPage(count, in);
            pos += (int) in.position();
          }
        }
        initValues(v1.getValueEncoding(), r.bytes, pos, r.end, count);
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        if (maxRepetition > 0) {
          Region rv = Region.of(v2.getRepetitionLevels().toByteBuffer());
          repetition = new HybridRle(rv.bytes, rv.start, rv.end, BytesUtils.getWidthFromMaxInt(maxRepetition));
        }
        if (maxDefinition > 0) {
          Region lv = Region.of(v2.getDefinitionLevels().toByteBuffer());
          levels = new HybridRle(lv.bytes, lv.start, lv.end, BytesUtils.getWidthFromMaxInt(maxDefinition));
        }
        Region r = Region.of(v2.getData().toByteBuffer());
        initValues(v2.getDataEncoding(), r.bytes, r.start, r.end, count);
      }
    } catch (IOException e) {
      throw new ParquetDecodingException("could not read page " + page + " of column " + path(), e);
    }
    pageRowsLeft = count;
    if (maxRepetition > 0) {
      loadEntries(repetition, count);
    }
    return true;
  }

  // Repeated columns: the current page's levels, decoded whole, and the next entry's index.
  private int[] pageRep = new int[0];
  private int[] pageDef = new int[0];
  private int pageEntries;
  private int entry;
  private int entryEnd;

  private void loadEntries(HybridRle repetition, int count) {
    if (pageRep.length < count) {
      pageRep = new int[count];
      pageDef = new int[count];
    }
    repetition.read(pageRep, 0, count);
    int defined = count;
    if (maxDefinition > 0) {
      if (levels != null) {
        levels.read(pageDef, 0, count);
      } else {
        for (int j = 0; j < count; j++) {
          pageDef[j] = levelReader.readInteger();
        }
      }
      defined = 0;
      for (int j = 0; j < count; j++) {
        if (pageDef[j] == maxDefinition) {
          defined++;
        }
      }
    } else {
      java.util.Arrays.fill(pageDef, 0, count, 0);
    }
    if (ids != null && defined > 0) {
      if (idBuf.length < defined) {
        idBuf = new int[defined];
      }
      ids.read(idBuf, 0, defined);
    }
    idCursor = 0;
    pageEntries = count;
    entry = 0;
  }

  /** Repeated columns: whether an entry is left in the column chunk (loading its page if need be). */
  boolean hasEntry() {
    while (entry == pageEntries) {
      if (!loadPage()) {
        return false;
      }
    }
    return true;
  }

  /** Repeated columns: the current entry's repetition level ({@link #hasEntry} first). */
  int repetitionLevel() {
    return pageRep[entry];
  }

  /** Repeated columns: the current entry's definition level ({@link #hasEntry} first). */
  int definitionLevel() {
    return pageDef[entry];
  }

  /** Repeated columns: starts a batch; entries are then written at 0, 1, 2 ... */
  void startEntries() {
    entryEnd = 0;
  }

  /** Repeated columns: consumes the current entry, which holds no element (a null or empty list or map). */
  void skipEntry() {
    if (pageDef[entry] == maxDefinition) {
      throw new ParquetDecodingException("column " + path() + " has a value where its list or map is empty");
    }
    entry++;
  }

  /**
   * Repeated columns: writes the current entry at {@code index} of {@code vector} (null when its
   * definition level is below the maximum) and consumes it. Indexes go up by one from 0 per batch.
   */
  void writeEntry(FieldVector vector, int index) {
    try {
      if (vector instanceof BaseVariableWidthVector) {
        BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
        while (v.getValueCapacity() <= index) {
          v.reallocValidityAndOffsetBuffers();
        }
        binaryEnd = entryEnd;
        int[] lv = pageDef[entry] == maxDefinition ? null : NOT_DEFINED;
        binary(v, index, 1, lv);
        entryEnd = binaryEnd;
        v.setLastSet(index);
      } else {
        BaseFixedWidthVector v = (BaseFixedWidthVector) vector;
        while (v.getValueCapacity() <= index) {
          v.reAlloc();
        }
        if (pageDef[entry] == maxDefinition) {
          writeOne(vector, index);
        }
      }
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw new ParquetDecodingException("column " + path() + " is malformed (" + e.getMessage() + ")", e);
    }
    entry++;
  }

  /** A one-entry level array below any maximum definition level: "this value is null". */
  private static final int[] NOT_DEFINED = {-1};

  private void writeOne(FieldVector vector, int index) {
    switch (kind) {
      case INT8:
      case INT16:
        small(vector, index, 1, null);
        break;
      case INT32:
      case FLOAT:
        fixed(vector, index, 1, null, true, 4);
        break;
      case INT64:
      case DOUBLE:
        fixed(vector, index, 1, null, true, 8);
        break;
      case DECIMAL_INT32:
      case DECIMAL_INT64:
        decimal((DecimalVector) vector, index, 1, null);
        break;
      case BOOLEAN:
        booleans(vector, index, 1, null);
        break;
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  /** A page's bytes as an array region (copied out only when the buffer has no array). */
  private static final class Region {
    final byte[] bytes;
    final int start;
    final int end;

    private Region(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.start = start;
      this.end = end;
    }

    static Region of(ByteBuffer b) {
      if (b.hasArray()) {
        int start = b.arrayOffset() + b.position();
        return new Region(b.array(), start, start + b.remaining());
      }
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      return new Region(copy, 0, copy.length);
    }
  }

  private void initValues(Encoding encoding, byte[] buf, int pos, int end, int count) throws IOException {
    ValuesReader previous = values;
    plain = null;
    ids = null;
    values = null;
    if (encoding.usesDictionary()) {
      if (!hasDictionary) {
        throw new ParquetDecodingException("column " + path() + " has a " + encoding
            + " page but no dictionary page");
      }
      if (pos >= end) {
        // A page of nulls only may have no indexes at all.
        ids = new HybridRle(buf, pos, end, 0);
      } else {
        ids = new HybridRle(buf, pos + 1, end, buf[pos] & 0xff);
      }
    } else if (encoding == Encoding.PLAIN) {
      plain = buf;
      plainPos = pos;
      plainEnd = end;
      plainBit = 0;
    } else {
      values = encoding.getValuesReader(column, ValuesType.VALUES);
      values.initFromPage(count, ByteBufferInputStream.wrap(ByteBuffer.wrap(buf, pos, end - pos).slice()));
      if (previous instanceof RequiresPreviousReader && values instanceof RequiresPreviousReader
          && CorruptDeltaByteArrays.requiresSequentialReads(createdBy, encoding)) {
        ((RequiresPreviousReader) values).setPreviousReader(previous);
      }
    }
  }

  private void readRows(FieldVector vector, int start, int m) {
    int defined = m;
    int[] lv = null;
    if (maxDefinition > 0) {
      if (levelBuf.length < m) {
        levelBuf = new int[Math.max(m, 1024)];
      }
      lv = levelBuf;
      if (levels != null) {
        levels.read(lv, 0, m);
      } else {
        for (int j = 0; j < m; j++) {
          lv[j] = levelReader.readInteger();
        }
      }
      defined = 0;
      for (int j = 0; j < m; j++) {
        if (lv[j] == maxDefinition) {
          defined++;
        }
      }
    }
    for (int k = 0; k < structs.length; k++) {
      StructVector struct = structs[k];
      int level = structLevels[k];
      for (int j = 0; j < m; j++) {
        if (lv == null || lv[j] >= level) {
          struct.setIndexDefined(start + j);
        }
      }
    }
    if (ids != null && defined > 0) {
      if (idBuf.length < defined) {
        idBuf = new int[Math.max(defined, 1024)];
      }
      ids.read(idBuf, 0, defined);
      idCursor = 0;
    }
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
        binary((BaseVariableWidthVector) vector, start, m, lv);
        break;
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  private void fixed(FieldVector vector, int start, int m, int[] lv, boolean all, int width) {
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    if (all) {
      if (plain != null) {
        if (plainPos + (long) m * width > plainEnd) {
          throw overrun();
        }
        data.setBytes((long) start * width, plain, plainPos, (long) m * width);
        plainPos += m * width;
      } else if (width == 4) {
        for (int j = 0; j < m; j++) {
          data.setInt((long) (start + j) * 4, nextInt());
        }
      } else {
        for (int j = 0; j < m; j++) {
          data.setLong((long) (start + j) * 8, nextLong());
        }
      }
      setValid(validity, start, m);
      return;
    }
    for (int j = 0; j < m; j++) {
      if (lv[j] == maxDefinition) {
        if (width == 4) {
          data.setInt((long) (start + j) * 4, nextInt());
        } else {
          data.setLong((long) (start + j) * 8, nextLong());
        }
        BitVectorHelper.setBit(validity, start + j);
      }
    }
  }

  private void small(FieldVector vector, int start, int m, int[] lv) {
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    for (int j = 0; j < m; j++) {
      if (lv == null || lv[j] == maxDefinition) {
        int v = nextInt();
        if (kind == Kind.INT8) {
          data.setByte(start + j, v);
        } else {
          data.setShort((long) (start + j) * 2, (short) v);
        }
        BitVectorHelper.setBit(validity, start + j);
      }
    }
  }

  private void decimal(DecimalVector vector, int start, int m, int[] lv) {
    for (int j = 0; j < m; j++) {
      if (lv == null || lv[j] == maxDefinition) {
        vector.set(start + j, kind == Kind.DECIMAL_INT32 ? nextInt() : nextLong());
      }
    }
  }

  private void booleans(FieldVector vector, int start, int m, int[] lv) {
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    for (int j = 0; j < m; j++) {
      if (lv == null || lv[j] == maxDefinition) {
        boolean value;
        if (plain != null) {
          if (plainPos + (plainBit >>> 3) >= plainEnd) {
            throw overrun();
          }
          int b = plain[plainPos + (int) (plainBit >>> 3)];
          value = ((b >>> (int) (plainBit & 7)) & 1) != 0;
          plainBit++;
        } else if (ids != null) {
          throw new ParquetDecodingException("column " + path() + " is a dictionary-encoded boolean column");
        } else {
          value = values.readBoolean();
        }
        if (value) {
          BitVectorHelper.setBit(data, start + j);
        }
        BitVectorHelper.setBit(validity, start + j);
      }
    }
  }

  private void binary(BaseVariableWidthVector vector, int start, int m, int[] lv) {
    ArrowBuf data = vector.getDataBuffer();
    ArrowBuf offsets = vector.getOffsetBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    long capacity = data.capacity();
    int end = binaryEnd;
    for (int j = 0; j < m; j++) {
      int row = start + j;
      if (lv == null || lv[j] == maxDefinition) {
        int length;
        int from = 0;
        byte[] bytes = null;
        ByteBuffer source = null;
        if (plain != null) {
          if (plainPos + 4 > plainEnd) {
            throw overrun();
          }
          length = (int) HybridRle.INT_LE.get(plain, plainPos);
          from = plainPos + 4;
          if (length < 0 || from + (long) length > plainEnd) {
            throw overrun();
          }
          bytes = plain;
          plainPos = from + length;
        } else if (ids != null) {
          bytes = dictBinary[idBuf[idCursor++]];
          length = bytes.length;
        } else {
          ByteBuffer b = values.readBytes().toByteBuffer();
          source = b;
          from = b.position();
          length = b.remaining();
        }
        if (length < 0) {
          throw new ParquetDecodingException("column " + path() + " has a value of negative length");
        }
        while (end + (long) length > capacity) {
          vector.reallocDataBuffer();
          data = vector.getDataBuffer();
          capacity = data.capacity();
        }
        if (bytes != null) {
          data.setBytes(end, bytes, from, length);
        } else {
          data.setBytes(end, source, from, length);
        }
        end += length;
        BitVectorHelper.setBit(validity, row);
      }
      offsets.setInt((long) (row + 1) * 4, end);
    }
    binaryEnd = end;
  }

  private ParquetDecodingException overrun() {
    return new ParquetDecodingException("column " + path() + " has fewer value bytes than its page's value count needs");
  }

  private int nextInt() {
    if (plain != null) {
      if (plainPos + 4 > plainEnd) {
        throw overrun();
      }
      int v = (int) HybridRle.INT_LE.get(plain, plainPos);
      plainPos += 4;
      return v;
    }
    if (ids != null) {
      return dictInts[idBuf[idCursor++]];
    }
    return kind == Kind.FLOAT ? Float.floatToRawIntBits(values.readFloat()) : values.readInteger();
  }

  private long nextLong() {
    if (plain != null) {
      if (plainPos + 8 > plainEnd) {
        throw overrun();
      }
      long v = (long) HybridRle.LONG_LE.get(plain, plainPos);
      plainPos += 8;
      return v;
    }
    if (ids != null) {
      return dictLongs[idBuf[idCursor++]];
    }
    return kind == Kind.DOUBLE ? Double.doubleToRawLongBits(values.readDouble()) : values.readLong();
  }

  /** Sets validity bits {@code start..start+m-1}, whole bytes at once where it can. */
  private static void setValid(ArrowBuf validity, int start, int m) {
    int i = start;
    int end = start + m;
    while (i < end && (i & 7) != 0) {
      BitVectorHelper.setBit(validity, i++);
    }
    int bytes = (end - i) >>> 3;
    if (bytes > 0) {
      validity.setOne((long) (i >>> 3), (long) bytes);
      i += bytes << 3;
    }
    while (i < end) {
      BitVectorHelper.setBit(validity, i++);
    }
  }
}
