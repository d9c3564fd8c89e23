package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.defaults.internal.arrow.ArrowTypes;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StringType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Maps decoded from hand-built v1 pages: pages that end in the middle of a row (older writers split
 * pages anywhere; parquet-hadoop 1.16 only at row ends, so its files cannot show this), key and
 * value pages that end at different places, batches that end inside a page, and malformed levels.
 */
class TestMapColumnDecoder {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message m {"
              + " optional group m (MAP) { repeated group key_value { required binary key (UTF8); optional binary value (UTF8); } }"
              + "}");
  private static final ColumnDescriptor KEY = SCHEMA.getColumns().get(0);
  private static final ColumnDescriptor VALUE = SCHEMA.getColumns().get(1);
  private static final MapType TYPE = new MapType(StringType.STRING, StringType.STRING, true);

  private RootAllocator root;

  @BeforeEach
  void open() {
    root = new RootAllocator();
  }

  @AfterEach
  void close() {
    root.close(); // fails on a leaked buffer
  }

  /** One column entry: repetition level, definition level, value (null when not stored). */
  private record Entry(int rep, int def, String value) {}

  private static Entry e(int rep, int def, String value) {
    return new Entry(rep, def, value);
  }

  private static byte[] levels(List<Entry> entries, int max, boolean repetition) throws Exception {
    try (RunLengthBitPackingHybridEncoder enc =
        new RunLengthBitPackingHybridEncoder(
            BytesUtils.getWidthFromMaxInt(max), 64, 1024, HeapByteBufferAllocator.getInstance())) {
      for (Entry x : entries) {
        enc.writeInt(repetition ? x.rep : x.def);
      }
      return enc.toBytes().toByteArray();
    }
  }

  private static DataPage page(ColumnDescriptor column, List<Entry> entries) throws Exception {
    return page(column, entries, null);
  }

