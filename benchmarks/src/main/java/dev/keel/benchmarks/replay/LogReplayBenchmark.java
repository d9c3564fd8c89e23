package dev.keel.benchmarks.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Snapshot load plus enumerating every live file of the 300,000-file table (5 JSON commits, about
 * 46 MB), through Keel and through the reference Delta Kernel Java 4.4.0, in the same run and JVM
 * settings; and the floor: tokenizing the same JSON with Jackson and nothing else. Each invocation
 * starts from a fresh table object (no snapshot reuse).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class LogReplayBenchmark {
  private String table;
  private DefaultEngine keel;
  private io.delta.kernel.engine.Engine reference;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    table = BenchmarkTables.table300k().toString();
    keel = DefaultEngine.create();
    reference = io.delta.kernel.defaults.engine.DefaultEngine.create(new Configuration());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    keel.close();
  }

  @Benchmark
  public long keel() {
    long files = 0;
    try (CloseableIterator<FilteredColumnarBatch> it = Table.forPath(keel, table).getLatestSnapshot(keel).getFiles(keel)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          files += b.getSelectedCount();
        }
      }
    }
    return files;
  }

  @Benchmark
  public long deltaKernelJava() throws Exception {
    long files = 0;
    io.delta.kernel.Snapshot snapshot = io.delta.kernel.Table.forPath(reference, table).getLatestSnapshot(reference);
    try (io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.FilteredColumnarBatch> it =
        snapshot.getScanBuilder().build().getScanFiles(reference)) {
      while (it.hasNext()) {
        io.delta.kernel.data.FilteredColumnarBatch b = it.next();
        int n = b.getData().getSize();
        if (b.getSelectionVector().isPresent()) {
          io.delta.kernel.data.ColumnVector sel = b.getSelectionVector().get();
          for (int i = 0; i < n; i++) {
            if (!sel.isNullAt(i) && sel.getBoolean(i)) {
              files++;
            }
          }
        } else {
          files += n;
        }
      }
    }
    return files;
  }

  private static final JsonFactory JSON = new JsonFactory();

  /** The floor: every token of every commit file read by Jackson's streaming parser, nothing else. */
  @Benchmark
  public long tokenizeFloor() throws Exception {
    long tokens = 0;
    try (Stream<Path> files = Files.list(Path.of(table, "_delta_log"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toArray(Path[]::new)) {
        try (InputStream in = Files.newInputStream(f); JsonParser p = JSON.createParser(in)) {
          while (p.nextToken() != null) {
            tokens++;
          }
        }
      }
    }
    return tokens;
  }
}
