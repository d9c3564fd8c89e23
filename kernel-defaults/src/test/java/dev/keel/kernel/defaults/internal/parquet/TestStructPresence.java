package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.types.StructType;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose pages are written by hand, so that the two columns of a struct can say different
 * things about where it is null: no writer produces such a file, but damage can.
 */
class TestStructPresence {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message m { optional group s { optional int32 a; optional int32 b; } }");
  private static final StructType SCHEMA_READ =
      StructType.fromJson(
          "{\"type\":\"struct\",\"fields\":[{\"name\":\"s\",\"type\":{\"type\":\"struct\",\"fields\":["
              + "{\"name\":\"a\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
              + "{\"name\":\"b\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]},"
              + "\"nullable\":true,\"metadata\":{}}]}");

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

  /**
   * One v1 page of a column of {@link #SCHEMA} (definition levels only, maximum 2), its values
   * those of the rows at level 2.
   */
  private static byte[] page(int[] levels, int[] values) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RunLengthBitPackingHybridEncoder enc =
        new RunLengthBitPackingHybridEncoder(2, 64, 1024, HeapByteBufferAllocator.getInstance())) {
      for (int level : levels) {
        enc.writeInt(level);
      }
      byte[] l = enc.toBytes().toByteArray();
      BytesUtils.writeIntLittleEndian(out, l.length);
      out.write(l);
    }
    for (int v : values) {
      BytesUtils.writeIntLittleEndian(out, v);
    }
    return out.toByteArray();
  }

  /** Writes one row group of {@code rows} rows whose column {@code s.a} and {@code s.b} pages. */
  private Path write(int rows, byte[] a, byte[] b) throws Exception {
    Path file = dir.resolve("f" + System.nanoTime() + ".parquet");
    ParquetFileWriter w =
        new ParquetFileWriter(
            new LocalOutputFile(file), SCHEMA, ParquetFileWriter.Mode.CREATE, 1 << 20, 0);
    w.start();
    w.startBlock(rows);
    List<ColumnDescriptor> columns = SCHEMA.getColumns();
    byte[][] pages = {a, b};
    for (int c = 0; c < 2; c++) {
      w.startColumn(columns.get(c), rows, CompressionCodecName.UNCOMPRESSED);
      w.writeDataPage(
          rows,
          pages[c].length,
          BytesInput.from(pages[c]),
          Encoding.RLE,
          Encoding.RLE,
          Encoding.PLAIN);
      w.endColumn();
    }
    w.endBlock();
    w.end(Map.of());
    return file;
  }

  @Test
  void marksAcrossWordsAreCompared() {
    try (RootAllocator root = new RootAllocator();
        StructVector struct = StructVector.empty("s", root)) {
      struct.allocateNew();
      int n = 200;
      // The claimer says rows 60..69 and 128..199 hold the struct.
      StructPresence.Marks claimer = new StructPresence.Marks();
      claimer.start(new StructVector[] {struct}, new int[] {1}, new boolean[] {true}, n);
      claimer.run(60, 10, 1);
      int[] levels = new int[72];
      java.util.Arrays.fill(levels, 1);
      claimer.rows(128, 72, levels);

      // Another column says the same, by a run across a word's end and levels one by one.
      StructPresence.Marks same = new StructPresence.Marks();
      same.start(new StructVector[] {struct}, new int[] {1}, new boolean[] {false}, n);
      int[] mixed = new int[140];
      java.util.Arrays.fill(mixed, 60 - 60, 70 - 60, 1);
      java.util.Arrays.fill(mixed, 128 - 60, 200 - 60, 1);
      same.rows(60, 140, mixed);
      StructPresence agree = new StructPresence();
      agree.add(same, new String[] {"s"}, new String[] {"s.a"}, "s.b");
      agree.check(n);

      // A third says row 199 holds none.
      StructPresence.Marks other = new StructPresence.Marks();
      other.start(new StructVector[] {struct}, new int[] {1}, new boolean[] {false}, n);
      other.run(60, 10, 1);
      other.run(128, 71, 1);
      StructPresence disagree = new StructPresence();
      disagree.add(other, new String[] {"s"}, new String[] {"s.a"}, "s.c");
      assertThatThrownBy(() -> disagree.check(n))
          .isInstanceOf(ParquetDecodingException.class)
          .hasMessage(
              "the columns of struct s disagree on where it is null: in row 199 of the batch,"
                  + " column s.a says it is present and column s.c that it is null");
    }
  }

  @Test
  void columnsThatAgreeAreRead() throws Exception {
    // Rows: {a=1, b=null}, null, {a=null, b=2}
    Path file =
        write(
            3, page(new int[] {2, 0, 1}, new int[] {1}), page(new int[] {1, 0, 2}, new int[] {2}));
    List<Object> rows = ParquetOracle.keelRows(engine, file, SCHEMA_READ);
    assertThat(rows)
        .isEqualTo(
            java.util.Arrays.asList(
                List.of(java.util.Arrays.asList(1L, null)),
                java.util.Collections.singletonList(null),
                List.of(java.util.Arrays.asList(null, 2L))));
    assertThat(rows).isEqualTo(ParquetOracle.hadoopRows(file, SCHEMA_READ));
  }

  @Test
  void columnsThatDisagreeAreRefused() throws Exception {
    // s.a says the second row's struct is null; s.b says it is present with b=20.
    Path file =
        write(2, page(new int[] {2, 0}, new int[] {1}), page(new int[] {2, 2}, new int[] {10, 20}));
    assertThatThrownBy(() -> ParquetOracle.keelRows(engine, file, SCHEMA_READ))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Cannot read Parquet file `file:"
                + file.toAbsolutePath()
                + "`: the columns of struct s disagree on where it is null: in row 1 of the batch,"
                + " column s.b says it is present and column s.a that it is null.");
  }
}
