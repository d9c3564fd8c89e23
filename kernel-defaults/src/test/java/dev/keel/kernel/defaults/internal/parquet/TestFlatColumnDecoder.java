package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Top-level primitive columns written by parquet-hadoop in every page layout and encoding it
 * produces (data pages v1 and v2; dictionary, dictionary falling back to PLAIN mid-chunk, PLAIN,
 * DELTA_BINARY_PACKED, BYTE_STREAM_SPLIT, RLE booleans; small pages, so batches and pages cross)
 * read back through the default Parquet handler and compared with the values generated. This covers
 * {@link ColumnPages} too, which splits those pages into levels and values for the decoder.
 */
class TestFlatColumnDecoder {
  private static final int ROWS = 10_000;
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message m {"
              + " required int64 id;"
              + " optional boolean flag;"
              + " optional int32 b (INT_8);"
              + " optional int32 s (INT_16);"
              + " optional int32 i;"
              + " optional int64 l;"
              + " optional float f;"
              + " optional double d;"
              + " optional binary str (UTF8);"
              + " optional binary bin;"
              + " optional int32 day (DATE);"
              + " optional int64 ts (TIMESTAMP(MICROS,true));"
              + " optional int32 dec32 (DECIMAL(9,2));"
              + " optional int64 dec64 (DECIMAL(18,3));"
              + " required int32 ri;"
              + " required binary rstr (UTF8);"
              + " optional int32 nothing;"
              + "}");
  private static final String DELTA_SCHEMA =
      "{\"type\":\"struct\",\"fields\":["
          + field("id", "long")
          + ","
          + field("flag", "boolean")
          + ","
          + field("b", "byte")
          + ","
          + field("s", "short")
          + ","
          + field("i", "integer")
          + ","
          + field("l", "long")
          + ","
          + field("f", "float")
          + ","
          + field("d", "double")
          + ","
          + field("str", "string")
          + ","
          + field("bin", "binary")
          + ","
          + field("day", "date")
          + ","
          + field("ts", "timestamp")
          + ","
          + field("dec32", "decimal(9,2)")
          + ","
          + field("dec64", "decimal(18,3)")
          + ","
          + field("ri", "integer")
          + ","
          + field("rstr", "string")
          + ","
          + field("nothing", "integer")
          + "]}";

  @TempDir Path dir;
  private RootAllocator root;
  private DefaultEngine engine;

  @BeforeEach
  void open() {
    root = new RootAllocator();
    engine = DefaultEngine.builder().allocator(root).batchSize(1000).build();
  }

  @AfterEach
  void close() {
    engine.close();
    root.close(); // fails on a leaked buffer
  }

  private static String field(String name, String type) {
    return "{\"name\":\""
        + name
        + "\",\"type\":\""
        + type
        + "\",\"nullable\":true,\"metadata\":{}}";
  }

  /** The generated rows: {@code values[row][column]}, null where the column is null. */
  private static Object[][] generate(long seed) {
    Random r = new Random(seed);
    Object[][] rows = new Object[ROWS][];
    String[] cities = {"", "Oslo", "Lima", "Quito", "Zürich", "東京"};
    for (int n = 0; n < ROWS; n++) {
      boolean nullStretch = n >= 4000 && n < 4600; // a run of nulls longer than a batch's tail
      Object[] v = new Object[17];
      v[0] = (long) n * 3 - 5000;
      v[1] = nullOr(r, nullStretch, r.nextBoolean());
      v[2] = nullOr(r, nullStretch, (byte) (r.nextInt(256) - 128));
      v[3] = nullOr(r, nullStretch, (short) (r.nextInt(65536) - 32768));
      v[4] =
          nullOr(
              r,
              nullStretch,
              n % 7 == 0 ? Integer.MIN_VALUE : r.nextInt(50)); // dictionary-friendly
      v[5] = nullOr(r, nullStretch, r.nextLong());
      v[6] = nullOr(r, nullStretch, n % 11 == 0 ? Float.NaN : r.nextFloat() * 1000 - 500);
      v[7] = nullOr(r, nullStretch, n % 13 == 0 ? -0.0 : r.nextGaussian() * 1e9);
      String s =
          n % 50 == 0
              ? "x".repeat(1000 + n % 3)
              : cities[r.nextInt(cities.length)] + (n < 6000 ? "" : n);
      v[8] = nullOr(r, nullStretch, s);
      byte[] bin = new byte[r.nextInt(20)];
      r.nextBytes(bin);
      v[9] = nullOr(r, nullStretch, bin);
      v[10] = nullOr(r, nullStretch, 18_000 + r.nextInt(3000));
      v[11] = nullOr(r, nullStretch, 1_600_000_000_000_000L + r.nextInt(1_000_000_000));
      v[12] =
          nullOr(r, nullStretch, BigDecimal.valueOf(r.nextInt(2_000_000_000) - 1_000_000_000L, 2));
      v[13] = nullOr(r, nullStretch, BigDecimal.valueOf(r.nextLong() / 1000, 3));
      v[14] = n % 100;
      v[15] = "row " + n;
      v[16] = null;
      rows[n] = v;
    }
    return rows;
  }

