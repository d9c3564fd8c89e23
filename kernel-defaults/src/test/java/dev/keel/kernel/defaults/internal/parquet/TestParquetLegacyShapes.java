package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by parquet-hadoop's example writer in older layouts, read with Delta types. */
class TestParquetLegacyShapes {
  @TempDir Path dir;
  private DefaultEngine engine;

  @BeforeEach
  void open() {
    engine = DefaultEngine.create();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private String writeFile(List<Group> rows, MessageType schema) throws Exception {
    Path file = dir.resolve("f" + System.nanoTime() + ".parquet");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(schema)
            .withConf(new Configuration())
            .build()) {
      for (Group g : rows) {
        w.write(g);
      }
    }
    return file.toString();
  }

  private List<String> read(String path, String deltaSchemaJson) throws Exception {
    StructType schema = StructType.fromJson(deltaSchemaJson);
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getParquetHandler()
            .readParquetFiles(
                CloseableIterator.of(List.of(FileStatus.of(path, 0, 0))),
                schema,
                Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          out.addAll(TestBatches.toJson(engine, r.getData(), dir));
        }
      }
    }
    return out;
  }

  private static String field(String name, String type) {
    return "{\"name\":\"" + name + "\",\"type\":" + type + ",\"nullable\":true,\"metadata\":{}}";
  }

  private static String struct(String... fields) {
    return "{\"type\":\"struct\",\"fields\":[" + String.join(",", fields) + "]}";
  }

  private static String array(String element) {
    return "{\"type\":\"array\",\"elementType\":" + element + ",\"containsNull\":true}";
  }

  @Test
  void readsTwoAndThreeLevelListsAndBothMapAnnotations() throws Exception {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message m {"
                + " optional group two_level (LIST) { repeated int32 array; }"
                + " optional group struct_elements (LIST) { repeated group array { optional int32 a; optional binary b (UTF8); } }"
                + " optional group tuple_list (LIST) { repeated group tuple_list_tuple { optional int64 v; } }"
                + " optional group three_level (LIST) { repeated group list { optional int32 element; } }"
                + " optional group legacy_map (MAP) { repeated group map (MAP_KEY_VALUE) { required binary key (UTF8); optional int32 value; } }"
                + "}");
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    Group g = f.newGroup();
    Group two = g.addGroup("two_level");
    two.add("array", 1);
    two.add("array", 2);
    Group se = g.addGroup("struct_elements");
    se.addGroup("array").append("a", 7).append("b", "x");
    se.addGroup("array").append("a", 8);
    g.addGroup("tuple_list").addGroup("tuple_list_tuple").append("v", 9L);
    Group three = g.addGroup("three_level");
    three.addGroup("list").append("element", 5);
    three.addGroup("list"); // a null element
    Group map = g.addGroup("legacy_map");
    map.addGroup("map").append("key", "k1").append("value", 1);
    map.addGroup("map").append("key", "k2");
    Group empty = f.newGroup();
    empty.addGroup("two_level");
    String path = writeFile(List.of(g, empty), schema);

    String deltaSchema =
        struct(
            field("two_level", array("\"integer\"")),
            field(
                "struct_elements",
                array(struct(field("a", "\"integer\""), field("b", "\"string\"")))),
            field("tuple_list", array(struct(field("v", "\"long\"")))),
            field("three_level", array("\"integer\"")),
            field(
                "legacy_map",
                "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"integer\",\"valueContainsNull\":true}"));
    assertThat(read(path, deltaSchema))
        .containsExactly(
            "{\"two_level\":[1,2],\"struct_elements\":[{\"a\":7,\"b\":\"x\"},{\"a\":8}],\"tuple_list\":[{\"v\":9}],"
                + "\"three_level\":[5,null],\"legacy_map\":{\"k1\":1,\"k2\":null}}",
            "{\"two_level\":[]}");
  }

  @Test
  void readsEveryTimestampAndDecimalEncodingAndWidensIntegers() throws Exception {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message m {"
                + " optional int96 ts96;"
                + " optional int64 ts_millis (TIMESTAMP(MILLIS,true));"
                + " optional int64 ts_nanos (TIMESTAMP(NANOS,false));"
                + " optional int32 dec32 (DECIMAL(9,2));"
                + " optional int64 dec64 (DECIMAL(18,4));"
                + " optional fixed_len_byte_array(16) dec_fixed (DECIMAL(38,6));"
                + " optional binary dec_bin (DECIMAL(20,1));"
                + " optional int32 small (INT_16);"
                + " optional int32 day (DATE);"
                + " optional float fl;"
                + "}");
    Group g = new SimpleGroupFactory(schema).newGroup();
    // 1970-01-02T00:00:01.000002Z: Julian day 2440589, 1.000002 s into the day.
    ByteBuffer int96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    int96.putLong(1_000_002_000L).putInt(2_440_589);
    g.add("ts96", Binary.fromConstantByteArray(int96.array()));
    g.add("ts_millis", -1L);
    g.add("ts_nanos", 1_999L);
    g.add("dec32", -12345);
    g.add("dec64", 123456789L);
    byte[] fixed = new byte[16];
    byte[] raw = new BigInteger("-123456789012345678901234").toByteArray();
    java.util.Arrays.fill(fixed, 0, 16 - raw.length, (byte) -1);
    System.arraycopy(raw, 0, fixed, 16 - raw.length, raw.length);
    g.add("dec_fixed", Binary.fromConstantByteArray(fixed));
    g.add("dec_bin", Binary.fromConstantByteArray(new BigInteger("15").toByteArray()));
    g.add("small", -7);
    g.add("day", 19000);
    g.add("fl", 2.5f);
    String path = writeFile(List.of(g), schema);

    String deltaSchema =
        struct(
            field("ts96", "\"timestamp\""),
            field("ts_millis", "\"timestamp\""),
            field("ts_nanos", "\"timestamp_ntz\""),
            field("dec32", "\"decimal(9,2)\""),
            field("dec64", "\"decimal(20,5)\""),
            field("dec_fixed", "\"decimal(38,6)\""),
            field("dec_bin", "\"decimal(20,1)\""),
            field("small", "\"long\""),
            field("day", "\"timestamp_ntz\""),
            field("fl", "\"double\""));
    assertThat(read(path, deltaSchema))
        .containsExactly(
            "{\"ts96\":\"1970-01-02T00:00:01.000002Z\",\"ts_millis\":\"1969-12-31T23:59:59.999000Z\","
                + "\"ts_nanos\":\"1970-01-01T00:00:00.000001\",\"dec32\":-123.45,\"dec64\":12345.67890,"
                + "\"dec_fixed\":-123456789012345678.901234,\"dec_bin\":1.5,\"small\":-7,"
                + "\"day\":\"2022-01-08T00:00:00.000000\",\"fl\":2.5}");
  }
}
