package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.engine.ParquetHandler;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.FieldMetadata;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import io.trino.filesystem.local.LocalFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keel's Parquet reads through Trino's reader: files written by the default engine read back with
 * the same values as the default engine reads them, by name and by field id, in byte ranges, with
 * row indexes, missing columns and widened types.
 */
class TestTrinoParquetHandler {
  private static final int ROWS = 3000;

  @TempDir Path dir;
  private DefaultEngine writer;
  private ParquetHandler trino;

  @BeforeEach
  void open() {
    // small row groups, so that one file has several
    writer = DefaultEngine.builder().parquetRowGroupSize(16 * 1024).batchSize(ROWS).build();
    LocalFileSystem fs = new LocalFileSystem(Path.of("/"));
    trino =
        new TrinoParquetHandler(fs, new TrinoFileSystemClient(fs), TrinoEngine.TARGET_FILE_SIZE);
  }

  @AfterEach
  void close() {
    writer.close();
  }

  private static StructField field(String name, String type) {
    return new StructField(name, DataTypes.fromJson(type), true);
  }

  private static StructField withId(StructField f, long id) {
    return f.withMetadata(FieldMetadata.builder().put("parquet.field.id", id).build());
  }

  /** Writes one file of {@code schema} from JSON rows with the default engine. */
  private FileStatus write(String name, StructType schema, List<String> rows) throws IOException {
    String path = "file:" + dir.resolve(name);
    ColumnarBatch batch = TestBatches.fromJson(writer, schema, dir, rows.toArray(String[]::new));
    writer
        .getParquetHandler()
        .writeParquetFileAtomically(path, CloseableIterator.of(List.of(batch)));
    return FileStatus.of(path, Files.size(dir.resolve(name)), 0);
  }

  private List<String> readTrino(FileStatus file, StructType schema) throws IOException {
    return EngineRows.of(
        trino.readParquetFiles(CloseableIterator.of(List.of(file)), schema, Optional.empty()));
  }

  private List<String> readDefault(FileStatus file, StructType schema) throws IOException {
    return EngineRows.of(
        writer
            .getParquetHandler()
            .readParquetFiles(CloseableIterator.of(List.of(file)), schema, Optional.empty()));
  }

