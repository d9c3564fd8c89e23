package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.testing.SharedData;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import io.trino.filesystem.local.LocalFileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keel's JSON access on Jackson and Trino blocks: every commit file of the shared cases reads as
 * the default engine reads it, JSON strings parse as the default engine parses them, rows written
 * read back, and bad input fails with the file and line.
 */
class TestTrinoJsonHandler {
  /** The actions of a commit, with the nesting and types the kernel asks for. */
  private static final StructType ACTIONS =
      StructType.fromJson(
          """
          {"type":"struct","fields":[
           {"name":"add","type":{"type":"struct","fields":[
             {"name":"path","type":"string","nullable":true,"metadata":{}},
             {"name":"partitionValues","type":{"type":"map","keyType":"string","valueType":"string","valueContainsNull":true},"nullable":true,"metadata":{}},
             {"name":"size","type":"long","nullable":true,"metadata":{}},
             {"name":"modificationTime","type":"long","nullable":true,"metadata":{}},
             {"name":"dataChange","type":"boolean","nullable":true,"metadata":{}},
             {"name":"stats","type":"string","nullable":true,"metadata":{}},
             {"name":"tags","type":{"type":"map","keyType":"string","valueType":"string","valueContainsNull":true},"nullable":true,"metadata":{}},
             {"name":"deletionVector","type":{"type":"struct","fields":[
               {"name":"storageType","type":"string","nullable":true,"metadata":{}},
               {"name":"pathOrInlineDv","type":"string","nullable":true,"metadata":{}},
               {"name":"offset","type":"integer","nullable":true,"metadata":{}},
               {"name":"sizeInBytes","type":"integer","nullable":true,"metadata":{}},
               {"name":"cardinality","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},
             {"name":"baseRowId","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},
           {"name":"remove","type":{"type":"struct","fields":[
             {"name":"path","type":"string","nullable":true,"metadata":{}},
             {"name":"deletionTimestamp","type":"long","nullable":true,"metadata":{}},
             {"name":"dataChange","type":"boolean","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},
           {"name":"metaData","type":{"type":"struct","fields":[
             {"name":"id","type":"string","nullable":true,"metadata":{}},
             {"name":"schemaString","type":"string","nullable":true,"metadata":{}},
             {"name":"partitionColumns","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{}},
             {"name":"configuration","type":{"type":"map","keyType":"string","valueType":"string","valueContainsNull":true},"nullable":true,"metadata":{}},
             {"name":"createdTime","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},
           {"name":"protocol","type":{"type":"struct","fields":[
             {"name":"minReaderVersion","type":"integer","nullable":true,"metadata":{}},
             {"name":"minWriterVersion","type":"integer","nullable":true,"metadata":{}},
             {"name":"readerFeatures","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{}},
             {"name":"writerFeatures","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},
           {"name":"txn","type":{"type":"struct","fields":[
             {"name":"appId","type":"string","nullable":true,"metadata":{}},
             {"name":"version","type":"long","nullable":true,"metadata":{}},
             {"name":"lastUpdated","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},
           {"name":"cdc","type":{"type":"struct","fields":[
             {"name":"path","type":"string","nullable":true,"metadata":{}},
             {"name":"size","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}
          ]}
          """);

  @TempDir Path dir;
  private DefaultEngine reference;
  private JsonHandler trino;

  @BeforeEach
  void open() {
    reference = DefaultEngine.create();
    trino = new TrinoJsonHandler(new TrinoFileSystemClient(new LocalFileSystem(Path.of("/"))));
  }

  @AfterEach
  void close() {
    reference.close();
  }

  private static List<String> read(JsonHandler handler, FileStatus file, StructType schema)
      throws IOException {
    return EngineRows.of(
        handler.readJsonFiles(CloseableIterator.of(List.of(file)), schema, Optional.empty()));
  }

  private static FileStatus status(Path p) throws IOException {
    return FileStatus.of("file:" + p, Files.size(p), 0);
  }

  @Test
  void readsEveryCommitOfTheSharedCasesAsTheDefaultEngine() throws IOException {
    List<Path> commits;
    try (Stream<Path> files = Files.walk(SharedData.casesDir())) {
      commits =
          files
              .filter(p -> p.getParent().getFileName().toString().equals("_delta_log"))
              .filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
              .sorted()
              .toList();
    }
    assertThat(commits).hasSizeGreaterThan(500);
    long actions = 0;
    for (Path commit : commits) {
      List<String> expected;
      try {
        expected = read(reference.getJsonHandler(), status(commit), ACTIONS);
      } catch (MalformedDataException e) {
        // a deliberately broken commit: both must refuse it
        assertThatThrownBy(() -> read(trino, status(commit), ACTIONS))
            .as(commit.toString())
            .isInstanceOf(MalformedDataException.class)
            .hasMessageStartingWith("Malformed JSON in `file:" + commit + "` at line ");
        continue;
      }
      assertThat(read(trino, status(commit), ACTIONS)).as(commit.toString()).isEqualTo(expected);
      actions += expected.size();
    }
    assertThat(actions).as("actions compared").isGreaterThan(2_000);
  }

