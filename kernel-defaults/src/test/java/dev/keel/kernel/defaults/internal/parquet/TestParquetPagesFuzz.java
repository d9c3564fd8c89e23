package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keel's Parquet page and level decoders under the fuzzer, held to parquet-hadoop's record reader
 * ({@link ParquetOracle}) on the same bytes. The fuzzer chooses a file: which columns (flat of
 * every physical type, optional and required, a list, a map and a struct), the values and nulls,
 * the writer's page size, dictionary, page format (v1, v2) and codec; parquet-hadoop writes it;
 * then the fuzzer may flip bytes of its pages (never the footer, which parquet-hadoop parses for
 * both readers). Outcomes: where the file is intact, Keel reads exactly parquet-hadoop's rows;
 * where it is damaged and both read it, the rows agree in every column (where the leaf columns of a
 * damaged struct or map disagree on its nulls or lengths, no reading is right, and Keel refuses
 * it); where parquet-hadoop cannot read it, Keel refuses with a {@link KernelException} or reads
 * it; Keel never fails with another exception, hangs or runs out of memory. {@code -Pfuzz
 * -Dfuzz.target=TestParquetPagesFuzz} fuzzes it.
 */
class TestParquetPagesFuzz {
  private static final List<String> COLUMNS =
      List.of(
          "optional int32 i;",
          "required int64 l;",
          "optional boolean b;",
          "optional double d;",
          "required float f;",
          "optional binary s (STRING);",
          "optional fixed_len_byte_array(5) dec (DECIMAL(10,2));",
          "optional int32 day (DATE);",
          "optional int64 ts (TIMESTAMP(MICROS,true));",
          "optional group xs (LIST) { repeated group list { optional int32 element; } }",
          "optional group m (MAP) { repeated group key_value { required binary key (STRING);"
              + " optional int64 value; } }",
          "optional group st { optional int32 a; optional binary c (STRING); }");

  private static final CompressionCodecName[] CODECS = {
    CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY, CompressionCodecName.GZIP
  };

  private static final Configuration CONF = new Configuration();

  @TempDir static Path dir;
  private static DefaultEngine engine;

