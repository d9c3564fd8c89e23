package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.defaults.canonical.CanonicalJson;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.nio.charset.StandardCharsets;
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

/**
 * Shredded variants laid out by hand as the Parquet VariantShredding spec describes them (its
 * {@code event}, {@code measurement} and {@code tags} examples), read back as variant values.
 * Variant bytes in {@code value} columns are hand-encoded from the spec as well.
 */
class TestShreddedVariants {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message m {"
              + " optional group event {"
              + "   required binary metadata; optional binary value;"
              + "   optional group typed_value {"
              + "     required group event_type { optional binary value; optional binary typed_value (STRING); }"
              + "     required group event_ts { optional binary value; optional int64 typed_value (TIMESTAMP(MICROS,true)); }"
              + "   }"
              + " }"
              + " optional group n { required binary metadata; optional binary value; optional int64 typed_value; }"
              + " optional group tags {"
              + "   required binary metadata; optional binary value;"
              + "   optional group typed_value (LIST) { repeated group list { required group element {"
              + "     optional binary value; optional binary typed_value (STRING); } } }"
              + " }"
              + "}");

  /** Metadata v1, 1-byte offsets, dictionary [event_type, event_ts, email]. */
  private static final byte[] METADATA =
      bytes(new int[] {0x01, 3, 0, 10, 18, 23}, "event_typeevent_tsemail");

  private static final byte[] EMPTY_METADATA = {0x01, 0, 0};
  private static final byte[] NULL = {0x00};

  /** Object {"email": "u@x"}: header 0x02, 1 field, id 2, offsets [0, 4], short string "u@x". */
  private static final byte[] EMAIL_OBJECT = {0x02, 1, 2, 0, 4, 0x0D, 'u', '@', 'x'};