  private static Object nullOr(Random r, boolean nullStretch, Object value) {
    return nullStretch || r.nextInt(5) == 0 ? null : value;
  }

  private String write(
      Object[][] rows,
      WriterVersion version,
      boolean dictionary,
      int dictionaryPageSize,
      boolean byteStreamSplit)
      throws Exception {
    Path file =
        dir.resolve(
            version
                + "-"
                + dictionary
                + "-"
                + dictionaryPageSize
                + "-"
                + byteStreamSplit
                + ".parquet");
    SimpleGroupFactory f = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(SCHEMA)
            .withConf(new Configuration())
            .withWriterVersion(version)
            .withDictionaryEncoding(dictionary)
            .withDictionaryPageSize(dictionaryPageSize)
            .withPageSize(2048)
            .withPageRowCountLimit(700)
            .withByteStreamSplitEncoding(byteStreamSplit)
            .build()) {
      for (Object[] v : rows) {
        Group g = f.newGroup();
        g.add("id", (long) v[0]);
        if (v[1] != null) {
          g.add("flag", (boolean) v[1]);
        }
        if (v[2] != null) {
          g.add("b", (int) (byte) v[2]);
        }
        if (v[3] != null) {
          g.add("s", (int) (short) v[3]);
        }
        if (v[4] != null) {
          g.add("i", (int) v[4]);
        }
        if (v[5] != null) {
          g.add("l", (long) v[5]);
        }
        if (v[6] != null) {
          g.add("f", (float) v[6]);
        }
        if (v[7] != null) {
          g.add("d", (double) v[7]);
        }
        if (v[8] != null) {
          g.add("str", (String) v[8]);
        }
        if (v[9] != null) {
          g.add("bin", Binary.fromConstantByteArray((byte[]) v[9]));
        }
        if (v[10] != null) {
          g.add("day", (int) v[10]);
        }
        if (v[11] != null) {
          g.add("ts", (long) v[11]);
        }
        if (v[12] != null) {
          g.add("dec32", ((BigDecimal) v[12]).unscaledValue().intValueExact());
        }
        if (v[13] != null) {
          g.add("dec64", ((BigDecimal) v[13]).unscaledValue().longValueExact());
        }
        g.add("ri", (int) v[14]);
        g.add("rstr", (String) v[15]);
        w.write(g);
      }
    }
    return file.toString();
  }

  private static List<String> encodings(String path) throws Exception {
    List<String> out = new ArrayList<>();
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(path), new Configuration()))) {
      for (ColumnChunkMetaData c : r.getFooter().getBlocks().get(0).getColumns()) {
        out.add(c.getPath() + "=" + c.getEncodings());
      }
    }
    return out;
  }

  /** Whether a "[column]=[E1, E2]" line lists encoding {@code name}. */
  private static boolean has(String line, String name) {
    String list = line.substring(line.indexOf("=[") + 2, line.length() - 1);
    return java.util.Arrays.asList(list.split(", ")).contains(name);
  }

  private void assertReadsBack(Object[][] rows, String path) throws Exception {
    StructType schema = StructType.fromJson(DELTA_SCHEMA);
    int row = 0;
    int batches = 0;
    try (CloseableIterator<FileReadResult> it =
        engine
            .getParquetHandler()
            .readParquetFiles(
                CloseableIterator.of(List.of(FileStatus.of(path, 0, 0))),
                schema,
                Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult result = it.next()) {
          ColumnarBatch batch = result.getData();
          batches++;
          for (int i = 0; i < batch.getSize(); i++, row++) {
            for (int c = 0; c < 17; c++) {
              Object expected = rows[row][c];
              Object actual = value(batch.getColumnVector(c), c, i);
              if (expected instanceof byte[]) {
                assertThat((byte[]) actual)
                    .as("row %d column %d", row, c)
                    .isEqualTo((byte[]) expected);
              } else {
                assertThat(actual).as("row %d column %d", row, c).isEqualTo(expected);
              }
            }
          }
        }
      }
    }
    assertThat(row).isEqualTo(ROWS);
    assertThat(batches).isEqualTo(ROWS / 1000);
  }

  private static Object value(ColumnVector v, int column, int i) {
    if (v.isNullAt(i)) {
      return null;
    }
    switch (column) {
      case 0:
      case 5:
      case 11:
        return v.getLong(i);
      case 1:
        return v.getBoolean(i);
      case 2:
        return v.getByte(i);
      case 3:
        return v.getShort(i);
      case 4:
      case 10:
      case 14:
      case 16:
        return v.getInt(i);
      case 6:
        return v.getFloat(i);
      case 7:
        return v.getDouble(i);
      case 8:
      case 15:
        return v.getString(i);
      case 9:
        return v.getBinary(i);
      case 12:
      case 13:
        return v.getDecimal(i);
      default:
        throw new IllegalArgumentException("column " + column);
    }
  }

  @Test
  void pageV1DictionaryFallingBackToPlain() throws Exception {
    Object[][] rows = generate(1);
    String path = write(rows, WriterVersion.PARQUET_1_0, true, 16 << 10, false);
    // Low-cardinality columns stay dictionary-encoded; str (distinct values from row 6000 on)
    // falls back to PLAIN mid-chunk.
    assertThat(encodings(path))
        .anyMatch(e -> e.startsWith("[i]=") && has(e, "PLAIN_DICTIONARY") && !has(e, "PLAIN"));
    assertThat(encodings(path))
        .anyMatch(e -> e.startsWith("[str]=") && has(e, "PLAIN_DICTIONARY") && has(e, "PLAIN"));
    assertReadsBack(rows, path);
  }

  @Test
  void pageV1PlainAndByteStreamSplit() throws Exception {
    Object[][] rows = generate(2);
    String path = write(rows, WriterVersion.PARQUET_1_0, false, 1 << 20, true);
    assertThat(encodings(path))
        .anyMatch(e -> e.startsWith("[f]=") && e.contains("BYTE_STREAM_SPLIT"));
    assertThat(encodings(path))
        .anyMatch(e -> e.startsWith("[l]=") && has(e, "PLAIN") && !has(e, "PLAIN_DICTIONARY"));
    assertReadsBack(rows, path);
  }

  @Test
  void pageV2WithDictionaries() throws Exception {
    Object[][] rows = generate(3);
    String path = write(rows, WriterVersion.PARQUET_2_0, true, 1 << 20, false);
    assertThat(encodings(path)).anyMatch(e -> e.startsWith("[i]=") && e.contains("RLE_DICTIONARY"));
    assertReadsBack(rows, path);
  }

  @Test
  void pageV2DeltaAndRleEncodings() throws Exception {
    Object[][] rows = generate(4);
    String path = write(rows, WriterVersion.PARQUET_2_0, false, 1 << 20, false);
    assertThat(encodings(path))
        .anyMatch(e -> e.startsWith("[l]=") && e.contains("DELTA_BINARY_PACKED"));
    assertThat(encodings(path)).anyMatch(e -> e.startsWith("[flag]=") && e.contains("RLE"));
    assertReadsBack(rows, path);
  }

  @Test
  void leavesAndMapsInsideStructsMarkTheirStructsAtTheirOwnDefinitionLevel() throws Exception {
    for (WriterVersion version : WriterVersion.values()) {
      leavesAndMapsInsideStructs(version);
    }
  }

  private void leavesAndMapsInsideStructs(WriterVersion version) throws Exception {
    // a: optional struct {x, b: optional struct {y required, s}, m: map};
    // r: required struct {z}; rows cycle through every nesting of nulls, maps null, empty, of one
    // and of three entries (one with a null value).
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message m {"
                + " optional group a { optional int32 x; optional group b { required int64 y; optional binary s (UTF8); }"
                + "   optional group m (MAP) { repeated group key_value { required binary key (UTF8); optional binary value (UTF8); } } }"
                + " required group r { optional int32 z; }"
                + "}");
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    List<String> expected = new ArrayList<>();
    Path file = dir.resolve("nested-" + version + ".parquet");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(schema)
            .withConf(new Configuration())
            .withWriterVersion(version)
            .withPageSize(1024)
            .withPageRowCountLimit(300)
            .build()) {
      for (int n = 0; n < 3000; n++) {
        Group g = f.newGroup();
        int shape = n % 5;
        String a;
        if (shape == 0) {
          a = "null";
        } else {
          Group ga = g.addGroup("a");
          String x = "null";
          if (shape != 1) {
            ga.add("x", n);
            x = Integer.toString(n);
          }
          String b = "null";
          if (shape >= 3) {
            Group gb = ga.addGroup("b");
            gb.add("y", (long) n * 7);
            String sv = "null";
            if (shape == 4) {
              gb.add("s", "s" + n);
              sv = "s" + n;
            }
            b = "{" + n * 7L + "," + sv + "}";
          }
          String m = "null";
          if (shape == 2) {
            Group gm = ga.addGroup("m");
            gm.addGroup("key_value").append("key", "k" + n + "a").append("value", "v");
            gm.addGroup("key_value").append("key", "k" + n + "b");
            gm.addGroup("key_value").append("key", "k" + n + "c").append("value", "w" + n);
            m = "{k" + n + "a=v,k" + n + "b=null,k" + n + "c=w" + n + "}";
          } else if (shape == 4 && n % 2 == 0) {
            ga.addGroup("m");
            m = "{}";
          } else if (shape == 4) {
            ga.addGroup("m").addGroup("key_value").append("key", "k" + n).append("value", "v");
            m = "{k" + n + "=v}";
          }
          a = "{" + x + "," + b + "," + m + "}";
        }
        Group gr = g.addGroup("r");
        String z = "null";
        if (n % 3 == 0) {
          gr.add("z", -n);
          z = Integer.toString(-n);
        }
        w.write(g);
        expected.add(a + " {" + z + "}");
      }
    }
    StructType deltaSchema =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"a\",\"type\":{\"type\":\"struct\",\"fields\":["
                + field("x", "integer")
                + ","
                + "{\"name\":\"b\",\"type\":{\"type\":\"struct\",\"fields\":["
                + field("y", "long")
                + ","
                + field("s", "string")
                + "]},\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"string\",\"valueContainsNull\":true},"
                + "\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"r\",\"type\":{\"type\":\"struct\",\"fields\":["
                + field("z", "integer")
                + "]},\"nullable\":false,\"metadata\":{}}]}");
    List<String> actual =
        render(
            file,
            deltaSchema,
            (batch, i) -> {
              ColumnVector a = batch.getColumnVector(0);
              ColumnVector r = batch.getColumnVector(1);
              String av = "null";
              if (!a.isNullAt(i)) {
                ColumnVector x = a.getChild(0);
                ColumnVector b = a.getChild(1);
                ColumnVector m = a.getChild(2);
                String bv =
                    b.isNullAt(i)
                        ? "null"
                        : "{"
                            + b.getChild(0).getLong(i)
                            + ","
                            + (b.getChild(1).isNullAt(i) ? "null" : b.getChild(1).getString(i))
                            + "}";
                String mv = "null";
                if (!m.isNullAt(i)) {
                  List<String> entries = new ArrayList<>();
                  dev.keel.kernel.data.MapValue map = m.getMap(i);
                  for (int e = 0; e < map.getSize(); e++) {
                    entries.add(
                        map.getKeys().getString(e)
                            + "="
                            + (map.getValues().isNullAt(e)
                                ? "null"
                                : map.getValues().getString(e)));
                  }
                  mv = "{" + String.join(",", entries) + "}";
                }
                av =
                    "{"
                        + (x.isNullAt(i) ? "null" : Integer.toString(x.getInt(i)))
                        + ","
                        + bv
                        + ","
                        + mv
                        + "}";
              }
              String rv =
                  r.isNullAt(i)
                      ? "NULL STRUCT"
                      : "{"
                          + (r.getChild(0).isNullAt(i)
                              ? "null"
                              : Integer.toString(r.getChild(0).getInt(i)))
                          + "}";
              return av + " " + rv;
            });
    assertThat(actual).as("writer %s", version).isEqualTo(expected);
  }

  @Test
  void pagesWhollyNullOrWhollyPresentInsideABatch() throws Exception {
    // Pages of about 100 rows; rows 350..699 of every thousand are null, so whole pages of nulls
    // (one run of definition levels) follow pages with values inside a 1,000-row batch, and an
    // enclosing struct is marked a page at a time.
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message m {"
                + " required int64 id; optional binary s (UTF8); optional int64 l; optional group g { optional binary t (UTF8); } }");
    Path file = dir.resolve("runs.parquet");
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    List<String> expected = new ArrayList<>();
    for (WriterVersion version : WriterVersion.values()) {
      expected.clear();
      java.nio.file.Files.deleteIfExists(file);
      try (ParquetWriter<Group> w =
          ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
              .withType(schema)
              .withConf(new Configuration())
              .withWriterVersion(version)
              .withDictionaryEncoding(false)
              .withPageRowCountLimit(100)
              .build()) {
        for (int n = 0; n < 3000; n++) {
          Group g = f.newGroup();
          g.add("id", (long) n);
          boolean gap = n % 1000 >= 350 && n % 1000 < 700;
          if (!gap) {
            g.add("s", "s" + n);
            g.add("l", n * 3L);
            g.addGroup("g").add("t", "t" + n);
          }
          w.write(g);
          expected.add(n + " " + (gap ? "null null NO STRUCT" : "s" + n + " " + n * 3L + " t" + n));
        }
      }
      StructType deltaSchema =
          StructType.fromJson(
              "{\"type\":\"struct\",\"fields\":["
                  + field("id", "long")
                  + ","
                  + field("s", "string")
                  + ","
                  + field("l", "long")
                  + ","
                  + "{\"name\":\"g\",\"type\":{\"type\":\"struct\",\"fields\":["
                  + field("t", "string")
                  + "]},\"nullable\":true,\"metadata\":{}}]}");
      List<String> actual =
          render(
              file,
              deltaSchema,
              (batch, i) -> {
                ColumnVector s = batch.getColumnVector(1);
                ColumnVector l = batch.getColumnVector(2);
                ColumnVector g = batch.getColumnVector(3);
                return batch.getColumnVector(0).getLong(i)
                    + " "
                    + (s.isNullAt(i) ? "null" : s.getString(i))
                    + " "
                    + (l.isNullAt(i) ? "null" : Long.toString(l.getLong(i)))
                    + " "
                    + (g.isNullAt(i) ? "NO STRUCT" : g.getChild(0).getString(i));
              });
      assertThat(actual).as("writer %s", version).isEqualTo(expected);
    }
  }

  /**
   * Reads a file through the default handler and renders each row with {@code row.apply(batch,
   * index)}.
   */
  private List<String> render(
      Path file,
      StructType schema,
      java.util.function.BiFunction<ColumnarBatch, Integer, String> row)
      throws Exception {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getParquetHandler()
            .readParquetFiles(
                CloseableIterator.of(List.of(FileStatus.of(file.toString(), 0, 0))),
                schema,
                Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult result = it.next()) {
          ColumnarBatch batch = result.getData();
          for (int i = 0; i < batch.getSize(); i++) {
            out.add(row.apply(batch, i));
          }
        }
      }
    }
    return out;
  }

  @Test
  void kindsFollowTheConvertersTypePairs() {
    org.apache.parquet.schema.PrimitiveType int32 = SCHEMA.getType("i").asPrimitiveType();
    org.apache.parquet.schema.PrimitiveType day = SCHEMA.getType("day").asPrimitiveType();
    org.apache.parquet.schema.PrimitiveType ts = SCHEMA.getType("ts").asPrimitiveType();
    org.apache.parquet.schema.PrimitiveType dec64 = SCHEMA.getType("dec64").asPrimitiveType();
    assertThat(FlatColumnDecoder.kindOf(int32, dev.keel.kernel.types.IntegerType.INTEGER))
        .isEqualTo(FlatColumnDecoder.Kind.INT32);
    // Widening and rescaling stay with the converters.
    assertThat(FlatColumnDecoder.kindOf(int32, dev.keel.kernel.types.LongType.LONG)).isNull();
    assertThat(FlatColumnDecoder.kindOf(day, dev.keel.kernel.types.IntegerType.INTEGER)).isNull();
    assertThat(FlatColumnDecoder.kindOf(day, dev.keel.kernel.types.TimestampNTZType.TIMESTAMP_NTZ))
        .isNull();
    assertThat(FlatColumnDecoder.kindOf(dec64, dev.keel.kernel.types.DecimalType.of(20, 5)))
        .isNull();
    assertThat(FlatColumnDecoder.kindOf(dec64, dev.keel.kernel.types.DecimalType.of(18, 3)))
        .isEqualTo(FlatColumnDecoder.Kind.DECIMAL_INT64);
    assertThat(FlatColumnDecoder.kindOf(ts, dev.keel.kernel.types.TimestampType.TIMESTAMP))
        .isEqualTo(FlatColumnDecoder.Kind.INT64);
    org.apache.parquet.schema.PrimitiveType millis =
        MessageTypeParser.parseMessageType(
                "message m { optional int64 t (TIMESTAMP(MILLIS,true)); }")
            .getType("t")
            .asPrimitiveType();
    assertThat(FlatColumnDecoder.kindOf(millis, dev.keel.kernel.types.TimestampType.TIMESTAMP))
        .isNull();
  }
}
