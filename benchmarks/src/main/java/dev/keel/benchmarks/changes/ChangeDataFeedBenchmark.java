package dev.keel.benchmarks.changes;

import dev.keel.benchmarks.GeneratedTables;
import dev.keel.kernel.Changes;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Reading the change data feed of 1,000 commits (each appending one file of 1,000 rows, change data
 * feed enabled: 1,000,000 insert rows), through Keel's default engine. Scores are rows per second;
 * each invocation reads every change row and sums {@code id}. The reference kernel has no
 * change-data-feed reader to compare with (it returns raw actions only). The table is generated
 * once under {@code java.io.tmpdir/keel-bench/cdf-1000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ChangeDataFeedBenchmark.ROWS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class ChangeDataFeedBenchmark {
  static final int COMMITS = 1000;
  static final int ROWS_PER_COMMIT = 1000;
  static final int ROWS = COMMITS * ROWS_PER_COMMIT;
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, false),
              new StructField("name", DataTypes.STRING, true),
              new StructField("amount", DataTypes.DOUBLE, true)));

  private DefaultEngine engine;
  private String table;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    engine = DefaultEngine.create();
    table = generate(engine).toString();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public long keelChanges() {
    Changes changes =
        Table.forPath(engine, table).getChanges().fromVersion(1).toVersion(COMMITS).build(engine);
    long sum = 0;
    long rows = 0;
    try (CloseableIterator<FilteredColumnarBatch> it = changes.readData(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnVector id = b.getData().getColumnVector(0);
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (b.isSelected(i)) {
              sum += id.getLong(i);
              rows++;
            }
          }
        }
      }
    }
    if (rows != ROWS) {
      throw new IllegalStateException("read " + rows + " change rows, expected " + ROWS);
    }
    return sum;
  }

  static Path generate(DefaultEngine engine) throws IOException {
    return GeneratedTables.generateOnce(
        engine,
        "cdf-1000",
        SCHEMA,
        Map.of("delta.enableChangeDataFeed", "true"),
        COMMITS,
        c -> {
          Object[] lines = new Object[ROWS_PER_COMMIT];
          for (int r = 0; r < ROWS_PER_COMMIT; r++) {
            long id = (long) c * ROWS_PER_COMMIT + r;
            lines[r] =
                "{\"id\":"
                    + id
                    + ",\"name\":\"row "
                    + id
                    + "\",\"amount\":"
                    + (id % 1000) / 10.0
                    + "}";
          }
          return lines;
        });
  }
}