  /**
   * @param repetitionLevels the encoded repetition levels, or null to encode the entries' own
   */
  private static DataPage page(
      ColumnDescriptor column, List<Entry> entries, byte[] repetitionLevels) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (boolean repetition : new boolean[] {true, false}) {
      byte[] l =
          repetition && repetitionLevels != null
              ? repetitionLevels
              : levels(
                  entries,
                  repetition ? column.getMaxRepetitionLevel() : column.getMaxDefinitionLevel(),
                  repetition);
      BytesUtils.writeIntLittleEndian(out, l.length);
      out.write(l);
    }
    for (Entry x : entries) {
      if (x.def == column.getMaxDefinitionLevel()) {
        byte[] v = x.value.getBytes(StandardCharsets.UTF_8);
        BytesUtils.writeIntLittleEndian(out, v.length);
        out.write(v);
      }
    }
    byte[] bytes = out.toByteArray();
    return new DataPageV1(
        BytesInput.from(bytes),
        entries.size(),
        bytes.length,
        null,
        Encoding.RLE,
        Encoding.RLE,
        Encoding.PLAIN);
  }

  /** Serves the pages given, then none. */
  private static final class Pages implements PageReader {
    private final Deque<DataPage> pages = new ArrayDeque<>();
    private final long total;

    Pages(List<DataPage> pages) {
      this.pages.addAll(pages);
      this.total = pages.stream().mapToLong(DataPage::getValueCount).sum();
    }

    @Override
    public DictionaryPage readDictionaryPage() {
      return null;
    }

    @Override
    public long getTotalValueCount() {
      return total;
    }

    @Override
    public DataPage readPage() {
      return pages.poll();
    }
  }

  private static MapColumnDecoder decoder(List<List<Entry>> keyPages, List<List<Entry>> valuePages)
      throws Exception {
    List<DataPage> k = new ArrayList<>();
    for (List<Entry> p : keyPages) {
      k.add(page(KEY, p));
    }
    List<DataPage> v = new ArrayList<>();
    for (List<Entry> p : valuePages) {
      v.add(page(VALUE, p));
    }
    return new MapColumnDecoder(
        new ElementColumnDecoder(KEY, FlatColumnDecoder.Kind.BINARY, new Pages(k), "test"),
        new ElementColumnDecoder(VALUE, FlatColumnDecoder.Kind.BINARY, new Pages(v), "test"),
        1,
        "m");
  }

  /** Reads {@code n} rows into a fresh vector and renders them as "{k=v,...}", "{}" or "null". */
  private List<String> read(MapColumnDecoder d, int n) {
    try (ListVector map = (ListVector) ArrowTypes.newVector("m", TYPE, true, root)) {
      map.allocateNew();
      d.read(map, new StructVector[0], new int[0], new boolean[0], n);
      map.setValueCount(n);
      StructVector entries = (StructVector) map.getDataVector();
      VarCharVector keys = (VarCharVector) entries.getChildByOrdinal(0);
      VarCharVector values = (VarCharVector) entries.getChildByOrdinal(1);
      List<String> out = new ArrayList<>();
      for (int row = 0; row < n; row++) {
        if (map.isNull(row)) {
          out.add("null");
          continue;
        }
        List<String> kv = new ArrayList<>();
        for (int i = map.getElementStartIndex(row); i < map.getElementEndIndex(row); i++) {
          assertThat(entries.isNull(i)).as("entry %d", i).isFalse();
          kv.add(
              keys.getObject(i)
                  + "="
                  + (values.isNull(i) ? "null" : values.getObject(i).toString()));
        }
        out.add("{" + String.join(",", kv) + "}");
      }
      return out;
    }
  }

  // Rows: {a=1,b=2,c=null}, null, {}, {d=4}, {e=5,f=6}, null
  private static final List<Entry> KEYS =
      List.of(
          e(0, 2, "a"),
          e(1, 2, "b"),
          e(1, 2, "c"),
          e(0, 0, null),
          e(0, 1, null),
          e(0, 2, "d"),
          e(0, 2, "e"),
          e(1, 2, "f"),
          e(0, 0, null));
  private static final List<Entry> VALUES =
      List.of(
          e(0, 3, "1"),
          e(1, 3, "2"),
          e(1, 2, null),
          e(0, 0, null),
          e(0, 1, null),
          e(0, 3, "4"),
          e(0, 3, "5"),
          e(1, 3, "6"),
          e(0, 0, null));

  @Test
  void rowsSplitAcrossPagesAndBatches() throws Exception {
    // Key pages end inside the first and the fifth row; value pages end elsewhere.
    MapColumnDecoder d =
        decoder(
            List.of(KEYS.subList(0, 2), KEYS.subList(2, 7), KEYS.subList(7, 9)),
            List.of(
                VALUES.subList(0, 1),
                VALUES.subList(1, 4),
                VALUES.subList(4, 8),
                VALUES.subList(8, 9)));
    assertThat(read(d, 2)).containsExactly("{a=1,b=2,c=null}", "null");
    assertThat(read(d, 3)).containsExactly("{}", "{d=4}", "{e=5,f=6}");
    assertThat(read(d, 1)).containsExactly("null");
  }

  @Test
  void everythingInOnePageAndOneBatch() throws Exception {
    MapColumnDecoder d = decoder(List.of(KEYS), List.of(VALUES));
    assertThat(read(d, 6))
        .containsExactly("{a=1,b=2,c=null}", "null", "{}", "{d=4}", "{e=5,f=6}", "null");
  }

  @Test
  void valuesOfAnotherLengthAreRefused() throws Exception {
    // The value column gives the first row two entries where the keys give three.
    List<Entry> values =
        List.of(
            e(0, 3, "1"),
            e(1, 3, "2"),
            e(0, 0, null),
            e(0, 1, null),
            e(0, 3, "4"),
            e(0, 3, "5"),
            e(1, 3, "6"),
            e(1, 3, "7"),
            e(0, 0, null));
    MapColumnDecoder d = decoder(List.of(KEYS), List.of(values));
    assertThatThrownBy(() -> read(d, 6))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("map m has keys and values of different lengths");
  }

  @Test
  void keysAndValuesThatDisagreeOnANullMapAreRefused() throws Exception {
    // The keys say the first row holds an empty map, the values that it holds none.
    MapColumnDecoder d = decoder(List.of(List.of(e(0, 1, null))), List.of(List.of(e(0, 0, null))));
    assertThatThrownBy(() -> read(d, 1))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage(
            "map m has keys and values that disagree on whether row 0 holds a map, or where the"
                + " structs around it are null");
  }

  @Test
  void aRowThatNeverStartedIsRefused() throws Exception {
    MapColumnDecoder d = decoder(List.of(KEYS.subList(1, 9)), List.of(VALUES.subList(1, 9)));
    assertThatThrownBy(() -> read(d, 5))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("map m continues a row it never started");
  }

  @Test
  void aContinuationWithoutAnEntryIsRefused() throws Exception {
    MapColumnDecoder d =
        decoder(List.of(List.of(e(0, 2, "a"), e(1, 1, null))), List.of(VALUES.subList(0, 2)));
    assertThatThrownBy(() -> read(d, 1))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("map m continues a row with a missing entry");
  }

  @Test
  void aLevelAboveTheMaximumIsRefused() throws Exception {
    // Two bits hold the key column's levels (maximum 2), so a damaged page can say 3: read as it
    // stood, the entry counted as present with a null key.
    MapColumnDecoder keyLevel =
        decoder(List.of(List.of(e(0, 2, "a"), e(1, 3, null))), List.of(VALUES.subList(0, 2)));
    assertThatThrownBy(() -> read(keyLevel, 1))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("column m.key_value.key has a definition level of 3, above its maximum of 2");
    // A repetition level takes one bit here, but a run-length run stores its value in a whole
    // byte: runs of one 0 and then one 2.
    List<Entry> keys = List.of(e(0, 2, "a"), e(1, 2, "b"));
    DataPage page = page(KEY, keys, new byte[] {0x02, 0x00, 0x02, 0x02});
    MapColumnDecoder repetition =
        new MapColumnDecoder(
            new ElementColumnDecoder(
                KEY, FlatColumnDecoder.Kind.BINARY, new Pages(List.of(page)), "test"),
            null,
            1,
            "m");
    assertThatThrownBy(() -> read(repetition, 1))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("column m.key_value.key has a repetition level of 2, above its maximum of 1");
  }

  @Test
  void fewerRowsThanAskedForAreRefused() throws Exception {
    MapColumnDecoder d = decoder(List.of(KEYS), List.of(VALUES));
    assertThatThrownBy(() -> read(d, 7))
        .isInstanceOf(ParquetDecodingException.class)
        .hasMessage("map m has fewer values than its row group has rows");
  }
}
