package dev.keel.benchmarks.maintenance;

import dev.keel.benchmarks.GeneratedTables;
import dev.keel.kernel.MaintenanceResult;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Optimize (bin-packing) of a table of 200 small files (5,000 rows of 4 columns each, one
 * partition) into one file, through Keel's default engine. Each invocation compacts a fresh copy of
 * the table (copied outside the timing). The score is the time per optimize; the {@code
 * bytesRewritten} counter over that time gives MB/s of input rewritten. Generated once under {@code
 * java.io.tmpdir/keel-bench/optimize-200}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
public class OptimizeBenchmark {
  static final int FILES = 200;
  static final int ROWS_PER_FILE = 5000;
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, false),
              new StructField("name", DataTypes.STRING, true),
              new StructField("amount", DataTypes.DOUBLE, true),
              new StructField("day", DataTypes.INTEGER, true)));

  private DefaultEngine engine;
  private Path source;
  private Path copy;

  /** The input bytes of the last optimize, reported per invocation. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    public long bytesRewritten;
  }

  @Setup(Level.Trial)
  public void setup() throws IOException {
    engine = DefaultEngine.create();
    source = generate(engine);
  }

  @Setup(Level.Invocation)
  public void freshCopy() throws IOException {
    copy = Files.createTempDirectory("keel-optimize-");
    try (Stream<Path> all = Files.walk(source)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = copy.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("_generated")) {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @TearDown(Level.Invocation)
  public void dropCopy() throws IOException {
    GeneratedTables.deleteRecursively(copy);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public long keelOptimize(Counters counters) {
    MaintenanceResult r =
        Table.forPath(engine, copy.toString()).optimize(engine, Optional.empty(), 1L << 30);
    if (r.getFilesRemoved() != FILES || r.getFilesAdded() != 1) {
      throw new IllegalStateException(
          "compacted " + r.getFilesRemoved() + " into " + r.getFilesAdded());
    }
    counters.bytesRewritten += r.getBytes();
    return r.getBytes();
  }

  static Path generate(DefaultEngine engine) throws IOException {
    return GeneratedTables.generateOnce(
        engine,
        "optimize-200",
        SCHEMA,
        Map.of("delta.checkpointInterval", "1000"),
        FILES,
        f -> {
          Object[] lines = new Object[ROWS_PER_FILE];
          for (int r = 0; r < ROWS_PER_FILE; r++) {
            long id = (long) f * ROWS_PER_FILE + r;
            lines[r] =
                "{\"id\":"
                    + id
                    + ",\"name\":\"name "
                    + id
                    + "\",\"amount\":"
                    + (id % 997) / 7.0
                    + ",\"day\":"
                    + (id % 365)
                    + "}";
          }
          return lines;
        });
  }
}