  private static final StructType NESTED =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, false),
              field("name", "\"string\""),
              field("ts", "\"timestamp\""),
              field("day", "\"date\""),
              field("price", "\"decimal(20,4)\""),
              field(
                  "st",
                  "{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
                      + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":true},\"nullable\":true,\"metadata\":{}}]}"),
              field(
                  "m",
                  "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"long\",\"valueContainsNull\":true}")));

  private static List<String> nestedRows() {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(
          i % 7 == 0
              ? "{\"id\":" + i + "}"
              : String.format(
                  "{\"id\":%d,\"name\":\"name-%d\",\"ts\":\"2024-01-%02dT10:00:00.%06dZ\",\"day\":\"2024-02-%02d\","
                      + "\"price\":%d.%04d,\"st\":{\"x\":%d,\"tags\":[\"a%d\",null]},\"m\":{\"k%d\":%d}}",
                  i, i, 1 + i % 28, i, 1 + i % 28, i, i % 10000, i, i, i, i * 10L));
    }
    return rows;
  }

  @Test
  void readsEveryTypeAsTheDefaultEngineDoes() throws IOException {
    FileStatus file = write("nested.parquet", NESTED, nestedRows());
    List<String> trinoRows = readTrino(file, NESTED);
    assertThat(trinoRows).hasSize(ROWS).isEqualTo(readDefault(file, NESTED));
    assertThat(trinoRows.get(1))
        .isEqualTo(
            "{\"day\":\"2024-02-02\",\"id\":1,\"m\":[[\"k1\",10]],\"name\":\"name-1\",\"price\":\"1.0001\","
                + "\"st\":{\"tags\":[\"a1\",null],\"x\":1},\"ts\":\"2024-01-02T10:00:00.000001Z\"}");
  }

  @Test
  void rangesTileTheFileByRowGroupMidpointAndKeepRowIndexes() throws IOException {
    FileStatus file = write("nested.parquet", NESTED, nestedRows());
    StructType schema = new StructType(List.of(NESTED.at(0), MetadataColumns.ROW_INDEX));
    long third = file.getSize() / 3;
    List<String> tiled = new ArrayList<>();
    int nonEmpty = 0;
    for (long start = 0; start < file.getSize(); start += third) {
      long length = Math.min(third, file.getSize() - start);
      List<String> part =
          EngineRows.of(trino.readParquetFileRange(file, start, length, schema, Optional.empty()));
      assertThat(part)
          .isEqualTo(
              EngineRows.of(
                  writer
                      .getParquetHandler()
                      .readParquetFileRange(file, start, length, schema, Optional.empty())));
      nonEmpty += part.isEmpty() ? 0 : 1;
      tiled.addAll(part);
    }
    assertThat(nonEmpty).as("ranges holding row groups").isGreaterThan(1);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      // canonical rows sort their keys: _metadata.row_index comes first
      expected.add("{\"" + MetadataColumns.ROW_INDEX.getName() + "\":" + i + ",\"id\":" + i + "}");
    }
    assertThat(tiled).isEqualTo(expected);
  }

  @Test
  void matchesColumnsByFieldIdAtEveryLevel() throws IOException {
    StructType written =
        new StructType(
            List.of(
                withId(field("col-1", "\"long\""), 1),
                withId(
                    field(
                        "col-2",
                        "{\"type\":\"struct\",\"fields\":[{\"name\":\"col-3\",\"type\":\"string\",\"nullable\":true,"
                            + "\"metadata\":{\"parquet.field.id\":3}}]}"),
                    2)));
    FileStatus file =
        write("ids.parquet", written, List.of("{\"col-1\":5,\"col-2\":{\"col-3\":\"x\"}}"));
    StructType renamed =
        new StructType(
            List.of(
                withId(
                    field(
                        "b",
                        "{\"type\":\"struct\",\"fields\":[{\"name\":\"c\",\"type\":\"string\",\"nullable\":true,"
                            + "\"metadata\":{\"parquet.field.id\":3}}]}"),
                    2),
                withId(field("a", "\"long\""), 1),
                withId(field("gone", "\"long\""), 9)));
    assertThat(readTrino(file, renamed))
        .containsExactly("{\"a\":5,\"b\":{\"c\":\"x\"},\"gone\":null}")
        .isEqualTo(readDefault(file, renamed));
  }

  @Test
  void widensIntegersAndDates() throws IOException {
    StructType written =
        new StructType(
            List.of(field("i", "\"integer\""), field("l", "\"long\""), field("d", "\"date\"")));
    FileStatus file =
        write(
            "narrow.parquet",
            written,
            List.of("{\"i\":-3,\"l\":1234567890123,\"d\":\"2020-02-29\"}", "{}"));
    StructType wide =
        new StructType(
            List.of(
                new StructField("i", DataTypes.DOUBLE, true),
                new StructField("l", DecimalType.of(21, 1), true),
                new StructField("d", DataTypes.TIMESTAMP_NTZ, true)));
    assertThat(readTrino(file, wide))
        .containsExactly(
            "{\"d\":\"2020-02-29T00:00:00.000000\",\"i\":-3,\"l\":\"1234567890123.0\"}",
            "{\"d\":null,\"i\":null,\"l\":null}")
        .isEqualTo(readDefault(file, wide));
  }

  @Test
  void aMissingRequiredColumnOrFileIsAClearError() throws IOException {
    FileStatus file =
        write("one.parquet", new StructType(List.of(field("a", "\"long\""))), List.of("{\"a\":1}"));
    StructType required = new StructType(List.of(new StructField("b", DataTypes.LONG, false)));
    assertThatThrownBy(() -> readTrino(file, required))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Cannot read `"
                + file.getPath()
                + "`: the non-nullable column `b` is missing from the file. The file does not match the table's schema.");
    FileStatus missing = FileStatus.of("file:" + dir.resolve("missing.parquet"), 10, 0);
    assertThatThrownBy(() -> readTrino(missing, required))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("Failed to open Parquet file `" + missing.getPath() + "`: ");
  }

  private static List<String> canonical(ColumnarBatch batch) {
    return EngineRows.of(batch);
  }

  @Test
  void writesFilesTheDefaultEngineReadsWithTheSameStatistics() throws IOException {
    List<String> json = nestedRows();
    List<dev.keel.kernel.expressions.Column> statsColumns =
        List.of(
            dev.keel.kernel.expressions.Expressions.column("id"),
            dev.keel.kernel.expressions.Expressions.column("name"),
            dev.keel.kernel.expressions.Expressions.column("ts"),
            dev.keel.kernel.expressions.Expressions.column("day"),
            dev.keel.kernel.expressions.Expressions.column("price"),
            dev.keel.kernel.expressions.Expressions.column("st", "x"));
    List<dev.keel.kernel.engine.DataFileStatus> ours = new ArrayList<>();
    try (CloseableIterator<dev.keel.kernel.engine.DataFileStatus> it =
        trino.writeParquetFiles(
            "file:" + dir.resolve("trino"),
            CloseableIterator.of(
                List.of(TestBatches.fromJson(writer, NESTED, dir, json.toArray(String[]::new)))),
            statsColumns)) {
      it.forEachRemaining(ours::add);
    }
    List<dev.keel.kernel.engine.DataFileStatus> theirs = new ArrayList<>();
    try (CloseableIterator<dev.keel.kernel.engine.DataFileStatus> it =
        writer
            .getParquetHandler()
            .writeParquetFiles(
                "file:" + dir.resolve("default"),
                CloseableIterator.of(
                    List.of(
                        TestBatches.fromJson(writer, NESTED, dir, json.toArray(String[]::new)))),
                statsColumns)) {
      it.forEachRemaining(theirs::add);
    }
    assertThat(ours).hasSize(1);
    assertThat(ours.get(0).getPath()).startsWith("file:" + dir.resolve("trino") + "/part-00000-");
    assertThat(ours.get(0).getSize())
        .isEqualTo(Files.size(Path.of(ours.get(0).getPath().substring(5))));
    assertThat(ours.get(0).getStatistics().orElseThrow().toString())
        .isEqualTo(theirs.get(0).getStatistics().orElseThrow().toString());
    FileStatus file = FileStatus.of(ours.get(0).getPath(), ours.get(0).getSize(), 0);
    assertThat(readDefault(file, NESTED))
        .isEqualTo(
            readDefault(
                FileStatus.of(theirs.get(0).getPath(), theirs.get(0).getSize(), 0), NESTED));
    assertThat(readTrino(file, NESTED)).hasSize(ROWS).isEqualTo(readDefault(file, NESTED));
  }

  @Test
  void rollsFilesAtTheTargetSizeAndKeepsFieldIds() throws IOException {
    LocalFileSystem fs = new LocalFileSystem(Path.of("/"));
    ParquetHandler small = new TrinoParquetHandler(fs, new TrinoFileSystemClient(fs), 1);
    StructType written =
        new StructType(
            List.of(
                withId(field("col-1", "\"long\""), 7), withId(field("col-2", "\"string\""), 8)));
    List<ColumnarBatch> batches = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      batches.add(
          TestBatches.fromJson(
              writer, written, dir, "{\"col-1\":" + b + ",\"col-2\":\"v" + b + "\"}"));
    }
    List<dev.keel.kernel.engine.DataFileStatus> files = new ArrayList<>();
    try (CloseableIterator<dev.keel.kernel.engine.DataFileStatus> it =
        small.writeParquetFiles(
            "file:" + dir.resolve("rolled"), CloseableIterator.of(batches), List.of())) {
      it.forEachRemaining(files::add);
    }
    assertThat(files).as("one file per batch at a 1-byte target").hasSize(3);
    StructType byId =
        new StructType(
            List.of(withId(field("b", "\"string\""), 8), withId(field("a", "\"long\""), 7)));
    List<String> rows = new ArrayList<>();
    for (dev.keel.kernel.engine.DataFileStatus f : files) {
      assertThat(f.getStatistics().orElseThrow().getNumRecords()).isEqualTo(1);
      rows.addAll(readDefault(FileStatus.of(f.getPath(), f.getSize(), 0), byId));
    }
    assertThat(rows)
        .containsExactly(
            "{\"a\":0,\"b\":\"v0\"}", "{\"a\":1,\"b\":\"v1\"}", "{\"a\":2,\"b\":\"v2\"}");
  }

  @Test
  void writesACheckpointFileOnceAndWhole() throws IOException {
    StructType schema = new StructType(List.of(field("a", "\"long\"")));
    String path = "file:" + dir.resolve("00000000000000000010.checkpoint.parquet");
    trino.writeParquetFileAtomically(
        path,
        CloseableIterator.of(
            List.of(TestBatches.fromJson(writer, schema, dir, "{\"a\":1}", "{}"))));
    FileStatus file =
        FileStatus.of(path, Files.size(dir.resolve("00000000000000000010.checkpoint.parquet")), 0);
    assertThat(readDefault(file, schema)).containsExactly("{\"a\":1}", "{\"a\":null}");
    assertThatThrownBy(
            () ->
                trino.writeParquetFileAtomically(
                    path,
                    CloseableIterator.of(
                        List.of(TestBatches.fromJson(writer, schema, dir, "{\"a\":2}")))))
        .isInstanceOf(dev.keel.kernel.exceptions.PathAlreadyExistsException.class);
    assertThat(readDefault(file, schema)).containsExactly("{\"a\":1}", "{\"a\":null}");
  }
}
