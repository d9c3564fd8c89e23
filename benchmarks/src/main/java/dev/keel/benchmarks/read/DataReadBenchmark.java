package dev.keel.benchmarks.read;

import dev.keel.benchmarks.GeneratedTables;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.data.ObjectVector;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading data: full and projected (3 of 20 columns) scans of a 10,000,000-row table of 20
 * mixed-type columns written by Keel, through Keel's default engine and the reference kernel's.
 * Scores are rows per second (each invocation reads every row and sums {@code id}, so nothing is
 * left undecoded). The table is generated once under {@code java.io.tmpdir/keel-bench/data-10m}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(DataReadBenchmark.ROWS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class DataReadBenchmark {
  static final int ROWS = 10_000_000;
  private static final int CHUNK = 100_000;
  static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, false),
              new StructField("i", DataTypes.INTEGER, true),
              new StructField("sh", DataTypes.SHORT, true),
              new StructField("b", DataTypes.BYTE, true),
              new StructField("f", DataTypes.FLOAT, true),
              new StructField("d", DataTypes.DOUBLE, true),
              new StructField("dec", dev.keel.kernel.types.DecimalType.of(18, 2), true),
              new StructField("flag", DataTypes.BOOLEAN, true),
              new StructField("name", DataTypes.STRING, true),
              new StructField("city", DataTypes.STRING, true),
              new StructField("dt", DataTypes.DATE, true),
              new StructField("ts", DataTypes.TIMESTAMP, true),
              new StructField("l2", DataTypes.LONG, true),
              new StructField("d2", DataTypes.DOUBLE, true),
              new StructField("i2", DataTypes.INTEGER, true),
              new StructField("code", DataTypes.STRING, true),
              new StructField("amount", dev.keel.kernel.types.DecimalType.of(10, 2), true),
              new StructField("tag", DataTypes.STRING, true),
              new StructField("n", DataTypes.LONG, true),
              new StructField("score", DataTypes.FLOAT, true)));
  private static final StructType PROJECTED =
      new StructType(List.of(SCHEMA.at(0), SCHEMA.at(5), SCHEMA.at(8)));
  private static final String[] CITIES = {
    "Paris", "Lyon", "Berlin", "Madrid", "Rome", "Oslo", "Lima", "Kyoto"
  };

  private String table;
  private DefaultEngine keel;
  private io.delta.kernel.engine.Engine reference;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    keel = DefaultEngine.create();
    reference = io.delta.kernel.defaults.engine.DefaultEngine.create(new Configuration());
    table = generate(keel).toString();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    keel.close();
  }

  static String row(long id) {
    StringBuilder sb = new StringBuilder(300);
    sb.append("{\"id\":")
        .append(id)
        .append(",\"i\":")
        .append((int) (id * 31 % 1_000_000))
        .append(",\"sh\":")
        .append((short) (id % 30_000))
        .append(",\"b\":")
        .append((byte) (id % 100))
        .append(",\"f\":")
        .append((id % 1000) / 8.0f)
        .append(",\"d\":")
        .append(id * 0.25)
        .append(",\"dec\":")
        .append(id % 100_000)
        .append('.')
        .append(id % 100 < 10 ? "0" : "")
        .append(id % 100)
        .append(",\"flag\":")
        .append(id % 3 == 0)
        .append(",\"name\":\"name-")
        .append(id % 50_000)
        .append('"')
        .append(",\"city\":\"")
        .append(CITIES[(int) (id % CITIES.length)])
        .append('"')
        .append(",\"dt\":\"2024-0")
        .append(1 + id % 9)
        .append("-1")
        .append(id % 10)
        .append('"')
        .append(",\"ts\":\"2024-05-0")
        .append(1 + id % 9)
        .append("T1")
        .append(id % 10)
        .append(":00:00.000000Z\"")
        .append(",\"l2\":")
        .append(id ^ 0x5555)
        .append(",\"d2\":")
        .append((id % 977) * 1.5)
        .append(",\"i2\":")
        .append((int) (id % 7))
        .append(",\"code\":\"C")
        .append(Long.toHexString(id * 2654435761L))
        .append('"')
        .append(",\"amount\":")
        .append(id % 10_000)
        .append(".5")
        .append(",\"tag\":\"")
        .append(id % 2 == 0 ? "even" : "odd")
        .append('"')
        .append(id % 10 == 0 ? "" : ",\"n\":" + id)
        .append(",\"score\":")
        .append((id % 100) / 4.0f)
        .append('}');
    return sb.toString();
  }

  /**
   * Writes the table once with Keel (batches parsed from JSON by the engine), marked complete by
   * {@code _generated}.
   */
  static Path generate(DefaultEngine engine) throws IOException {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench", "data-10m");
    if (Files.exists(dir.resolve("_generated"))) {
      return dir;
    }
    GeneratedTables.deleteRecursively(dir);
    Transaction t =
        Table.forPath(engine, dir.toString())
            .createTransactionBuilder("keel-bench", Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .build(engine);
    CloseableIterator<ColumnarBatch> batches = batches(engine, ROWS);
    t.write(engine, Map.of(), batches);
    t.commit(engine);
    Files.writeString(dir.resolve("_generated"), "ok\n");
    return dir;
  }

  /** The first {@code rows} rows of {@link #row}, parsed by the engine in batches of 100,000. */
  static CloseableIterator<ColumnarBatch> batches(DefaultEngine engine, long rows) {
    return new CloseableIterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < rows;
      }

      @Override
      public ColumnarBatch next() {
        List<Object> lines = new ArrayList<>(CHUNK);
        for (int k = 0; k < CHUNK && next < rows; k++) {
          lines.add(row(next++));
        }
        return engine
            .getJsonHandler()
            .parseJson(
                new ObjectVector(DataTypes.STRING, lines.toArray()), SCHEMA, Optional.empty());
      }

      @Override
      public void close() {}
    };
  }

  private long keelScan(StructType readSchema) {
    long[] rowsAndSum = scan(keel, table, readSchema);
    if (rowsAndSum[0] != ROWS) {
      throw new IllegalStateException("Keel read " + rowsAndSum[0] + " rows");
    }
    return rowsAndSum[1];
  }

  /**
   * Reads every row of {@code readSchema} with Keel; returns the rows and the sum of {@code id}.
   */
  static long[] scan(Engine engine, String table, StructType readSchema) {
    long sum = 0;
    long rows = 0;
    try (CloseableIterator<FilteredColumnarBatch> it =
        Table.forPath(engine, table)
            .getLatestSnapshot(engine)
            .getScanBuilder()
            .withReadSchema(readSchema)
            .build()
            .readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnVector id = b.getData().getColumnVector(0);
          int n = b.getData().getSize();
          for (int i = 0; i < n; i++) {
            sum += id.getLong(i);
          }
          rows += n;
        }
      }
    }
    return new long[] {rows, sum};
  }

  private long referenceScan(StructType readSchema) throws IOException {
    io.delta.kernel.Snapshot snapshot =
        io.delta.kernel.Table.forPath(reference, table).getLatestSnapshot(reference);
    io.delta.kernel.types.StructType projected = new io.delta.kernel.types.StructType();
    for (String name : readSchema.fieldNames()) {
      projected = projected.add(snapshot.getSchema().get(name));
    }
    io.delta.kernel.Scan scan = snapshot.getScanBuilder().withReadSchema(projected).build();
    io.delta.kernel.data.Row state = scan.getScanState(reference);
    io.delta.kernel.types.StructType physical =
        io.delta.kernel.internal.data.ScanStateRow.getPhysicalDataReadSchema(state);
    long sum = 0;
    long rows = 0;
    try (io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.FilteredColumnarBatch> files =
        scan.getScanFiles(reference)) {
      while (files.hasNext()) {
        io.delta.kernel.data.FilteredColumnarBatch fb = files.next();
        try (io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.Row> fileRows =
            fb.getRows()) {
          while (fileRows.hasNext()) {
            io.delta.kernel.data.Row file = fileRows.next();
            io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.ColumnarBatch> data =
                reference
                    .getParquetHandler()
                    .readParquetFiles(
                        io.delta.kernel.internal.util.Utils.singletonCloseableIterator(
                            io.delta.kernel.internal.InternalScanFileUtils.getAddFileStatus(file)),
                        physical,
                        Optional.empty())
                    .map(io.delta.kernel.engine.FileReadResult::getData);
            try (io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.FilteredColumnarBatch>
                logical =
                    io.delta.kernel.Scan.transformPhysicalData(reference, state, file, data)) {
              while (logical.hasNext()) {
                io.delta.kernel.data.ColumnarBatch b = logical.next().getData();
                io.delta.kernel.data.ColumnVector id = b.getColumnVector(0);
                int n = b.getSize();
                for (int i = 0; i < n; i++) {
                  sum += id.getLong(i);
                }
                rows += n;
              }
            }
          }
        }
      }
    }
    if (rows != ROWS) {
      throw new IllegalStateException("the reference kernel read " + rows + " rows");
    }
    return sum;
  }

  @Benchmark
  public long keelFull() {
    return keelScan(SCHEMA);
  }

  @Benchmark
  public long keelProjected() {
    return keelScan(PROJECTED);
  }

  @Benchmark
  public long deltaKernelJavaFull() throws IOException {
    return referenceScan(SCHEMA);
  }

  @Benchmark
  public long deltaKernelJavaProjected() throws IOException {
    return referenceScan(PROJECTED);
  }
}
