package dev.keel.connectors.flink;

import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * Sink and source throughput of the Flink connector in a local mini cluster (one task manager, 4
 * slots, jobs at parallelism 2), not JMH: a Flink job is too heavy an operation for JMH's
 * invocation model. Each round times whole jobs, startup included:
 *
 * <ol>
 *   <li>the generator alone (10,000,000 rows of 20 mixed columns made from a sequence, discarded);
 *   <li>the same rows through {@link KeelSink} into a new table, checkpoints every 5 s;
 *   <li>that table read through {@link KeelSource} into a counting, discarding sink, with Flink's
 *       default of copying each row between chained operators and with object reuse;
 *   <li>the same table read by Keel's own {@code Scan.readData} on the default engine, in this JVM
 *       (every row's {@code id} summed).
 * </ol>
 *
 * <p>Run with {@code java ... dev.keel.connectors.flink.FlinkThroughput [rounds]}; the command is
 * in {@code benchmarks/README.md}. Tables go under {@code java.io.tmpdir/keel-bench/flink}.
 */
public final class FlinkThroughput {
  static final long ROWS = Long.getLong("keel.flink.rows", 10_000_000L);
  static final RowType ROW_TYPE =
      RowType.of(
          new LogicalType[] {
            new BigIntType(false),
            new IntType(),
            new SmallIntType(),
            new TinyIntType(),
            new FloatType(),
            new DoubleType(),
            new DecimalType(18, 2),
            new BooleanType(),
            new VarCharType(VarCharType.MAX_LENGTH),
            new VarCharType(VarCharType.MAX_LENGTH),
            new DateType(),
            new LocalZonedTimestampType(6),
            new BigIntType(),
            new DoubleType(),
            new IntType(),
            new VarCharType(VarCharType.MAX_LENGTH),
            new DecimalType(10, 2),
            new VarCharType(VarCharType.MAX_LENGTH),
            new BigIntType(),
            new FloatType()
          },
          new String[] {
            "id", "i", "sh", "b", "f", "d", "dec", "flag", "name", "city", "dt", "ts", "l2", "d2",
            "i2", "code", "amount", "tag", "n", "score"
          });
  private static final String[] CITIES = {
    "Paris", "Lyon", "Berlin", "Madrid", "Rome", "Oslo", "Lima", "Kyoto"
  };

  private FlinkThroughput() {}

  /** Row {@code id} of the generated table: the value shapes of {@code DataReadBenchmark}. */
  static RowData row(long id) {
    return GenericRowData.of(
        id,
        (int) (id * 31 % 1_000_000),
        (short) (id % 30_000),
        (byte) (id % 100),
        (id % 1000) / 8.0f,
        id * 0.25,
        DecimalData.fromBigDecimal(BigDecimal.valueOf(id % 10_000_000, 2), 18, 2),
        id % 3 == 0,
        StringData.fromString("name-" + id % 50_000),
        StringData.fromString(CITIES[(int) (id % CITIES.length)]),
        (int) (19_000 + id % 365),
        TimestampData.fromEpochMillis(1_714_500_000_000L + id % 86_400_000L),
        id * 7,
        id / 3.0,
        (int) (id % 1_000),
        id % 5 == 0 ? null : StringData.fromString("c" + id % 97),
        DecimalData.fromBigDecimal(BigDecimal.valueOf(id % 1_000_000, 2), 10, 2),
        StringData.fromString(id % 2 == 0 ? "even" : "odd"),
        id % 11 == 0 ? null : id,
        (id % 500) / 4.0f);
  }

  /** Counts the rows that pass, in an accumulator. */
  private static final class Count<T> extends RichMapFunction<T, T> {
    private final LongCounter rows = new LongCounter();

    @Override
    public void open(OpenContext context) {
      getRuntimeContext().addAccumulator("rows", rows);
    }

    @Override
    public T map(T value) {
      rows.add(1);
      return value;
    }
  }

  private static StreamExecutionEnvironment env() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    return env;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static double generateOnly() throws Exception {
    StreamExecutionEnvironment env = env();
    env.fromSequence(0, ROWS - 1)
        .map(FlinkThroughput::row)
        .returns(InternalTypeInfo.of(ROW_TYPE))
        .sinkTo(new DiscardingSink<>());
    long start = System.nanoTime();
    env.execute("generate");
    return seconds(start);
  }

  static double write(String path) throws Exception {
    StreamExecutionEnvironment env = env();
    env.enableCheckpointing(5_000);
    env.fromSequence(0, ROWS - 1)
        .map(FlinkThroughput::row)
        .returns(InternalTypeInfo.of(ROW_TYPE))
        .sinkTo(KeelSink.forTable(path).rowType(ROW_TYPE).build());
    long start = System.nanoTime();
    env.execute("write");
    return seconds(start);
  }

  static double readWithFlink(String path) throws Exception {
    return readWithFlink(path, false);
  }

  /**
   * @param objectReuse whether Flink may hand a record to the next chained operator as it is; by
   *     default (off) it deep-copies every row between the source and the counting map
   */
  static double readWithFlink(String path, boolean objectReuse) throws Exception {
    StreamExecutionEnvironment env = env();
    if (objectReuse) {
      env.getConfig().enableObjectReuse();
    }
    env.fromSource(KeelSource.forTable(path).build(), WatermarkStrategy.noWatermarks(), "read")
        .map(new Count<>())
        .returns(InternalTypeInfo.of(ROW_TYPE))
        .sinkTo(new DiscardingSink<>());
    long start = System.nanoTime();
    JobExecutionResult result = env.execute("read");
    double s = seconds(start);
    long rows = result.<Long>getAccumulatorResult("rows");
    if (rows != ROWS) {
      throw new IllegalStateException("read " + rows + " rows, not " + ROWS);
    }
    return s;
  }

  static double readWithKeel(String path) {
    long start = System.nanoTime();
    long rows = 0;
    long sum = 0;
    try (DefaultEngine engine = DefaultEngine.create()) {
      Snapshot snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
      try (CloseableIterator<FilteredColumnarBatch> it =
          snapshot.getScanBuilder().build().readData(engine)) {
        while (it.hasNext()) {
          try (FilteredColumnarBatch b = it.next()) {
            ColumnVector id = b.getData().getColumnVector(0);
            for (int r = 0; r < b.getData().getSize(); r++) {
              if (b.isSelected(r)) {
                rows++;
                sum += id.getLong(r);
              }
            }
          }
        }
      }
    }
    if (rows != ROWS || sum != ROWS * (ROWS - 1) / 2) {
      throw new IllegalStateException("read " + rows + " rows summing to " + sum);
    }
    return seconds(start);
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static String median(List<Double> seconds) {
    List<Double> sorted = new ArrayList<>(seconds);
    sorted.sort(null);
    double m = sorted.get(sorted.size() / 2);
    return String.format(
        "median %.2f s = %,.0f rows/s (all: %s)",
        m, ROWS / m, seconds.stream().map(s -> String.format("%.2f", s)).toList());
  }

  /** Runs one warm-up round and {@code args[0]} (default 3) measured rounds; prints medians. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "keel-bench", "flink");
    MiniClusterWithClientResource cluster = FlinkTestCluster.resource();
    cluster.before();
    try {
      List<Double> generate = new ArrayList<>();
      List<Double> sink = new ArrayList<>();
      List<Double> source = new ArrayList<>();
      List<Double> reuse = new ArrayList<>();
      List<Double> keel = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) {
        Path table = root.resolve("t");
        delete(table);
        double g = generateOnly();
        double w = write(table.toString());
        double f = readWithFlink(table.toString());
        double r = readWithFlink(table.toString(), true);
        double k = readWithKeel(table.toString());
        System.out.printf(
            "round %d%s: generate %.2f s, generate + KeelSink %.2f s, KeelSource %.2f s,"
                + " KeelSource with object reuse %.2f s, Keel readData %.2f s%n",
            round, round == 0 ? " (warm-up)" : "", g, w, f, r, k);
        if (round > 0) {
          generate.add(g);
          sink.add(w);
          source.add(f);
          reuse.add(r);
          keel.add(k);
        }
      }
      System.out.println("generator alone:        " + median(generate));
      System.out.println("generator + KeelSink:   " + median(sink));
      System.out.println("KeelSource (Flink job): " + median(source));
      System.out.println("  with object reuse:    " + median(reuse));
      System.out.println("Keel Scan.readData:     " + median(keel));
    } finally {
      cluster.after();
    }
  }
}
