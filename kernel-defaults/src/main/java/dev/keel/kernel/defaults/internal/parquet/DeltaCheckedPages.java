package dev.keel.kernel.defaults.internal.parquet;

import java.util.Optional;
import java.util.PrimitiveIterator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * A row group's pages as record assembly reads them (parquet-column's own value readers), with each
 * delta-encoded page's header checked first ({@link #checkDeltaHeader}): parquet-column allocates
 * whatever value count a delta header claims, so a damaged one would run the reader out of memory.
 * Other pages pass through untouched.
 */
final class DeltaCheckedPages implements PageReadStore {
  private final PageReadStore pages;

  DeltaCheckedPages(PageReadStore pages) {
    this.pages = pages;
  }

  @Override
  public PageReader getPageReader(ColumnDescriptor column) {
    PageReader reader = pages.getPageReader(column);
    String path = String.join(".", column.getPath());
    return new PageReader() {
      @Override
      public DictionaryPage readDictionaryPage() {
        return reader.readDictionaryPage();
      }

      @Override
      public long getTotalValueCount() {
        return reader.getTotalValueCount();
      }

      @Override
      public DataPage readPage() {
        DataPage page = reader.readPage();
        return page == null ? null : checked(page, column, path);
      }
    };
  }

  @Override
  public long getRowCount() {
    return pages.getRowCount();
  }

  @Override
  public Optional<Long> getRowIndexOffset() {
    return pages.getRowIndexOffset();
  }

  @Override
  public Optional<PrimitiveIterator.OfLong> getRowIndexes() {
    return pages.getRowIndexes();
  }

  /** Values a delta block may hold; writers use 128. Larger ones are refused, not allocated. */
  static final long MAX_DELTA_BLOCK_VALUES = 1 << 16;

  /**
   * Checks a page's delta header (block size, miniblocks, value count, as unsigned varints) before
   * parquet-column's reader allocates what it claims: no more values than the page holds, and a
   * block of at most {@value #MAX_DELTA_BLOCK_VALUES} values.
   *
   * @param pos the first byte of the page's values
   * @param count the page's values, nulls included
   */
  static void checkDeltaHeader(String path, byte[] buf, int pos, int end, int count) {
    if (pos >= end) {
      return; // no values section at all (a page of nulls): nothing is allocated from it
    }
    long[] header = new long[3];
    int at = pos;
    for (int h = 0; h < 3; h++) {
      long v = 0;
      int shift = 0;
      while (true) {
        if (at >= end || shift > 35) {
          throw new ParquetDecodingException("column " + path + " has a truncated delta header");
        }
        int b = buf[at++] & 0xff;
        v |= (long) (b & 0x7f) << shift;
        shift += 7;
        if (b < 0x80) {
          break;
        }
      }
      header[h] = v;
    }
    if (header[0] > MAX_DELTA_BLOCK_VALUES || header[2] > count) {
      throw new ParquetDecodingException(
          "column "
              + path
              + " has a delta page of "
              + header[2]
              + " values in blocks of "
              + header[0]
              + ", but the page holds "
              + count
              + " values");
    }
  }

  private static boolean isDelta(Encoding e) {
    return e == Encoding.DELTA_BINARY_PACKED
        || e == Encoding.DELTA_LENGTH_BYTE_ARRAY
        || e == Encoding.DELTA_BYTE_ARRAY;
  }

  /**
   * The page, its delta header checked; a checked page is rebuilt on the bytes read, so that
   * parquet-column reads exactly what was checked.
   */
  private static DataPage checked(DataPage page, ColumnDescriptor column, String path) {
    try {
      if (page instanceof DataPageV1 && isDelta(((DataPageV1) page).getValueEncoding())) {
        DataPageV1 v1 = (DataPageV1) page;
        ColumnPages.Region r = ColumnPages.Region.of(v1.getBytes().toByteBuffer());
        int pos = r.start;
        if (column.getMaxRepetitionLevel() > 0) {
          pos = skipLevels(r, pos, v1.getRlEncoding(), column.getMaxRepetitionLevel(), v1);
        }
        if (column.getMaxDefinitionLevel() > 0) {
          pos = skipLevels(r, pos, v1.getDlEncoding(), column.getMaxDefinitionLevel(), v1);
        }
        if (pos >= 0) {
          checkDeltaHeader(path, r.bytes, pos, r.end, v1.getValueCount());
        }
        BytesInput bytes = BytesInput.from(r.bytes, r.start, r.end - r.start);
        return v1.getFirstRowIndex().isPresent() && v1.getIndexRowCount().isPresent()
            ? new DataPageV1(
                bytes,
                v1.getValueCount(),
                v1.getUncompressedSize(),
                v1.getFirstRowIndex().get(),
                v1.getIndexRowCount().get(),
                v1.getStatistics(),
                v1.getRlEncoding(),
                v1.getDlEncoding(),
                v1.getValueEncoding())
            : new DataPageV1(
                bytes,
                v1.getValueCount(),
                v1.getUncompressedSize(),
                v1.getStatistics(),
                v1.getRlEncoding(),
                v1.getDlEncoding(),
                v1.getValueEncoding());
      }
      if (page instanceof DataPageV2 && isDelta(((DataPageV2) page).getDataEncoding())) {
        DataPageV2 v2 = (DataPageV2) page;
        ColumnPages.Region r = ColumnPages.Region.of(v2.getData().toByteBuffer());
        checkDeltaHeader(path, r.bytes, r.start, r.end, v2.getValueCount());
        BytesInput data = BytesInput.from(r.bytes, r.start, r.end - r.start);
        return v2.getFirstRowIndex().isPresent()
            ? DataPageV2.uncompressed(
                v2.getRowCount(),
                v2.getNullCount(),
                v2.getValueCount(),
                v2.getFirstRowIndex().get(),
                v2.getRepetitionLevels(),
                v2.getDefinitionLevels(),
                v2.getDataEncoding(),
                data,
                v2.getStatistics())
            : DataPageV2.uncompressed(
                v2.getRowCount(),
                v2.getNullCount(),
                v2.getValueCount(),
                v2.getRepetitionLevels(),
                v2.getDefinitionLevels(),
                v2.getDataEncoding(),
                data,
                v2.getStatistics());
      }
      return page;
    } catch (java.io.IOException e) {
      throw new ParquetDecodingException("could not read a page of column " + path, e);
    }
  }

  /**
   * @return the position after a v1 page's levels at {@code pos}: run-length levels (a 4-byte
   *     length, then the levels) or the deprecated bit-packed ones (the page's values at the
   *     levels' width); -1 where they cannot be skipped so (a length past the page: parquet-column
   *     then reports the page itself)
   */
  private static int skipLevels(
      ColumnPages.Region r, int pos, Encoding encoding, int maxLevel, DataPageV1 page) {
    long next;
    if (pos < 0) {
      return -1;
    } else if (encoding == Encoding.RLE) {
      if (pos + 4 > r.end) {
        return -1;
      }
      int length = (int) HybridRle.INT_LE.get(r.bytes, pos);
      next = length < 0 ? -1 : pos + 4L + length;
    } else if (encoding == Encoding.BIT_PACKED) {
      next = pos + ((long) page.getValueCount() * BytesUtils.getWidthFromMaxInt(maxLevel) + 7) / 8;
    } else {
      return -1;
    }
    return next < 0 || next > r.end ? -1 : (int) next;
  }
}
