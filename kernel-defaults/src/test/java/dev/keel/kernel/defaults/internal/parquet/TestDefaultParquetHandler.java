package dev.keel.kernel.defaults.internal.parquet;

import static dev.keel.kernel.expressions.Expressions.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.DataFileStatistics;
import dev.keel.kernel.engine.DataFileStatus;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.FieldMetadata;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDefaultParquetHandler {
  private static final StructType ALL =
      StructType.fromJson(
          "{\"type\":\"struct\",\"fields\":["
              + "{\"name\":\"b\",\"type\":\"boolean\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"y\",\"type\":\"byte\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"s\",\"type\":\"short\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"i\",\"type\":\"integer\",\"nullable\":false,\"metadata\":{}},"
              + "{\"name\":\"l\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"f\",\"type\":\"float\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"d\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"d9\",\"type\":\"decimal(9,2)\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"d18\",\"type\":\"decimal(18,3)\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"d38\",\"type\":\"decimal(38,10)\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"str\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"dt\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"ts\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"ntz\",\"type\":\"timestamp_ntz\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"st\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"arr\",\"type\":{\"type\":\"array\",\"elementType\":{\"type\":\"struct\",\"fields\":[{\"name\":\"z\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]},\"containsNull\":true},\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"arr\",\"type\":{\"type\":\"array\",\"elementType\":\"integer\",\"containsNull\":true},\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"double\",\"valueContainsNull\":true},\"valueContainsNull\":true},\"nullable\":true,\"metadata\":{}}"
              + "]}");

  private static final String[] ROWS = {
    "{\"b\":true,\"y\":-128,\"s\":-32768,\"i\":1,\"l\":-9223372036854775808,\"f\":1.5,\"d\":\"NaN\",\"d9\":-1234567.89,"
        + "\"d18\":123456789012345.678,\"d38\":-1234567890123456789012345678.0123456789,\"str\":\"zé\",\"dt\":\"0001-01-01\","
        + "\"ts\":\"1969-12-31T23:59:59.999999Z\",\"ntz\":\"2000-02-29 12:34:56.789012\",\"st\":{\"x\":5,\"arr\":[{\"z\":\"q\"},null,{}]},"
        + "\"arr\":[1,null,3],\"m\":{\"k\":{\"n\":1.25,\"o\":null},\"e\":{},\"z\":null}}",
    "{\"i\":2}",
    "{\"b\":false,\"y\":127,\"s\":32767,\"i\":3,\"l\":9223372036854775807,\"f\":\"-Infinity\",\"d\":-0.0,\"d9\":0.01,"
        + "\"d18\":-0.001,\"d38\":99999999999999999999999999.9999999999,\"str\":\"a\",\"dt\":\"9999-12-31\","
        + "\"ts\":\"2024-01-02T03:04:05.000001Z\",\"ntz\":\"1900-01-01 00:00:00\",\"st\":{},\"arr\":[],\"m\":{}}"
  };

  @TempDir Path dir;
  private DefaultEngine engine;

  @BeforeEach
  void open() {
    engine = DefaultEngine.builder().batchSize(1000).parquetRowGroupSize(1).build();
  }

  @AfterEach
  void closeAndCheckLeaks() {
    engine.close();
  }

  private List<DataFileStatus> write(StructType schema, List<Column> stats, String... rows)
      throws Exception {
    List<DataFileStatus> out = new ArrayList<>();
    List<ColumnarBatch> batches = TestBatches.batchesFromJson(engine, schema, dir, rows);
    try (CloseableIterator<DataFileStatus> it =
        engine
            .getParquetHandler()
            .writeParquetFiles(
                "file:" + dir.resolve("data"), CloseableIterator.of(batches), stats)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  private List<String> read(String path, StructType schema, Optional<Predicate> predicate)
      throws Exception {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getParquetHandler()
            .readParquetFiles(
                CloseableIterator.of(List.of(FileStatus.of(path, 0, 0))), schema, predicate)) {
      while (it.hasNext()) {
        try (FileReadResult r = it.next()) {
          out.addAll(TestBatches.toJson(engine, r.getData(), dir));
        }
      }
    }
    return out;
  }

  @Test
  void roundTripsEveryTypeWithStatistics() throws Exception {
    List<Column> statsColumns =
        List.of(
            column("i"),
            column("l"),
            column("d"),
            column("d38"),
            column("str"),
            column("ts"),
            column("st", "x"),
            column("b"));
    List<DataFileStatus> files = write(ALL, statsColumns, ROWS);
    assertThat(files).hasSize(1);
    DataFileStatus file = files.get(0);
    assertThat(file.getPath())
        .startsWith("file:" + dir.resolve("data") + "/part-00000-")
        .endsWith(".c000.snappy.parquet");
    assertThat(file.getSize())
        .isEqualTo(
            Files.size(
                dir.resolve("data").resolve(Path.of(file.getPath().substring(5)).getFileName())));

    List<String> expected = new ArrayList<>();
    try (ColumnarBatch original = TestBatches.fromJson(engine, ALL, dir, ROWS)) {
      expected.addAll(TestBatches.toJson(engine, original, dir));
    }
    assertThat(read(file.getPath(), ALL, Optional.empty())).containsExactlyElementsOf(expected);

    DataFileStatistics stats = file.getStatistics().orElseThrow();
    assertThat(stats.getNumRecords()).isEqualTo(3);
    assertThat(stats.getMinValues())
        .containsEntry(column("i"), Literal.ofInt(1))
        .containsEntry(column("l"), Literal.ofLong(Long.MIN_VALUE))
        .containsEntry(column("d"), Literal.ofDouble(-0.0)) // NaN left out of the bounds
        .containsEntry(
            column("d38"),
            Literal.ofDecimal(new BigDecimal("-1234567890123456789012345678.0123456789"), 38, 10))
        .containsEntry(column("str"), Literal.ofString("a"))
        .containsEntry(column("ts"), Literal.ofTimestamp(-1L))
        .containsEntry(column("st", "x"), Literal.ofLong(5))
        .doesNotContainKey(column("b"));
    assertThat(stats.getMaxValues())
        .containsEntry(column("i"), Literal.ofInt(3))
        .containsEntry(column("str"), Literal.ofString("zé"))
        .containsEntry(column("ts"), Literal.ofTimestamp(1704164645000001L));
    assertThat(stats.getNullCounts())
        .containsEntry(column("i"), 0L)
        .containsEntry(column("l"), 1L)
        .containsEntry(column("st", "x"), 2L)
        .containsEntry(column("b"), 1L);
  }

  @Test
  void projectsColumnsReadsMissingNullableColumnsAsNullAndReportsRowIndexes() throws Exception {
    StructType schema = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
    String[] rows = new String[3000];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = "{\"id\":" + r + "}";
    }
    String path = write(schema, List.of(), rows).get(0).getPath();
    StructType requested =
        new StructType(
            List.of(
                MetadataColumns.ROW_INDEX,
                new StructField("missing", DataTypes.STRING, true),
                new StructField("ID", DataTypes.LONG, true)));
    List<String> out = read(path, requested, Optional.empty());
    assertThat(out).hasSize(3000);
    for (int r = 0; r < 3000; r++) {
      assertThat(out.get(r)).isEqualTo("{\"_metadata.row_index\":" + r + ",\"ID\":" + r + "}");
    }
  }

  @Test
  void skipsRowGroupsThePredicateRefutesButKeepsRowIndexesOfTheFile() throws Exception {
    StructType schema = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));
    String[] rows = new String[30_000];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = "{\"id\":" + r + "}";
    }
    String path = write(schema, List.of(), rows).get(0).getPath();
    StructType requested = schema.add(MetadataColumns.ROW_INDEX);
    Predicate p = Expressions.greaterThanOrEqual(column("id"), Literal.ofLong(25_000));
    List<String> out = read(path, requested, Optional.of(p));
    assertThat(out.size())
        .as("whole row groups skipped")
        .isLessThan(30_000)
        .isGreaterThanOrEqualTo(5_000);
    assertThat(out)
        .contains(
            "{\"id\":25000,\"_metadata.row_index\":25000}",
            "{\"id\":29999,\"_metadata.row_index\":29999}");
    for (String row : out) {
      long id = Long.parseLong(row.substring(6, row.indexOf(',')));
      assertThat(row).isEqualTo("{\"id\":" + id + ",\"_metadata.row_index\":" + id + "}");
    }
    // A predicate the reader cannot translate skips nothing.
    assertThat(
            read(
                path,
                requested,
                Optional.of(Expressions.startsWith(column("x"), Literal.ofString("a")))))
        .hasSize(30_000);
  }

  @Test
  void matchesColumnsByFieldIdBeforeName() throws Exception {
    FieldMetadata id1 = FieldMetadata.builder().put("parquet.field.id", 1L).build();
    FieldMetadata id2 = FieldMetadata.builder().put("parquet.field.id", 2L).build();
    StructType written =
        new StructType(
            List.of(
                new StructField("col-a", DataTypes.LONG, true, id1),
                new StructField("col-b", DataTypes.STRING, true, id2)));
    String path = write(written, List.of(), "{\"col-a\":1,\"col-b\":\"x\"}").get(0).getPath();
    // Renamed logical columns find their data by id; the name "col-b" would match the other column.
    StructType renamed =
        new StructType(
            List.of(
                new StructField("col-b", DataTypes.LONG, true, id1),
                new StructField("renamed", DataTypes.STRING, true, id2)));
    assertThat(read(path, renamed, Optional.empty()))
        .containsExactly("{\"col-b\":1,\"renamed\":\"x\"}");
  }

  @Test
  void failsClearlyOnMissingRequiredColumnsAndImpossibleConversions() throws Exception {
    StructType schema = new StructType(List.of(new StructField("s", DataTypes.STRING, true)));
    String path = write(schema, List.of(), "{\"s\":\"x\"}").get(0).getPath();
    assertThatThrownBy(
            () ->
                read(
                    path,
                    new StructType(List.of(new StructField("n", DataTypes.LONG, false))),
                    Optional.empty()))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Cannot read `"
                + path
                + "`: the non-nullable column `n` is missing from the file. "
                + "The file does not match the table's schema.");
    assertThatThrownBy(
            () ->
                read(
                    path,
                    new StructType(List.of(new StructField("s", DataTypes.LONG, true))),
                    Optional.empty()))
        .isInstanceOf(UnsupportedTypeException.class)
        .hasMessage(
            "Cannot read column `s` of `"
                + path
                + "`: its Parquet type BINARY (STRING) cannot be read as long. "
                + "The table's schema and the file disagree.");
    assertThatThrownBy(
            () -> read("file:" + dir.resolve("absent.parquet"), schema, Optional.empty()))
        .hasMessageStartingWith(
            "Failed to open Parquet file `file:" + dir.resolve("absent.parquet") + "`: ");
  }

  @Test
  void writesSingleFilesAtomicallyOnce() throws Exception {
    StructType schema = new StructType(List.of(new StructField("v", DataTypes.INTEGER, true)));
    String target = "file:" + dir.resolve("00000000000000000010.checkpoint.parquet");
    engine
        .getParquetHandler()
        .writeParquetFileAtomically(
            target,
            CloseableIterator.of(
                List.of(TestBatches.fromJson(engine, schema, dir, "{\"v\":1}", "{\"v\":2}"))));
    assertThat(read(target, schema, Optional.empty())).containsExactly("{\"v\":1}", "{\"v\":2}");
    assertThatThrownBy(
            () ->
                engine
                    .getParquetHandler()
                    .writeParquetFileAtomically(
                        target,
                        CloseableIterator.of(
                            List.of(TestBatches.fromJson(engine, schema, dir, "{\"v\":3}")))))
        .isInstanceOf(PathAlreadyExistsException.class);
    assertThat(read(target, schema, Optional.empty())).containsExactly("{\"v\":1}", "{\"v\":2}");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void mostlyDistinctColumnsAreWrittenWithoutADictionaryAndRepeatedOnesWithOne() throws Exception {
    StructType schema =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"city\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}");
    String[] rows = new String[2000];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < rows.length; i++) {
      rows[i] = "{\"id\":" + random.nextLong() + ",\"city\":\"city " + (i % 5) + "\"}";
    }
    List<DataFileStatus> files = write(schema, List.of(), rows);
    var chunks = firstRowGroup(files.get(0));
    assertThat(chunks.get(0).getPath().toDotString()).isEqualTo("id");
    assertThat(chunks.get(0).hasDictionaryPage()).as("random longs are written plain").isFalse();
    assertThat(chunks.get(1).hasDictionaryPage()).as("five cities: a dictionary").isTrue();
    assertThat(read(files.get(0).getPath(), schema, Optional.empty())).containsExactly(rows);
  }

  @Test
  void stringsWrittenFromTheirUtf8BytesKeepEveryValueAndDictionaryEntry() throws Exception {
    StructType schema =
        StructType.fromJson(
            "{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"city\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"note\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}");
    String[] rows = new String[1500];
    for (int i = 0; i < rows.length; i++) {
      // repeated cities of different lengths (a dictionary), distinct notes longer than the
      // writer's first buffer, multi-byte characters in both
      String city = "ciudad-" + "ñ".repeat(i % 7);
      String note = i % 11 == 0 ? null : "nota " + i + " " + "é".repeat(100 + i % 400);
      rows[i] =
          "{\"city\":\"" + city + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}";
    }
    List<DataFileStatus> files = write(schema, List.of(column("city"), column("note")), rows);
    var chunks = firstRowGroup(files.get(0));
    assertThat(chunks.get(0).hasDictionaryPage()).as("seven cities: a dictionary").isTrue();
    var footer = chunks.get(0).getStatistics();
    assertThat(((org.apache.parquet.io.api.Binary) footer.genericGetMin()).toStringUsingUTF8())
        .isEqualTo("ciudad-");
    assertThat(((org.apache.parquet.io.api.Binary) footer.genericGetMax()).toStringUsingUTF8())
        .isEqualTo("ciudad-" + "ñ".repeat(6));
    assertThat(read(files.get(0).getPath(), schema, Optional.empty())).containsExactly(rows);
    DataFileStatistics stats = files.get(0).getStatistics().orElseThrow();
    assertThat(stats.getMinValues().get(column("city")).getValue()).contains("ciudad-");
    assertThat(stats.getMaxValues().get(column("city")).getValue())
        .contains("ciudad-" + "ñ".repeat(6));
  }

  @Test
  void aSampleDecidesOnlyForWideTypesAndLargeEnoughSamples() {
    Object[] distinct = java.util.stream.LongStream.range(0, 500).boxed().toArray();
    Object[] repeated =
        java.util.stream.LongStream.range(0, 500).map(i -> i % 10).boxed().toArray();
    dev.keel.kernel.types.DataType longs = dev.keel.kernel.types.DataTypes.LONG;
    assertThat(DictionarySample.mostlyDistinct(vector(longs, distinct), longs, 500)).isTrue();
    assertThat(DictionarySample.mostlyDistinct(vector(longs, repeated), longs, 500)).isFalse();
    assertThat(DictionarySample.mostlyDistinct(vector(longs, distinct), longs, 100))
        .as("too few values to tell")
        .isFalse();
    Object[] ints = java.util.stream.IntStream.range(0, 500).boxed().toArray();
    dev.keel.kernel.types.DataType integers = dev.keel.kernel.types.DataTypes.INTEGER;
    assertThat(DictionarySample.mostlyDistinct(vector(integers, ints), integers, 500))
        .as("ints are left to parquet-mr")
        .isFalse();
  }

  @Test
  void aSampleCountsDistinctStringsDoublesAndBinariesUpToHalf() {
    dev.keel.kernel.types.DataType strings = dev.keel.kernel.types.DataTypes.STRING;
    dev.keel.kernel.types.DataType doubles = dev.keel.kernel.types.DataTypes.DOUBLE;
    dev.keel.kernel.types.DataType binaries = dev.keel.kernel.types.DataTypes.BINARY;
    for (int kinds : new int[] {250, 251}) {
      boolean expected = kinds > 250; // more than half of 500 sampled values distinct
      Object[] s = new Object[500];
      Object[] d = new Object[500];
      Object[] b = new Object[500];
      for (int i = 0; i < 500; i++) {
        int k = i % kinds;
        s[i] = "ünïcode-" + k + "-" + "x".repeat(300); // longer than the first buffer
        d[i] = k / 3.0;
        b[i] = ("b" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      dev.keel.kernel.data.ColumnVector plain = vector(strings, s);
      assertThat(DictionarySample.mostlyDistinct(plain, strings, 500)).isEqualTo(expected);
      assertThat(DictionarySample.mostlyDistinct(new Utf8Of(plain), strings, 500))
          .as("through the UTF-8 bytes")
          .isEqualTo(expected);
      assertThat(DictionarySample.mostlyDistinct(vector(doubles, d), doubles, 500))
          .isEqualTo(expected);
      assertThat(DictionarySample.mostlyDistinct(vector(binaries, b), binaries, 500))
          .isEqualTo(expected);
    }
    Object[] withNulls = new Object[2000];
    for (int i = 0; i < 2000; i += 2) {
      withNulls[i] = "v" + i; // 1,000 distinct values among 1,000 nulls
    }
    assertThat(DictionarySample.mostlyDistinct(vector(strings, withNulls), strings, 2000))
        .as("nulls are not sampled")
        .isTrue();
  }

  /** A hand-written string vector that also hands out UTF-8 bytes, over another vector. */
  private static final class Utf8Of extends dev.keel.kernel.internal.data.DelegatingVector
      implements dev.keel.kernel.data.Utf8Vector {
    Utf8Of(dev.keel.kernel.data.ColumnVector base) {
      super(base);
    }

    @Override
    public int utf8Length(int rowId) {
      return getString(rowId).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Override
    public void copyUtf8(int rowId, byte[] dst) {
      byte[] bytes = getString(rowId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      System.arraycopy(bytes, 0, dst, 0, bytes.length);
    }
  }

  /** The column chunks of a written file's first row group, from its footer. */
  private static List<org.apache.parquet.hadoop.metadata.ColumnChunkMetaData> firstRowGroup(
      DataFileStatus file) throws Exception {
    String path = file.getPath().replaceFirst("^file:", "");
    try (org.apache.parquet.hadoop.ParquetFileReader reader =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            new org.apache.parquet.io.LocalInputFile(java.nio.file.Paths.get(path)))) {
      return reader.getFooter().getBlocks().get(0).getColumns();
    }
  }

  private static dev.keel.kernel.data.ColumnVector vector(
      dev.keel.kernel.types.DataType type, Object[] values) {
    return new dev.keel.kernel.internal.data.ObjectVector(type, values);
  }
}
