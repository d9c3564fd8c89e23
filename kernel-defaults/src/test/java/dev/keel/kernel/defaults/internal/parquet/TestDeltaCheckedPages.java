package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/**
 * Pages handed to parquet-column's own readers: a delta header that claims more values than its
 * page holds is refused before a reader allocates them; other pages pass as they are.
 */
class TestDeltaCheckedPages {
  private static final ColumnDescriptor COLUMN =
      MessageTypeParser.parseMessageType("message m { optional int64 x; }").getColumns().get(0);

  /** A delta header: block size, miniblocks per block, value count, first value (varints). */
  private static byte[] deltaHeader(int blockSize, int miniblocks, long values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long v : new long[] {blockSize, miniblocks, values, 0}) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
    return out.toByteArray();
  }

  /** A v1 page of {@code count} values, all present: one run of definition level 1, then values. */
  private static DataPage v1(int count, byte[] values) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] levels = {(byte) (count << 1), 1}; // one run-length run of `count` ones
    BytesUtils.writeIntLittleEndian(out, levels.length);
    out.write(levels);
    out.write(values);
    byte[] bytes = out.toByteArray();
    return new DataPageV1(
        BytesInput.from(bytes),
        count,
        bytes.length,
        null,
        Encoding.RLE,
        Encoding.RLE,
        Encoding.DELTA_BINARY_PACKED);
  }

  private static PageReadStore store(DataPage... pages) {
    Deque<DataPage> queue = new ArrayDeque<>(List.of(pages));
    PageReader reader =
        new PageReader() {
          @Override
          public DictionaryPage readDictionaryPage() {
            return null;
          }

          @Override
          public long getTotalValueCount() {
            return 0;
          }

          @Override
          public DataPage readPage() {
            return queue.poll();
          }
        };
    return new PageReadStore() {
      @Override
      public PageReader getPageReader(ColumnDescriptor descriptor) {
        return reader;
      }

      @Override
      public long getRowCount() {
        return 0;
      }
    };
  }

  @Test
  void aV1HeaderClaimingMoreValuesThanThePageIsRefused() throws Exception {
    PageReader pages =
        new DeltaCheckedPages(store(v1(3, deltaHeader(128, 4, 1L << 40)))).getPageReader(COLUMN);
    assertThatThrownBy(pages::readPage)
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage(
            "column x has a delta page of 1099511627776 values in blocks of 128, but the page holds"
                + " 3 values");
  }

  @Test
  void aV2HeaderWithAnEnormousBlockIsRefused() {
    DataPage page =
        DataPageV2.uncompressed(
            3,
            0,
            3,
            BytesInput.empty(),
            BytesInput.from(new byte[] {6, 1}),
            Encoding.DELTA_BINARY_PACKED,
            BytesInput.from(deltaHeader(1 << 30, 4, 3)),
            null);
    PageReader pages = new DeltaCheckedPages(store(page)).getPageReader(COLUMN);
    assertThatThrownBy(pages::readPage)
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage(
            "column x has a delta page of 3 values in blocks of 1073741824, but the page holds 3"
                + " values");
  }

  @Test
  void aSoundDeltaPageIsReadAsItStands() throws Exception {
    DataPage page = v1(3, deltaHeader(128, 4, 3));
    DataPage read = new DeltaCheckedPages(store(page)).getPageReader(COLUMN).readPage();
    assertThat(read.getValueCount()).isEqualTo(3);
    assertThat(((DataPageV1) read).getBytes().toByteArray())
        .isEqualTo(((DataPageV1) page).getBytes().toByteArray());
  }

  @Test
  void otherPagesPassUntouched() throws Exception {
    DataPage plain =
        new DataPageV1(
            BytesInput.from(new byte[] {2, 0, 0, 0, 6, 1}),
            3,
            6,
            null,
            Encoding.RLE,
            Encoding.RLE,
            Encoding.PLAIN);
    assertThat(new DeltaCheckedPages(store(plain)).getPageReader(COLUMN).readPage())
        .isSameAs(plain);
  }
}
