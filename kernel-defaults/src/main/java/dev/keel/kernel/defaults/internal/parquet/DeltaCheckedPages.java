package dev.keel.kernel.defaults.internal.parquet;

import java.util.Optional;
import java.util.PrimitiveIterator;
import org.apache.parquet.bytes.BytesInput;
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
 * delta-encoded page's header checked first ({@link ColumnPages#checkDeltaHeader}): parquet-column
 * allocates whatever value count a delta header claims, so a damaged one would run the reader out
 * of memory. Other pages pass through untouched.
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
          pos = skipLevels(r, pos, v1.getRlEncoding(), path);
        }
        if (column.getMaxDefinitionLevel() > 0) {
          pos = skipLevels(r, pos, v1.getDlEncoding(), path);
        }
        if (pos >= 0) {
          ColumnPages.checkDeltaHeader(path, r.bytes, pos, r.end, v1.getValueCount());
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
        ColumnPages.checkDeltaHeader(path, r.bytes, r.start, r.end, v2.getValueCount());
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
   * @return the position after a v1 page's run-length levels at {@code pos} (a 4-byte length, then
   *     the levels), or -1 where they cannot be skipped so (another encoding, or a length past the
   *     page: parquet-column then reports the page itself)
   */
  private static int skipLevels(ColumnPages.Region r, int pos, Encoding encoding, String path) {
    if (pos < 0 || encoding != Encoding.RLE || pos + 4 > r.end) {
      return -1;
    }
    int length = (int) HybridRle.INT_LE.get(r.bytes, pos);
    return length < 0 || pos + 4L + length > r.end ? -1 : pos + 4 + length;
  }
}