  private static byte[] bytes(int[] head, String tail) {
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + t.length];
    for (int i = 0; i < head.length; i++) {
      out[i] = (byte) head[i];
    }
    System.arraycopy(t, 0, out, head.length, t.length);
    return out;
  }

  private static byte[] shortString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[b.length + 1];
    out[0] = (byte) ((b.length << 2) | 1);
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

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

  private Group event(
      SimpleGroupFactory f, Group row, byte[] value, String type, byte[] typeValue, Long tsMicros) {
    Group e = row.addGroup("event");
    e.add("metadata", Binary.fromConstantByteArray(METADATA));
    if (value != null) {
      e.add("value", Binary.fromConstantByteArray(value));
    }
    if (type != null || typeValue != null || tsMicros != null || value == null) {
      Group typed = e.addGroup("typed_value");
      Group et = typed.addGroup("event_type");
      if (type != null) {
        et.add("typed_value", type);
      }
      if (typeValue != null) {
        et.add("value", Binary.fromConstantByteArray(typeValue));
      }
      Group ts = typed.addGroup("event_ts");
      if (tsMicros != null) {
        ts.add("typed_value", tsMicros);
      }
    }
    return e;
  }

  private Group measurement(Group row, Long typed, byte[] value) {
    Group n = row.addGroup("n");
    n.add("metadata", Binary.fromConstantByteArray(EMPTY_METADATA));
    if (typed != null) {
      n.add("typed_value", typed);
    }
    if (value != null) {
      n.add("value", Binary.fromConstantByteArray(value));
    }
    return n;
  }

  private void tags(Group row, String... elements) {
    Group t = row.addGroup("tags");
    t.add("metadata", Binary.fromConstantByteArray(EMPTY_METADATA));
    Group list = t.addGroup("typed_value");
    for (String e : elements) {
      Group element = list.addGroup("list").addGroup("element");
      if (e == null) {
        element.add("value", Binary.fromConstantByteArray(NULL));
      } else {
        element.add("typed_value", e);
      }
    }
  }

  private String write() throws Exception {
    SimpleGroupFactory f = new SimpleGroupFactory(SCHEMA);
    List<Group> rows = new ArrayList<>();
    Group r1 = f.newGroup();
    event(f, r1, null, "noop", null, 1729794114937000L);
    measurement(r1, 34L, null);
    tags(r1, "comedy", "drama");
    rows.add(r1);
    Group r2 = f.newGroup();
    event(f, r2, EMAIL_OBJECT, "login", null, 1729794146402000L);
    measurement(r2, null, NULL);
    tags(r2, "horror", null);
    rows.add(r2);
    Group r3 = f.newGroup();
    Group notObject = r3.addGroup("event");
    notObject.add("metadata", Binary.fromConstantByteArray(METADATA));
    notObject.add("value", Binary.fromConstantByteArray(shortString("not an object")));
    measurement(r3, null, shortString("n/a"));
    rows.add(r3);
    Group r4 = f.newGroup();
    event(f, r4, null, null, NULL, 1729794954163000L);
    measurement(r4, 100L, null);
    rows.add(r4);
    rows.add(f.newGroup());
    Path file = dir.resolve("shredded.parquet");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(SCHEMA)
            .withConf(new Configuration())
            .build()) {
      for (Group g : rows) {
        w.write(g);
      }
    }
    return file.toString();
  }

  @Test
  void rebuildsShreddedObjectsPrimitivesAndArrays() throws Exception {
    String path = write();
    StructType schema =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"event\",\"type\":\"variant\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"n\",\"type\":\"variant\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"tags\",\"type\":\"variant\",\"nullable\":true,\"metadata\":{}}]}");
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getParquetHandler()
            .readParquetFiles(
                CloseableIterator.of(List.of(FileStatus.of(path, 0, 0))),
                schema,
                Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          for (int i = 0; i < r.getData().getSize(); i++) {
            rows.add(CanonicalJson.row(r.getData(), i));
          }
        }
      }
    }
    assertThat(rows)
        .containsExactly(
            "{\"event\":\"{\\\"event_ts\\\":\\\"2024-10-24 18:21:54.937+00:00\\\",\\\"event_type\\\":\\\"noop\\\"}\","
                + "\"n\":\"34\",\"tags\":\"[\\\"comedy\\\",\\\"drama\\\"]\"}",
            "{\"event\":\"{\\\"email\\\":\\\"u@x\\\",\\\"event_ts\\\":\\\"2024-10-24 18:22:26.402+00:00\\\",\\\"event_type\\\":\\\"login\\\"}\","
                + "\"n\":\"null\",\"tags\":\"[\\\"horror\\\",null]\"}",
            "{\"event\":\"\\\"not an object\\\"\",\"n\":\"\\\"n/a\\\"\",\"tags\":null}",
            "{\"event\":\"{\\\"event_ts\\\":\\\"2024-10-24 18:35:54.163+00:00\\\",\\\"event_type\\\":null}\",\"n\":\"100\",\"tags\":null}",
            "{\"event\":null,\"n\":null,\"tags\":null}");
  }

  @Test
  void nestedShreddedVariantsAreRefusedClearly() throws Exception {
    MessageType nested =
        MessageTypeParser.parseMessageType(
            "message m { optional group s { optional group v {"
                + " required binary metadata; optional binary value; optional int64 typed_value; } } }");
    Path file = dir.resolve("nested.parquet");
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(nested)
            .withConf(new Configuration())
            .build()) {
      w.write(new SimpleGroupFactory(nested).newGroup());
    }
    StructType schema =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":[{\"name\":\"s\",\"type\":{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"v\",\"type\":\"variant\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}}]}");
    assertThatThrownBy(
            () -> {
              try (CloseableIterator<FileReadResult> it =
                  engine
                      .getParquetHandler()
                      .readParquetFiles(
                          CloseableIterator.of(List.of(FileStatus.of(file.toString(), 0, 0))),
                          schema,
                          Optional.empty())) {
                it.hasNext();
              }
            })
        .isInstanceOf(UnsupportedTypeException.class)
        .hasMessage(
            "Cannot read variant column `s.v` of `"
                + file
                + "`: shredded variants (typed_value) nested inside "
                + "structs, arrays or maps are not supported by the default engine yet (top-level shredded variant columns are).");
  }
}
