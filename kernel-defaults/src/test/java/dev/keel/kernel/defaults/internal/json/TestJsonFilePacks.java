package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.Utf8Vector;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small JSON files read in one call share vectors; each file still gets its own rows. */
class TestJsonFilePacks {
  private static final StructType SCHEMA =
      StructType.fromJson(
          "{\"type\":\"struct\",\"fields\":["
              + "{\"name\":\"i\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"str\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"st\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"string\",\"valueContainsNull\":true},\"nullable\":true,\"metadata\":{}}"
              + "]}");

  @TempDir Path dir;
  private DefaultEngine engine;

  @AfterEach
  void closeAndCheckLeaks() {
    if (engine != null) {
      engine.close(); // throws if a batch was left open
    }
  }

  private FileStatus write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return FileStatus.of(p.toString(), Files.size(p), 0);
  }

  /**
   * Five small files: values of every kind, a file of unwanted lines only, an empty one, a blank
   * line.
   */
  private List<FileStatus> smallFiles() throws Exception {
    List<FileStatus> files = new ArrayList<>();
    files.add(
        write(
            "0.json",
            "{\"i\":1,\"str\":\"one\",\"st\":{\"x\":10},\"m\":{\"a\":\"1\"}}\n"
                + "{\"other\":true}\n"
                + "{\"i\":2,\"str\":\"two\",\"m\":{\"b\":null}}\n"));
    files.add(write("1.json", "{\"other\":1}\n{\"other\":2}\n"));
    files.add(write("2.json", ""));
    files.add(
        write(
            "3.json",
            "{\"str\":\"three\",\"st\":null}\n\n{\"i\":4}\n{\"i\":5,\"str\":\"f\\u00fcnf\"}\n"
                + "{\"i\":6,\"m\":{}}\n"));
    files.add(write("4.json", "{\"st\":{\"x\":7},\"str\":\"seven\"}\n"));
    return files;
  }

  /** Each result as its path and rows, in the order they come. */
  private List<String> read(List<FileStatus> files) throws Exception {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(CloseableIterator.of(files), SCHEMA, Optional.empty())) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          String name = Path.of(r.getFilePath()).getFileName().toString();
          for (String row : TestBatches.toJson(engine, r.getData(), dir)) {
            out.add(name + " " + row);
          }
        }
      }
    }
    return out;
  }

  /** The same files, each read by a call of its own (never packed). */
  private List<String> readOneByOne(List<FileStatus> files) throws Exception {
    List<String> out = new ArrayList<>();
    for (FileStatus f : files) {
      out.addAll(read(List.of(f)));
    }
    return out;
  }

  @Test
  void eachFileGetsItsOwnRowsInOrderWhateverTheBatchSize() throws Exception {
    List<FileStatus> files = smallFiles();
    for (int batchSize : new int[] {1, 2, 3, 4, 4096}) {
      engine = DefaultEngine.builder().batchSize(batchSize).build();
      assertThat(read(files)).as("batch size %d", batchSize).isEqualTo(readOneByOne(files));
      engine.close();
      engine = null;
    }
    engine = DefaultEngine.create();
    assertThat(read(files))
        .containsExactly(
            "0.json {\"i\":1,\"str\":\"one\",\"st\":{\"x\":10},\"m\":{\"a\":\"1\"}}",
            "0.json {}",
            "0.json {\"i\":2,\"str\":\"two\",\"m\":{\"b\":null}}",
            "1.json {}",
            "1.json {}",
            "3.json {\"str\":\"three\"}", // a blank line is no row
            "3.json {\"i\":4}",
            "3.json {\"i\":5,\"str\":\"fünf\"}",
            "3.json {\"i\":6,\"m\":{}}",
            "4.json {\"str\":\"seven\",\"st\":{\"x\":7}}");
  }

  @Test
  void aFilesBatchStaysReadableWhileTheOthersAreClosedInAnyOrder() throws Exception {
    engine = DefaultEngine.create();
    List<FileStatus> files = smallFiles();
    List<FileReadResult> results = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(CloseableIterator.of(files), SCHEMA, Optional.empty())) {
      it.forEachRemaining(results::add);
    }
    assertThat(results)
        .extracting(r -> Path.of(r.getFilePath()).getFileName().toString())
        .containsExactly("0.json", "1.json", "3.json", "4.json");
    results.get(0).close();
    results.get(3).close();
    results.get(1).close();
    ColumnVector str = results.get(2).getData().getColumnVector(1);
    assertThat(str.getSize()).isEqualTo(4);
    assertThat(str).isInstanceOf(Utf8Vector.class);
    byte[] utf8 = new byte[((Utf8Vector) str).utf8Length(2)];
    ((Utf8Vector) str).copyUtf8(2, utf8);
    assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo("fünf");
    assertThat(str.getString(0)).isEqualTo("three");
    assertThat(results.get(2).getData().getColumnVector(0).getInt(3)).isEqualTo(6);
    results.get(2).close();
    results.get(2).close(); // a second close does not release the shared vectors twice
    // the engine's close after the test fails on any vector left open
  }

  @Test
  void aMalformedFileEndsThePackAfterTheRowsOfTheFilesBeforeIt() throws Exception {
    engine = DefaultEngine.create();
    FileStatus good = write("good.json", "{\"i\":1}\n{\"i\":2}\n");
    FileStatus bad = write("bad.json", "{\"i\":3}\n{\"i\": oops}\n");
    FileStatus after = write("after.json", "{\"i\":4}\n");
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(
                CloseableIterator.of(List.of(good, bad, after)), SCHEMA, Optional.empty())) {
      assertThat(it.hasNext()).isTrue();
      try (FileReadResult r = it.next()) {
        assertThat(r.getFilePath()).isEqualTo(good.getPath());
        assertThat(TestBatches.toJson(engine, r.getData(), dir))
            .containsExactly("{\"i\":1}", "{\"i\":2}");
      }
      assertThatThrownBy(it::hasNext)
          .isInstanceOf(MalformedDataException.class)
          .hasMessage(
              "Malformed JSON in `"
                  + bad.getPath()
                  + "` at line 2: Unrecognized token 'oops': was expecting "
                  + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false'). "
                  + "The file is corrupt or was not written by a Delta writer.");
    }
  }

  @Test
  void closingEarlyClosesTheBatchesNotHandedOut() throws Exception {
    engine = DefaultEngine.create();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(CloseableIterator.of(smallFiles()), SCHEMA, Optional.empty())) {
      it.next().close();
      assertThat(it.hasNext()).isTrue();
    }
    // the engine's close after the test fails on any vector left open
  }

  @Test
  void aLargeFileBetweenSmallOnesIsReadOnItsOwnInItsPlace() throws Exception {
    engine = DefaultEngine.builder().batchSize(100).build();
    StringBuilder large = new StringBuilder();
    int lines = 0;
    for (; large.length() <= DefaultJsonHandler.SMALL_FILE_BYTES; lines++) {
      int i = lines;
      large.append("{\"i\":").append(i).append(",\"str\":\"row ").append(i).append("\"}\n");
    }
    List<FileStatus> files = new ArrayList<>(smallFiles());
    files.add(2, write("large.json", large.toString()));
    List<String> rows = read(files);
    assertThat(rows).isEqualTo(readOneByOne(files));
    assertThat(rows).filteredOn(r -> r.startsWith("large.json ")).hasSize(lines);
    List<FileStatus> reversed = new ArrayList<>(files);
    Collections.reverse(reversed);
    assertThat(read(reversed)).isEqualTo(readOneByOne(reversed));
  }
}
