package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.defaults.internal.parquet.FlatColumnDecoder.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.parquet.CorruptDeltaByteArrays;
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
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The pages of one column chunk as levels and values, one page at a time: each data page (v1 or v2)
 * is split into its repetition levels, definition levels and values; levels go through {@link
 * HybridRle} (or parquet-hadoop's reader for the old BIT_PACKED definition levels), and values are
 * handed out in stored order: PLAIN ones straight from the page bytes, dictionary indexes through
 * {@link HybridRle} into the dictionary decoded once per chunk (floats and doubles as their bits),
 * any other encoding through parquet-hadoop's values reader for it. {@link FlatColumnDecoder}
 * decides where the values go. Pages come decompressed from parquet-hadoop's page reader, which the
 * caller owns.
 */
final class ColumnPages {
  private final ColumnDescriptor column;
  private final Kind kind;
  private final PageReader pages;
  private final int maxDefinition;
  private final int maxRepetition;
  private final String createdBy;

  private boolean hasDictionary;
  private int[] dictInts;
  private long[] dictLongs;
  private byte[][] dictBinary;

  // The current page.
  private HybridRle repetition;
  private HybridRle levels;
  private ValuesReader levelReader;
  private byte[] plain;
  private int plainPos;
  private int plainEnd;
  private long plainBit;
  private HybridRle ids;
  private ValuesReader values;
  private int[] idBuf = new int[0];
  private int idCursor;

  // The binary value last returned by nextBinary: in bytes[from, from + length) or in source.
  private byte[] binaryBytes;
  private int binaryFrom;
  private int binaryLength;
  private ByteBuffer binarySource;

  /**
   * @param kind how the values are stored, from {@link FlatColumnDecoder#kindOf}
   * @param pages the column chunk's pages; the dictionary page, if any, is read now
   * @param createdBy the file's writer, for the DELTA_BYTE_ARRAY pages some old writers got wrong
   */
  ColumnPages(ColumnDescriptor column, Kind kind, PageReader pages, String createdBy) {
    this.column = column;
    this.kind = kind;
    this.pages = pages;
    this.createdBy = createdBy;
    this.maxDefinition = column.getMaxDefinitionLevel();
    this.maxRepetition = column.getMaxRepetitionLevel();
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
        throw new ParquetDecodingException(
            "unexpected dictionary for " + kind + " column " + path());
    }
  }

  /** The column's dotted path, for messages. */
  String path() {
    return String.join(".", column.getPath());
  }

  /**
   * Loads the next data page.
   *
   * @return its number of entries (levels), or -1 at the end of the column chunk
   * @throws ParquetDecodingException if the page is malformed
   */
  int loadPage() {
    DataPage page = pages.readPage();
    if (page == null) {
      return -1;
    }
    int count = page.getValueCount();
    repetition = null;
    levels = null;
    levelReader = null;
    try {
      if (page instanceof DataPageV1) {
        DataPageV1 v1 = (DataPageV1) page;
        Region r = Region.of(v1.getBytes().toByteBuffer());
        int pos = r.start;
        if (maxRepetition > 0) {
          if (v1.getRlEncoding() != Encoding.RLE) {
            throw new ParquetDecodingException(
                "column " + path() + " has " + v1.getRlEncoding() + " repetition levels");
          }
          int length = levelsLength(r, pos, "repetition");
          repetition =
              new HybridRle(
                  r.bytes, pos + 4, pos + 4 + length, BytesUtils.getWidthFromMaxInt(maxRepetition));
          pos += 4 + length;
        }
        if (maxDefinition > 0) {
          if (v1.getDlEncoding() == Encoding.RLE) {
            int length = levelsLength(r, pos, "definition");
            levels =
                new HybridRle(
                    r.bytes,
                    pos + 4,
                    pos + 4 + length,
                    BytesUtils.getWidthFromMaxInt(maxDefinition));
            pos += 4 + length;
          } else {
            ByteBufferInputStream in =
                ByteBufferInputStream.wrap(ByteBuffer.wrap(r.bytes, pos, r.end - pos).slice());
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
          repetition =
              new HybridRle(
                  rv.bytes, rv.start, rv.end, BytesUtils.getWidthFromMaxInt(maxRepetition));
        }
        if (maxDefinition > 0) {
          Region lv = Region.of(v2.getDefinitionLevels().toByteBuffer());
          levels =
              new HybridRle(
                  lv.bytes, lv.start, lv.end, BytesUtils.getWidthFromMaxInt(maxDefinition));
        }
        Region r = Region.of(v2.getData().toByteBuffer());
        initValues(v2.getDataEncoding(), r.bytes, r.start, r.end, count);
      }
    } catch (IOException e) {
      throw new ParquetDecodingException("could not read page " + page + " of column " + path(), e);
    }
    return count;
  }

  /**
   * The byte length of a v1 page's levels at {@code pos}: a 4-byte little-endian length, then that
   * many bytes.
   */
  private int levelsLength(Region r, int pos, String what) {
    int length = (int) HybridRle.INT_LE.get(r.bytes, pos);
    if (length < 0 || pos + 4L + length > r.end) {
      throw new ParquetDecodingException(
          what + " levels of column " + path() + " overrun their page");
    }
    return length;
  }

  private void initValues(Encoding encoding, byte[] buf, int pos, int end, int count)
      throws IOException {
    ValuesReader previous = values;
    plain = null;
    ids = null;
    values = null;
    if (encoding.usesDictionary()) {
      if (!hasDictionary) {
        throw new ParquetDecodingException(
            "column " + path() + " has a " + encoding + " page but no dictionary page");
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
      // a delta page's header was checked by DeltaCheckedPages, which every page comes through
      values = encoding.getValuesReader(column, ValuesType.VALUES);
      values.initFromPage(
          count, ByteBufferInputStream.wrap(ByteBuffer.wrap(buf, pos, end - pos).slice()));
      if (previous instanceof RequiresPreviousReader
          && values instanceof RequiresPreviousReader
          && CorruptDeltaByteArrays.requiresSequentialReads(createdBy, encoding)) {
        ((RequiresPreviousReader) values).setPreviousReader(previous);
      }
    }
  }

  /** Reads the next {@code n} repetition levels of the page into {@code out}. */
  void readRepetitionLevels(int[] out, int n) {
    repetition.read(out, 0, n);
    checkLevels(out, n, maxRepetition, "repetition");
  }

  /**
   * Reads the next {@code n} definition levels of the page into {@code out} (the column must have
   * some).
   */
  void readDefinitionLevels(int[] out, int n) {
    if (levels != null) {
      levels.read(out, 0, n);
    } else {
      for (int j = 0; j < n; j++) {
        out[j] = levelReader.readInteger();
      }
    }
    checkLevels(out, n, maxDefinition, "definition");
  }

  /**
   * Refuses levels above the column's maximum, which the bit width of a run-length value (a whole
   * byte) or of a damaged page can hold: read as they stand, a level above the maximum would be
   * taken for a null, or for an entry continuing a list.
   */
  private void checkLevels(int[] out, int n, int max, String which) {
    boolean bad = false;
    for (int j = 0; j < n; j++) {
      bad |= Integer.compareUnsigned(out[j], max) > 0;
    }
    if (bad) {
      for (int j = 0; j < n; j++) {
        if (Integer.compareUnsigned(out[j], max) > 0) {
          throw levelTooHigh(Integer.toUnsignedLong(out[j]), max, which);
        }
      }
    }
  }

  private ParquetDecodingException levelTooHigh(long level, int max, String which) {
    return new ParquetDecodingException(
        "column "
            + path()
            + " has a "
            + which
            + " level of "
            + level
            + ", above its maximum of "
            + max);
  }

  /**
   * If the next {@code n} definition levels of the page are all one value stored as one run,
   * consumes them and returns it; otherwise consumes nothing and returns -1.
   */
  int definitionRun(int n) {
    if (levels == null) {
      return -1;
    }
    int level = levels.skipRun(n);
    if (Integer.compareUnsigned(level, maxDefinition) > 0 && level != -1) {
      throw levelTooHigh(Integer.toUnsignedLong(level), maxDefinition, "definition");
    }
    return level;
  }

  /**
   * Before the next {@code defined} values of a dictionary-encoded page are taken: decodes their
   * indexes at once.
   */
  void prepareValues(int defined) {
    if (ids != null && defined > 0) {
      if (idBuf.length < defined) {
        idBuf = new int[Math.max(defined, 1024)];
      }
      ids.read(idBuf, 0, defined);
    }
    idCursor = 0;
  }

  /**
   * Copies the next {@code count} fixed-width values of {@code width} bytes to {@code data} at byte
   * offset {@code at}, when the page is PLAIN (then the bytes are the values).
   *
   * @return false, copying nothing, when the page is not PLAIN
   */
  boolean copyPlain(ArrowBuf data, long at, int count, int width) {
    if (plain == null) {
      return false;
    }
    long bytes = (long) count * width;
    if (plainPos + bytes > plainEnd) {
      throw overrun();
    }
    data.setBytes(at, plain, plainPos, bytes);
    plainPos += (int) bytes;
    return true;
  }

  /** The next 4-byte value (a float as its bits). */
  int nextInt() {
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

  /** The next 8-byte value (a double as its bits). */
  long nextLong() {
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
    return kind == Kind.DOUBLE
        ? Double.doubleToRawLongBits(values.readDouble())
        : values.readLong();
  }

  boolean nextBoolean() {
    if (plain != null) {
      if (plainPos + (plainBit >>> 3) >= plainEnd) {
        throw overrun();
      }
      int b = plain[plainPos + (int) (plainBit >>> 3)];
      boolean value = ((b >>> (int) (plainBit & 7)) & 1) != 0;
      plainBit++;
      return value;
    }
    if (ids != null) {
      throw new ParquetDecodingException(
          "column " + path() + " is a dictionary-encoded boolean column");
    }
    return values.readBoolean();
  }

  /**
   * Moves to the next binary value; {@link #copyBinary} then copies it.
   *
   * @return its length in bytes
   */
  int nextBinary() {
    binarySource = null;
    if (plain != null) {
      if (plainPos + 4 > plainEnd) {
        throw overrun();
      }
      int length = (int) HybridRle.INT_LE.get(plain, plainPos);
      int from = plainPos + 4;
      if (length < 0 || from + (long) length > plainEnd) {
        throw overrun();
      }
      binaryBytes = plain;
      binaryFrom = from;
      binaryLength = length;
      plainPos = from + length;
    } else if (ids != null) {
      binaryBytes = dictBinary[idBuf[idCursor++]];
      binaryFrom = 0;
      binaryLength = binaryBytes.length;
    } else {
      ByteBuffer b = values.readBytes().toByteBuffer();
      binarySource = b;
      binaryFrom = b.position();
      binaryLength = b.remaining();
    }
    if (binaryLength < 0) {
      throw new ParquetDecodingException("column " + path() + " has a value of negative length");
    }
    return binaryLength;
  }

  /**
   * The total byte length of the next {@code count} binary values, without consuming them, so the
   * caller can size its buffer once: read from the lengths of a PLAIN page or from the dictionary;
   * -1 for other encodings.
   *
   * @throws ParquetDecodingException if a PLAIN page holds fewer or longer values than that
   */
  long binaryBytes(int count) {
    long total = 0;
    if (plain != null) {
      int pos = plainPos;
      for (int i = 0; i < count; i++) {
        if (pos + 4 > plainEnd) {
          throw overrun();
        }
        int length = (int) HybridRle.INT_LE.get(plain, pos);
        if (length < 0 || pos + 4L + length > plainEnd) {
          throw overrun();
        }
        total += length;
        pos += 4 + length;
      }
      return total;
    }
    if (ids != null) {
      for (int i = idCursor; i < idCursor + count; i++) {
        total += dictBinary[idBuf[i]].length;
      }
      return total;
    }
    return -1;
  }

  /** Copies the value {@link #nextBinary} moved to into {@code data} at byte offset {@code at}. */
  void copyBinary(ArrowBuf data, long at) {
    if (binarySource == null) {
      data.setBytes(at, binaryBytes, binaryFrom, binaryLength);
    } else {
      data.setBytes(at, binarySource, binaryFrom, binaryLength);
    }
  }

  private ParquetDecodingException overrun() {
    return new ParquetDecodingException(
        "column " + path() + " has fewer value bytes than its page's value count needs");
  }

  /** A page's bytes as an array region (copied out only when the buffer has no array). */
  static final class Region {
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
}
