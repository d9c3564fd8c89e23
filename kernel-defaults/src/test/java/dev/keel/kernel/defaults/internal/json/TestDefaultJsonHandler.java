package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDefaultJsonHandler {
  private static final StructType ALL =
      StructType.fromJson(
          "{\"type\":\"struct\",\"fields\":["
              + "{\"name\":\"b\",\"type\":\"boolean\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"y\",\"type\":\"byte\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"s\",\"type\":\"short\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"i\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"l\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"f\",\"type\":\"float\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"d\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"dec\",\"type\":\"decimal(10,2)\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"str\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"dt\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"ts\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"ntz\",\"type\":\"timestamp_ntz\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"st\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"arr\",\"type\":{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":true},\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"long\",\"valueContainsNull\":true},\"nullable\":true,\"metadata\":{}}"
              + "]}");

  @TempDir Path dir;
  private DefaultEngine engine;

  @BeforeEach
  void open() {
    engine = DefaultEngine.builder().batchSize(2).build();
  }

  @AfterEach
  void closeAndCheckLeaks() {
    engine.close(); // throws if a batch was left open
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private List<String> readAll(Path file, StructType schema) throws Exception {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(
                CloseableIterator.of(List.of(FileStatus.of(file.toString(), Files.size(file), 0))),
                schema,
                Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          assertThat(r.getFilePath()).isEqualTo(file.toString());
          assertThat(r.getData().getSize()).isLessThanOrEqualTo(2);
          out.addAll(TestBatches.toJson(engine, r.getData(), dir));
        }
      }
    }
    return out;
  }

  @Test
  void readsEveryTypeSkippingBlankLinesAndUnknownFields() throws Exception {
    Path file =
        write(
            "a.json",
            ""
                + "{\"b\":true,\"y\":-128,\"s\":32767,\"i\":-2147483648,\"l\":9223372036854775807,\"f\":1.5,\"d\":\"NaN\","
                + "\"dec\":12.3,\"str\":\"h\\u00e9\\n\",\"dt\":\"2024-02-29\",\"ts\":\"2024-01-02T03:04:05.123456Z\","
                + "\"ntz\":\"2024-01-02 03:04:05.5\",\"st\":{\"x\":7,\"ignored\":[1,{\"deep\":2}]},\"arr\":[\"a\",null],"
                + "\"m\":{\"k\":1,\"n\":null},\"unknown\":{\"a\":[1,2,3]}}\n"
                + "\n"
                + "{}\n"
                + "   \n"
                + "{\"d\":\"-Infinity\",\"f\":\"Infinity\",\"ts\":\"2024-01-02 03:04:05\",\"st\":null,\"arr\":[],\"m\":{}}\n");
    assertThat(readAll(file, ALL))
        .containsExactly(
            "{\"b\":true,\"y\":-128,\"s\":32767,\"i\":-2147483648,\"l\":9223372036854775807,\"f\":1.5,\"d\":\"NaN\","
                + "\"dec\":12.30,\"str\":\"hé\\n\",\"dt\":\"2024-02-29\",\"ts\":\"2024-01-02T03:04:05.123456Z\","
                + "\"ntz\":\"2024-01-02T03:04:05.500000\",\"st\":{\"x\":7},\"arr\":[\"a\",null],\"m\":{\"k\":1,\"n\":null}}",
            "{}",
            "{\"f\":\"Infinity\",\"d\":\"-Infinity\",\"ts\":\"2024-01-02T03:04:05.000000Z\",\"arr\":[],\"m\":{}}");
  }

  @Test
  void stringsAndMapKeysKeepEveryCharacter() throws Exception {
    // ASCII, escapes, two- and three-byte characters, a surrogate pair, in values and map keys
    String text = "caf\\u00e9 \\u2603 \\ud83d\\ude00 \\\"q\\\" \\\\ tab\\t"; // JSON escapes
    Path file =
        write(
            "utf8.json",
            "{\"str\":\""
                + text
                + "\",\"m\":{\"cl\\u00e9\":1,\"k\u2603\":2,\"plain\":3}}\n"
                + "{\"str\":\"ascii only\",\"m\":{\"\ud83d\ude00\":4}}\n");
    List<String> expectedStrings =
        List.of("caf\u00e9 \u2603 \ud83d\ude00 \"q\" \\ tab\t", "ascii only");
    List<List<String>> expectedKeys =
        List.of(List.of("cl\u00e9", "k\u2603", "plain"), List.of("\ud83d\ude00"));
    List<String> strings = new ArrayList<>();
    List<List<String>> keys = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(
                CloseableIterator.of(List.of(FileStatus.of(file.toString(), Files.size(file), 0))),
                ALL,
                Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          ColumnVector str = r.getData().getColumnVector(ALL.indexOf("str"));
          ColumnVector m = r.getData().getColumnVector(ALL.indexOf("m"));
          for (int row = 0; row < r.getData().getSize(); row++) {
            strings.add(str.getString(row));
            dev.keel.kernel.data.MapValue map = m.getMap(row);
            List<String> k = new ArrayList<>();
            for (int e = 0; e < map.getSize(); e++) {
              k.add(map.getKeys().getString(e));
            }
            keys.add(k);
          }
        }
      }
    }
    assertThat(strings).isEqualTo(expectedStrings);
    assertThat(keys).isEqualTo(expectedKeys);
  }

  @Test
  void keepsNestedJsonAsTextInStringFields() throws Exception {
    StructType schema =
        new StructType(
            List.of(
                new dev.keel.kernel.types.StructField(
                    "stats", dev.keel.kernel.types.DataTypes.STRING, true)));
    Path file =
        write(
            "s.json",
            "{\"stats\":{\"numRecords\":3,\"minValues\":{\"a\":\"x\"}}}\n{\"stats\":\"{\\\"numRecords\\\":1}\"}\n");
    assertThat(readAll(file, schema))
        .containsExactly(
            "{\"stats\":\"{\\\"numRecords\\\":3,\\\"minValues\\\":{\\\"a\\\":\\\"x\\\"}}\"}",
            "{\"stats\":\"{\\\"numRecords\\\":1}\"}");
  }

  @Test
  void linesWithOnlyAnUnwantedFieldBecomeRowsOfNullsInOrder() throws Exception {
    StructType schema =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"i\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"str\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}");
    Path file =
        write(
            "mixed.json",
            "{\"add\":{\"p\":\"}\"}}\n{\"i\":1}\n{\"str\":\"a\"}\n\n{\"skip\":[1,2]}\n"
                + "{\"skip\":1,\"i\":2}\n{\"str\":\"b\"}\n{\"skip\":{}}\n");
    assertThat(readAll(file, schema))
        .containsExactly(
            "{}", "{\"i\":1}", "{\"str\":\"a\"}", "{}", "{\"i\":2}", "{\"str\":\"b\"}", "{}");
    Path bad =
        write("bad-after-skips.json", "{\"skip\":1}\n{\"skip\":2}\n{\"i\":3}\n\n{\"i\": oops}\n");
    assertThatThrownBy(() -> readAll(bad, schema))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith(
            "Malformed JSON in `" + bad + "` at line 5: Unrecognized token 'oops'");
    Path two = write("two.json", "{\"i\":1} {\"i\":2}\n");
    assertThatThrownBy(() -> readAll(two, schema))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith(
            "Malformed JSON in `"
                + two
                + "` at line 1: expected one JSON document per line but found more.");
  }

  @Test
  void aBatchOfOnlyUnwantedLinesIsAllNullsDownToStructFields() throws Exception {
    Path file =
        write(
            "skipped.json",
            "{\"add\":{\"path\":\"a\"}}\n{\"commitInfo\":{}}\n{\"add\":{\"path\":\"b\"}}\n");
    assertThat(readAll(file, ALL)).containsExactly("{}", "{}", "{}");
    int st = ALL.indexOf("st");
    try (CloseableIterator<FileReadResult> it =
            engine
                .getJsonHandler()
                .readJsonFiles(
                    CloseableIterator.of(
                        List.of(FileStatus.of(file.toString(), Files.size(file), 0))),
                    ALL,
                    Optional.empty());
        FileReadResult r = it.next()) {
      ColumnVector struct = r.getData().getColumnVector(st);
      assertThat(r.getData().getSize()).isEqualTo(2);
      assertThat(struct.isNullAt(1)).isTrue();
      assertThat(struct.getChild(0).isNullAt(1)).isTrue();
    }
  }

  @Test
  void malformedJsonNamesFileAndLine() throws Exception {
    Path file = write("bad.json", "{\"i\":1}\n{\"i\":2}\n{\"i\":3}\n{\"i\": oops}\n");
    assertThatThrownBy(() -> readAll(file, ALL))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Malformed JSON in `"
                + file
                + "` at line 4: Unrecognized token 'oops': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false'). "
                + "The file is corrupt or was not written by a Delta writer.");
  }

  @Test
  void valueOfTheWrongTypeNamesFieldFileAndLine() throws Exception {
    Path file = write("type.json", "{\"i\":1}\n{\"i\":\"x\"}\n");
    assertThatThrownBy(() -> readAll(file, ALL))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Malformed JSON in `"
                + file
                + "` at line 2: cannot read `x` as integer for field `i`. "
                + "The file is corrupt or was not written by a Delta writer.");
    Path notObject = write("arr.json", "[1,2]\n");
    assertThatThrownBy(() -> readAll(notObject, ALL))
        .hasMessage(
            "Malformed JSON in `"
                + notObject
                + "` at line 1: expected a JSON object per line but found `[`. "
                + "The file is corrupt or was not written by a Delta writer.");
  }

  /**
   * A handler that parses files of more than 2 x 64 bytes in blocks of about 64 bytes, 3 at a time.
   */
  private DefaultJsonHandler inBlocks() {
    return new DefaultJsonHandler(
        engine.getFileSystemClient(), engine.getAllocator(), 2, 3, engine.getExecutor(), 64);
  }

  private List<String> readWith(DefaultJsonHandler handler, Path file, StructType schema)
      throws Exception {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        handler.readJsonFiles(
            CloseableIterator.of(List.of(FileStatus.of(file.toString(), Files.size(file), 0))),
            schema,
            Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          assertThat(r.getFilePath()).isEqualTo(file.toString());
          out.addAll(TestBatches.toJson(engine, r.getData(), dir));
        }
      }
    }
    return out;
  }

  private static String manyLines(int n, int badLine) {
    StringBuilder text = new StringBuilder();
    for (int line = 1; line <= n; line++) {
      if (line == badLine) {
        text.append("{\"i\": oops}\n");
      } else if (line % 11 == 0) {
        text.append('\n'); // blank lines count as lines
      } else if (line % 5 == 0) {
        text.append("{\"other\":{\"x\":[1,2]}}\n"); // only an unwanted field: a row of nulls
      } else {
        text.append("{\"i\":")
            .append(line)
            .append(",\"str\":\"line ")
            .append(line)
            .append("\",\"m\":{\"k\":")
            .append(line)
            .append("}}\n");
      }
    }
    return text.toString();
  }

  @Test
  void aLargeFileParsedInBlocksGivesTheSameRowsInOrder() throws Exception {
    Path file = write("large.json", manyLines(400, -1));
    List<String> whole = readAll(file, ALL);
    assertThat(whole).hasSize(400 - 400 / 11);
    assertThat(whole.get(0)).contains("\"i\":1,").contains("\"str\":\"line 1\"");
    assertThat(readWith(inBlocks(), file, ALL)).isEqualTo(whole);
  }

  @Test
  void anErrorInALaterBlockNamesTheLineInTheWholeFile() throws Exception {
    Path file = write("large-bad.json", manyLines(400, 337));
    String expected =
        "Malformed JSON in `"
            + file
            + "` at line 337: Unrecognized token 'oops': was expecting "
            + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false'). "
            + "The file is corrupt or was not written by a Delta writer.";
    assertThatThrownBy(() -> readAll(file, ALL)).hasMessage(expected);
    assertThatThrownBy(() -> readWith(inBlocks(), file, ALL))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(expected);
  }

  @Test
  void stoppingEarlyInABlockedFileClosesEveryBatch() throws Exception {
    Path file = write("large-early.json", manyLines(400, -1));
    try (CloseableIterator<FileReadResult> it =
        inBlocks()
            .readJsonFiles(
                CloseableIterator.of(List.of(FileStatus.of(file.toString(), Files.size(file), 0))),
                ALL,
                Optional.empty())) {
      it.next().close();
      assertThat(it.hasNext()).isTrue();
    }
    // the engine's close after the test fails on any batch left open
  }

  @Test
  void parsesAStringVectorHonouringTheSelection() throws Exception {
    StructType strings =
        new StructType(
            List.of(
                new dev.keel.kernel.types.StructField(
                    "j", dev.keel.kernel.types.DataTypes.STRING, true)));
    StructType target =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":[{\"name\":\"numRecords\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"minValues\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"decimal(5,1)\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}}]}");
    try (ColumnarBatch input =
            TestBatches.fromJson(
                engine,
                strings,
                dir,
                "{\"j\":\"{\\\"numRecords\\\":5,\\\"minValues\\\":{\\\"a\\\":1.5}}\"}",
                "{\"j\":null}");
        ColumnVector selection =
            engine.getExpressionHandler().createSelectionVector(new boolean[] {true, true}, 0, 2);
        ColumnarBatch parsed =
            engine
                .getJsonHandler()
                .parseJson(input.getColumnVector(0), target, Optional.of(selection))) {
      assertThat(parsed.getSize()).isEqualTo(2);
      assertThat(parsed.getColumnVector(0).getLong(0)).isEqualTo(5L);
      assertThat(parsed.getColumnVector(1).getChild(0).getDecimal(0))
          .isEqualTo(new BigDecimal("1.5"));
      assertThat(parsed.getColumnVector(0).isNullAt(1)).isTrue();
      assertThat(parsed.getColumnVector(1).isNullAt(1)).isTrue();
    }
    try (ColumnarBatch input =
            TestBatches.fromJson(engine, strings, dir, "{\"j\":\"{\\\"numRecords\\\":\"}");
        ColumnarBatch unselected =
            engine
                .getJsonHandler()
                .parseJson(
                    input.getColumnVector(0),
                    target,
                    Optional.of(
                        engine
                            .getExpressionHandler()
                            .createSelectionVector(new boolean[] {false}, 0, 1)))) {
      assertThat(unselected.getColumnVector(0).isNullAt(0)).isTrue(); // not parsed at all
      assertThatThrownBy(
              () ->
                  engine
                      .getJsonHandler()
                      .parseJson(input.getColumnVector(0), target, Optional.empty()))
          .isInstanceOf(MalformedDataException.class)
          .hasMessageStartingWith("Malformed JSON value: Unexpected end-of-input");
    }
  }

  @Test
  void writesAtomicallyAndRefusesToOverwriteUnlessAsked() throws Exception {
    StructType schema =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}");
    Path target = dir.resolve("00000000000000000000.json");
    try (ColumnarBatch b = TestBatches.fromJson(engine, schema, dir, "{\"a\":1}", "{}")) {
      engine.getJsonHandler().writeJsonFileAtomically(target.toString(), b.getRows(), false);
      assertThat(Files.readString(target)).isEqualTo("{\"a\":1}\n{}\n");
      assertThatThrownBy(
              () ->
                  engine
                      .getJsonHandler()
                      .writeJsonFileAtomically(target.toString(), b.getRows(), false))
          .isInstanceOf(PathAlreadyExistsException.class)
          .hasMessage(
              "Cannot create `file:"
                  + target
                  + "`: the file already exists. Another writer created it first; "
                  + "re-read the table and retry.");
      engine.getJsonHandler().writeJsonFileAtomically(target.toString(), b.getRows(), true);
      assertThat(Files.readString(target)).isEqualTo("{\"a\":1}\n{}\n");
    }
  }
}