  @BeforeAll
  static void open() {
    engine = DefaultEngine.builder().batchSize(64).build();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @FuzzTest(maxDuration = "30m")
  void readsAsParquetHadoopDoes(FuzzedDataProvider data) throws IOException {
    Path file = dir.resolve("fuzzed.parquet");
    Files.deleteIfExists(file);
    StringBuilder schemaText = new StringBuilder("message m {");
    int columns = data.consumeInt(1, 3);
    List<Integer> chosen = new java.util.ArrayList<>();
    for (int c = 0; c < columns; c++) {
      int k = data.consumeInt(0, COLUMNS.size() - 1);
      if (!chosen.contains(k)) {
        chosen.add(k);
        schemaText.append(' ').append(COLUMNS.get(k));
      }
    }
    MessageType schema = MessageTypeParser.parseMessageType(schemaText.append(" }").toString());
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(schema)
            .withConf(CONF)
            .withWriterVersion(
                data.consumeBoolean()
                    ? ParquetProperties.WriterVersion.PARQUET_1_0
                    : ParquetProperties.WriterVersion.PARQUET_2_0)
            .withDictionaryEncoding(data.consumeBoolean())
            .withPageSize(data.consumeInt(64, 4096))
            .withPageRowCountLimit(data.consumeInt(1, 100))
            .withCompressionCodec(data.pickValue(CODECS))
            .build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      int rows = data.consumeInt(0, 300);
      for (int r = 0; r < rows; r++) {
        Group g = groups.newGroup();
        for (int k : chosen) {
          fill(g, k, data);
        }
        w.write(g);
      }
    }
    // parquet-hadoop's local file system keeps a checksum beside the file, which would catch the
    // damage before either reader sees it
    Files.deleteIfExists(dir.resolve(".fuzzed.parquet.crc"));
    boolean damaged = damage(file, data);
    StructType deltaSchema = ParquetOracle.schemaOf(file);
    List<Object> expected;
    try {
      expected = ParquetOracle.hadoopRows(file, deltaSchema);
    } catch (RuntimeException | IOException hadoopRefuses) {
      expected = null;
    } catch (OutOfMemoryError hadoopAllocatesWhatTheBytesClaim) {
      // parquet-hadoop's own record reader has no guard against a damaged delta header
      expected = null;
    }
    List<Object> actual;
    try {
      actual = ParquetOracle.keelRows(engine, file, deltaSchema);
    } catch (KernelException refused) {
      assertThat(damaged || expected == null)
          .as("Keel refuses an intact file parquet-hadoop reads: %s", refused.getMessage())
          .isTrue();
      return;
    }
    if (expected != null) {
      assertThat(actual).as("rows (damaged: %s)", damaged).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        List<?> want = (List<?>) expected.get(i);
        List<?> got = (List<?>) actual.get(i);
        for (int c = 0; c < want.size(); c++) {
          assertThat(got.get(c))
              .as("row %d, column %s (damaged: %s)", i, deltaSchema.at(c).getName(), damaged)
              .isEqualTo(want.get(c));
        }
      }
    }
  }

  /** Sets column {@code k} of the row (or leaves it null where it may be). */
  private static void fill(Group g, int k, FuzzedDataProvider data) {
    String name = List.of("i", "l", "b", "d", "f", "s", "dec", "day", "ts", "xs", "m", "st").get(k);
    boolean required = k == 1 || k == 4;
    if (!required && data.consumeInt(0, 3) == 0) {
      return;
    }
    switch (k) {
      case 0, 7 -> g.add(name, data.consumeInt());
      case 1, 8 -> g.add(name, data.consumeLong());
      case 2 -> g.add(name, data.consumeBoolean());
      case 3 -> g.add(name, data.consumeDouble());
      case 4 -> g.add(name, data.consumeFloat());
      case 5 -> g.add(name, data.consumeString(12));
      case 6 -> { // an unscaled value within the precision of 10, big-endian in five bytes
        long unscaled = data.consumeLong(-9_999_999_999L, 9_999_999_999L);
        byte[] be = new byte[5];
        for (int i = 0; i < 5; i++) {
          be[4 - i] = (byte) (unscaled >> (8 * i));
        }
        g.add(name, Binary.fromConstantByteArray(be));
      }
      case 9 -> {
        Group list = g.addGroup(name);
        for (int e = data.consumeInt(0, 4); e > 0; e--) {
          Group element = list.addGroup("list");
          if (data.consumeBoolean()) {
            element.add("element", data.consumeInt());
          }
        }
      }
      case 10 -> {
        Group map = g.addGroup(name);
        for (int e = data.consumeInt(0, 3); e > 0; e--) {
          Group kv = map.addGroup("key_value");
          kv.add("key", data.consumeString(6));
          if (data.consumeBoolean()) {
            kv.add("value", data.consumeLong());
          }
        }
      }
      default -> {
        Group st = g.addGroup(name);
        if (data.consumeBoolean()) {
          st.add("a", data.consumeInt());
        }
        if (data.consumeBoolean()) {
          st.add("c", data.consumeString(8));
        }
      }
    }
  }

  /**
   * Flips up to four bytes the fuzzer chooses between the magic number and the footer.
   *
   * @return whether any byte changed
   */
  private static boolean damage(Path file, FuzzedDataProvider data) throws IOException {
    int flips = data.consumeInt(0, 4);
    if (flips == 0) {
      return false;
    }
    byte[] bytes = Files.readAllBytes(file);
    int footer =
        ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int pagesEnd = bytes.length - 8 - footer;
    if (pagesEnd <= 4) {
      return false;
    }
    boolean changed = false;
    for (int f = 0; f < flips; f++) {
      int at = data.consumeInt(4, pagesEnd - 1);
      byte mask = data.consumeByte();
      bytes[at] ^= mask;
      changed |= mask != 0;
    }
    Files.write(file, bytes);
    return changed;
  }
}