  @Test
  void parsesStringsOfEveryTypeAsTheDefaultEngine() {
    String[] docs = {
      "{\"id\":1,\"b\":true,\"i\":-7,\"d\":\"NaN\",\"dec\":12.5,\"s\":{\"nested\":[1,2]},"
          + "\"dt\":\"2024-02-29\",\"ts\":\"2024-02-29T10:00:00.123456+02:00\",\"st\":{\"x\":3},"
          + "\"arr\":[\"a\",null],\"m\":{\"k\":1,\"n\":null}}",
      "{\"id\":2,\"d\":\"-Infinity\",\"s\":\"plain\",\"ts\":\"2024-01-01 00:00:00\",\"extra\":{\"a\":[1]}}",
      "{\"id\":3}",
      "{\"id\":4,\"d\":1e300,\"dec\":-0.0001,\"arr\":[],\"m\":{}}"
    };
    ColumnarBatch strings =
        TestBatches.fromJson(
            reference,
            StructType.fromJson(
                "{\"type\":\"struct\",\"fields\":[{\"name\":\"j\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}"),
            dir,
            Stream.concat(
                    Stream.of(docs).map(d -> "{\"j\":" + quote(d) + "}"), Stream.of("{\"j\":null}"))
                .toArray(String[]::new));
    try (strings) {
      ColumnVector j = strings.getColumnVector(0);
      List<String> expected =
          EngineRows.of(
              reference.getJsonHandler().parseJson(j, TestBatches.ALL_TYPES, Optional.empty()));
      List<String> actual =
          EngineRows.of(trino.parseJson(j, TestBatches.ALL_TYPES, Optional.empty()));
      assertThat(actual).hasSize(5).isEqualTo(expected);
      assertThat(actual.get(0)).contains("\"s\":\"{\\\"nested\\\":[1,2]}\"");
      assertThat(actual.get(4)).isEqualTo(actual.get(4).replaceAll("\":[^,}]+", "\":null"));
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void writesRowsThatReadBackAndNeverReplacesACommit() throws IOException {
    Path source = dir.resolve("source.json");
    String[] lines = {
      "{\"id\":1,\"b\":false,\"i\":5,\"d\":\"Infinity\",\"dec\":1.2500,\"s\":\"x\\ny\",\"dt\":\"1969-12-31\","
          + "\"ts\":\"1969-12-31T23:59:59.999999Z\",\"st\":{\"x\":null},\"arr\":[null,\"b\"],\"m\":{\"k\":null}}",
      "{\"id\":2}"
    };
    Files.writeString(source, String.join("\n", lines) + "\n");
    String target = "file:" + dir.resolve("00000000000000000000.json");
    List<String> original = read(trino, status(source), TestBatches.ALL_TYPES);
    try (CloseableIterator<FileReadResult> batches =
        trino.readJsonFiles(
            CloseableIterator.of(List.of(status(source))),
            TestBatches.ALL_TYPES,
            Optional.empty())) {
      ColumnarBatch batch = batches.next().getData();
      List<Row> rows = new ArrayList<>();
      batch.getRows().forEachRemaining(rows::add);
      trino.writeJsonFileAtomically(target, CloseableIterator.of(rows), false);
      assertThatThrownBy(
              () -> trino.writeJsonFileAtomically(target, CloseableIterator.of(rows), false))
          .isInstanceOf(PathAlreadyExistsException.class);
    }
    Path written = dir.resolve("00000000000000000000.json");
    assertThat(read(trino, status(written), TestBatches.ALL_TYPES)).isEqualTo(original);
    assertThat(read(reference.getJsonHandler(), status(written), TestBatches.ALL_TYPES))
        .isEqualTo(original);
    assertThat(Files.readString(written, StandardCharsets.UTF_8))
        .startsWith(
            "{\"id\":1,\"b\":false,\"i\":5,\"d\":\"Infinity\",\"dec\":1.2500,\"s\":\"x\\ny\",\"dt\":\"1969-12-31\","
                + "\"ts\":\"1969-12-31T23:59:59.999999Z\",\"st\":{},\"arr\":[null,\"b\"],\"m\":{\"k\":null}}\n");
  }

  @Test
  void badInputNamesTheFileAndLine() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"id\":1}\n\n{\"id\":\"two\"}\n");
    assertThatThrownBy(() -> read(trino, status(bad), TestBatches.ALL_TYPES))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Malformed JSON in `file:"
                + bad
                + "` at line 3: field `id` of type long cannot hold the string \"two\". The file is corrupt or was not written by a Delta writer.");
    Files.writeString(bad, "{\"id\":1}\n{\"id\":2,\n");
    assertThatThrownBy(() -> read(trino, status(bad), TestBatches.ALL_TYPES))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("Malformed JSON in `file:" + bad + "` at line 3: ");
    FileStatus missing = FileStatus.of("file:" + dir.resolve("missing.json"), 1, 0);
    assertThatThrownBy(() -> read(trino, missing, TestBatches.ALL_TYPES))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("Failed to open JSON file `" + missing.getPath() + "`: ");
  }
}
